import { describe, expect, it } from 'vitest';
import { escalateLedger, ledgerHistory, ledgerOf, openEntryOf, openLedgerEntry } from './ledger.js';
import { assessRequest, getRequest } from './requests.js';
import { day, receive, storeWithOrganisation, T0 } from './testing.js';
import type { Conn } from './db.js';

function assessedAtVillage(conn: Conn, id: string): void {
  receive(conn, id);
  assessRequest(conn, id, {
    listType: 'individual',
    domain: 'water_resources',
    difficulty: 'easy',
    level: 'village',
    responsibleUnitId: 'dingshan-huangliang',
    timeLimitDays: 15,
    deadline: day(15),
  });
  openLedgerEntry(conn, id, 'village', 'dingshan-huangliang', T0);
}

describe('ledger', () => {
  it('opens one entry per request and level however often it is asked', () => {
    // given
    const { db, close } = storeWithOrganisation();
    receive(db, 'r1');

    // when
    const first = openLedgerEntry(db, 'r1', 'village', 'dingshan-huangliang', T0);
    const second = openLedgerEntry(db, 'r1', 'village', 'dingshan-huangliang', day(1));

    // then
    expect([first.opened, second.opened]).toEqual([true, false]);
    expect(second.entry.id).toBe(first.entry.id);
    expect(ledgerOf(db, 'dingshan-huangliang')).toHaveLength(1);
    close();
  });

  it('moves the entry up one level per idempotency key', () => {
    // given
    const { db, close } = storeWithOrganisation();
    assessedAtVillage(db, 'r1');

    // when
    const first = escalateLedger(db, 'r1', { idempotencyKey: 'escalate:1001', reason: '村级无法解决', at: day(3) });
    const repeat = escalateLedger(db, 'r1', { idempotencyKey: 'escalate:1001', at: day(4) });

    // then
    expect(first).toEqual({
      moved: true,
      from: 'village',
      to: 'township',
      fromUnitId: 'dingshan-huangliang',
      toUnitId: 'dingshan',
      entryId: openEntryOf(db, 'r1')?.id,
    });
    expect(repeat).toEqual(first);
    expect(openEntryOf(db, 'r1')).toMatchObject({ level: 'township', unitId: 'dingshan' });
    expect(getRequest(db, 'r1')).toMatchObject({ level: 'township', responsibleUnitId: 'dingshan' });
    const history = ledgerHistory(db, 'r1');
    expect(history.entries.map((e) => [e.level, e.closeReason])).toEqual([
      ['village', 'escalated'],
      ['township', null],
    ]);
    expect(history.movements).toHaveLength(1);
    close();
  });

  it('goes to the lead department at the district, and stays there as backstop', () => {
    // given
    const { db, close } = storeWithOrganisation();
    assessedAtVillage(db, 'r1');
    escalateLedger(db, 'r1', { idempotencyKey: 'a', at: day(1) });

    // when
    const toDistrict = escalateLedger(db, 'r1', { idempotencyKey: 'b', at: day(2) });
    const beyond = escalateLedger(db, 'r1', { idempotencyKey: 'c', at: day(3) });

    // then
    expect(toDistrict).toMatchObject({ moved: true, to: 'district', toUnitId: 'water-bureau' });
    expect(beyond).toEqual({ moved: false, backstop: true, level: 'district' });
    expect(ledgerHistory(db, 'r1').entries.map((e) => e.level)).toEqual(['village', 'township', 'district']);
    close();
  });

  it('takes the unit named by the caller', () => {
    // given
    const { db, close } = storeWithOrganisation();
    assessedAtVillage(db, 'r1');
    escalateLedger(db, 'r1', { idempotencyKey: 'a' });

    // when
    const moved = escalateLedger(db, 'r1', { idempotencyKey: 'b', toUnitId: 'special-team' });

    // then
    expect(moved).toMatchObject({ to: 'district', toUnitId: 'special-team' });
    close();
  });
});
