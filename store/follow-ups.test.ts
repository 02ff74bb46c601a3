import { describe, expect, it } from 'vitest';
import { caseFile } from './case-file.js';
import { countRehandling, followUpsOf, recordFollowUp, rehandlingCount } from './follow-ups.js';
import { escalateLedger, openEntryOf, openLedgerEntry } from './ledger.js';
import { assessRequest, closeRequest, getRequest } from './requests.js';
import { day, receive, storeWithOrganisation, T0 } from './testing.js';
import type { Conn } from './db.js';

function closedAtVillage(conn: Conn, id: string): void {
  receive(conn, id);
  assessRequest(conn, id, {
    listType: 'individual',
    domain: 'urban_rural_construction',
    difficulty: 'easy',
    level: 'village',
    responsibleUnitId: 'dingshan-huangliang',
    timeLimitDays: 15,
    deadline: day(15),
  });
  openLedgerEntry(conn, id, 'village', 'dingshan-huangliang', T0);
  closeRequest(conn, id, day(5));
}

describe('follow-up', () => {
  it('records one answer per round and archives a satisfied request', () => {
    // given
    const { db, close } = storeWithOrganisation();
    closedAtVillage(db, 'r1');

    // when
    const first = recordFollowUp(db, { requestId: 'r1', outcome: 'satisfied', at: day(6) });
    const again = recordFollowUp(db, { requestId: 'r1', outcome: 'unsatisfied', at: day(7) });

    // then
    expect(first).toMatchObject({ recorded: true, decision: { action: 'archive' } });
    expect(again).toMatchObject({ recorded: false, followUp: { outcome: 'satisfied' }, decision: { action: 'archive' } });
    expect(followUpsOf(db, 'r1')).toHaveLength(1);
    close();
  });

  it('re-handles a first refusal at the same level and escalates a second', () => {
    // given
    const { db, close } = storeWithOrganisation();
    closedAtVillage(db, 'r1');

    // when
    const firstRefusal = recordFollowUp(db, { requestId: 'r1', outcome: 'unsatisfied', at: day(6) });
    countRehandling(db, { requestId: 'r1', idempotencyKey: 'rehandle:1', reason: '群众不满意', at: day(6) });
    closeRequest(db, 'r1', day(9));
    const secondRefusal = recordFollowUp(db, { requestId: 'r1', outcome: 'unsatisfied', at: day(10) });

    // then
    expect(firstRefusal.decision).toEqual({ action: 'rehandle', level: 'village' });
    expect(secondRefusal.decision).toEqual({ action: 'escalate', level: 'township' });
    expect(followUpsOf(db, 'r1').map((f) => f.round)).toEqual([1, 2]);
    close();
  });

  it('starts counting refusals afresh at the new level after escalation', () => {
    // given
    const { db, close } = storeWithOrganisation();
    closedAtVillage(db, 'r1');
    recordFollowUp(db, { requestId: 'r1', outcome: 'unsatisfied', at: day(6) });
    countRehandling(db, { requestId: 'r1', idempotencyKey: 'rh:1', at: day(6) });
    recordFollowUp(db, { requestId: 'r1', outcome: 'unsatisfied', at: day(8) });
    escalateLedger(db, 'r1', { idempotencyKey: 'esc:1', at: day(8) });
    countRehandling(db, { requestId: 'r1', idempotencyKey: 'rh:2', at: day(8) });

    // when
    const atTownship = recordFollowUp(db, { requestId: 'r1', outcome: 'unsatisfied', at: day(20) });
    const counted = countRehandling(db, { requestId: 'r1', idempotencyKey: 'rh:3', at: day(20) });

    // then
    expect(atTownship.decision).toEqual({ action: 'rehandle', level: 'township' });
    expect(counted).toMatchObject({ total: 3, atLevel: 2 });
    close();
  });
});

describe('re-handling', () => {
  it('counts a re-handling once per key and reopens the request', () => {
    // given
    const { db, close } = storeWithOrganisation();
    closedAtVillage(db, 'r1');

    // when
    const first = countRehandling(db, { requestId: 'r1', idempotencyKey: 'rehandle:9', at: day(6) });
    const repeat = countRehandling(db, { requestId: 'r1', idempotencyKey: 'rehandle:9', at: day(7) });
    const next = countRehandling(db, { requestId: 'r1', idempotencyKey: 'rehandle:10', at: day(8) });

    // then
    expect(first).toEqual({ round: 2, total: 1, atLevel: 1 });
    expect(repeat).toEqual(first);
    expect(next).toEqual({ round: 3, total: 2, atLevel: 2 });
    expect(rehandlingCount(db, 'r1')).toBe(2);
    expect(rehandlingCount(db, 'r1', 'village')).toBe(2);
    expect(rehandlingCount(db, 'r1', 'township')).toBe(0);
    expect(getRequest(db, 'r1')).toMatchObject({ status: 'rehandling', closedAt: null });
    expect(caseFile(db, 'r1').filter((e) => e.kind === 'rehandling')).toHaveLength(2);
    expect(openEntryOf(db, 'r1')).toMatchObject({ level: 'village', unitId: 'dingshan-huangliang' });
    close();
  });
});
