import { describe, expect, it } from 'vitest';
import { caseFile } from './case-file.js';
import type { Conn } from './db.js';
import { decideReturn, recordReturn, returnsOf, returnsPerUnit } from './returns.js';
import { day, receive, storeWithOrganisation, T0 } from './testing.js';

function returnBy(conn: Conn, requestId: string, unitId: string, key: string, at = T0) {
  return recordReturn(conn, { requestId, unitId, level: 'village', reason: 'wrong_locality', note: '不在本村', at, idempotencyKey: key });
}

describe('returns (退单)', () => {
  it('records a return once per key and writes it into the case file', () => {
    // given
    const { db, close } = storeWithOrganisation();
    receive(db, 'r1');

    // when
    const first = returnBy(db, 'r1', 'dingshan-huangliang', 'return:1');
    const again = returnBy(db, 'r1', 'dingshan-huangliang', 'return:1', day(1));

    // then
    expect(again).toEqual(first);
    expect(returnsOf(db, 'r1')).toMatchObject([
      { id: first.id, unitId: 'dingshan-huangliang', level: 'village', reason: 'wrong_locality', note: '不在本村', returnedAt: T0, decision: null },
    ]);
    expect(caseFile(db, 'r1').filter((e) => e.kind === 'returned')).toMatchObject([
      { actor: 'system', at: T0, detail: { returnId: first.id, unitId: 'dingshan-huangliang', reason: 'wrong_locality', note: '不在本村' } },
    ]);
    close();
  });

  it('records a rejection with its note, once, and refuses to turn it into a re-dispatch', () => {
    // given
    const { db, close } = storeWithOrganisation();
    receive(db, 'r1');
    const r = returnBy(db, 'r1', 'dingshan-huangliang', 'return:1');

    // when
    const decided = decideReturn(db, r.id, { decision: 'rejected', note: '经核实属本村', at: day(1), actor: 'district:special-team' });
    const again = decideReturn(db, r.id, { decision: 'rejected', note: '再次', at: day(2) });

    // then
    expect(decided).toMatchObject({ decision: 'rejected', decisionNote: '经核实属本村', decidedAt: day(1), redispatchedToUnitId: null });
    expect(again).toEqual(decided);
    expect(() => decideReturn(db, r.id, { decision: 'redispatched', toUnitId: 'dingshan-xinqiao', at: day(2) })).toThrow(/already rejected/);
    expect(caseFile(db, 'r1').filter((e) => e.kind === 'return_rejected')).toMatchObject([
      { actor: 'district:special-team', at: day(1), detail: { returnId: r.id, note: '经核实属本村' } },
    ]);
    close();
  });

  it('counts returns per unit in a period, with how the special team decided them', () => {
    // given: 黄梁村 returns three requests (one re-dispatched, one rejected, one pending), 新桥村 one, and one long before
    const { db, close } = storeWithOrganisation();
    for (const id of ['r1', 'r2', 'r3', 'r4', 'r0']) receive(db, id);
    const a = returnBy(db, 'r1', 'dingshan-huangliang', 'k1', day(1));
    const b = returnBy(db, 'r2', 'dingshan-huangliang', 'k2', day(2));
    returnBy(db, 'r3', 'dingshan-huangliang', 'k3', day(3));
    returnBy(db, 'r4', 'dingshan-xinqiao', 'k4', day(3));
    returnBy(db, 'r0', 'dingshan-xinqiao', 'k0', day(-30));
    decideReturn(db, a.id, { decision: 'redispatched', toUnitId: 'dingshan-xinqiao', at: day(2) });
    decideReturn(db, b.id, { decision: 'rejected', at: day(3) });

    // when
    const counts = returnsPerUnit(db, { from: T0, to: day(10) });

    // then
    expect(counts).toEqual([
      { unitId: 'dingshan-huangliang', unitName: '黄梁村', returns: 3, redispatched: 1, rejected: 1, pending: 1 },
      { unitId: 'dingshan-xinqiao', unitName: expect.any(String), returns: 1, redispatched: 0, rejected: 0, pending: 1 },
    ]);
    expect(returnsPerUnit(db).find((c) => c.unitId === 'dingshan-xinqiao')?.returns).toBe(2);
    close();
  });
});
