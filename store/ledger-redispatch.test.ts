import { describe, expect, it } from 'vitest';
import { caseFile } from './case-file.js';
import type { Conn } from './db.js';
import { ledgerHistory, openEntryOf, openLedgerEntry, redispatchLedger } from './ledger.js';
import { assessRequest, getRequest } from './requests.js';
import { day, receive, storeWithOrganisation, T0 } from './testing.js';

function onVillageLedger(conn: Conn, id: string): void {
  receive(conn, id);
  assessRequest(conn, id, {
    listType: 'individual', domain: 'water_resources', difficulty: 'easy', level: 'village',
    responsibleUnitId: 'dingshan-huangliang', timeLimitDays: 15, deadline: day(15),
  });
  openLedgerEntry(conn, id, 'village', 'dingshan-huangliang', T0);
}

describe('redispatchLedger (改派)', () => {
  it('moves the entry to another unit at the same level, once per key', () => {
    // given
    const { db, close } = storeWithOrganisation();
    onVillageLedger(db, 'r1');

    // when
    const first = redispatchLedger(db, 'r1', { idempotencyKey: 'redispatch:1', toUnitId: 'dingshan-xinqiao', reason: '属地不符', at: day(1) });
    const again = redispatchLedger(db, 'r1', { idempotencyKey: 'redispatch:1', toUnitId: 'dingshan-xinqiao', at: day(2) });

    // then
    expect(again).toEqual(first);
    expect(first).toEqual({ from: 'village', to: 'village', fromUnitId: 'dingshan-huangliang', toUnitId: 'dingshan-xinqiao', entryId: openEntryOf(db, 'r1')!.id });
    const { entries, movements } = ledgerHistory(db, 'r1');
    expect(entries.map((e) => [e.level, e.unitId, e.closedAt, e.closeReason])).toEqual([
      ['village', 'dingshan-huangliang', day(1), 'redispatched'],
      ['village', 'dingshan-xinqiao', null, null],
    ]);
    expect(movements).toMatchObject([{ fromLevel: 'village', toLevel: 'village', fromUnitId: 'dingshan-huangliang', toUnitId: 'dingshan-xinqiao', reason: '属地不符', movedAt: day(1) }]);
    expect(getRequest(db, 'r1')).toMatchObject({ level: 'village', responsibleUnitId: 'dingshan-xinqiao', status: 'assigned' });
    expect(caseFile(db, 'r1').filter((e) => e.kind === 'redispatched')).toHaveLength(1);
    close();
  });

  it('moves the entry to the level of the new unit (a village returns what a district department owns)', () => {
    // given
    const { db, close } = storeWithOrganisation();
    onVillageLedger(db, 'r1');

    // when
    const moved = redispatchLedger(db, 'r1', { idempotencyKey: 'redispatch:1', toUnitId: 'water-bureau', at: day(1) });

    // then
    expect(moved).toMatchObject({ from: 'village', to: 'district', toUnitId: 'water-bureau' });
    expect(openEntryOf(db, 'r1')).toMatchObject({ level: 'district', unitId: 'water-bureau' });
    expect(getRequest(db, 'r1')).toMatchObject({ level: 'district', responsibleUnitId: 'water-bureau' });
    close();
  });

  it('refuses an unknown unit and the unit that already holds it, and changes nothing', () => {
    // given
    const { db, close } = storeWithOrganisation();
    onVillageLedger(db, 'r1');

    // when / then
    expect(() => redispatchLedger(db, 'r1', { idempotencyKey: 'k1', toUnitId: 'no-such-village', at: day(1) })).toThrow(/no org unit/);
    expect(() => redispatchLedger(db, 'r1', { idempotencyKey: 'k2', toUnitId: 'dingshan-huangliang', at: day(1) })).toThrow(/already with/);
    expect(ledgerHistory(db, 'r1').movements).toEqual([]);
    expect(openEntryOf(db, 'r1')).toMatchObject({ unitId: 'dingshan-huangliang' });
    close();
  });
});
