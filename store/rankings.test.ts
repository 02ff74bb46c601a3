import { describe, expect, it } from 'vitest';
import type { Conn } from './db.js';
import { countRehandling, recordFollowUp } from './follow-ups.js';
import { blowWhistle, recordNonReports } from './joint-handling.js';
import { ranking, rankingSnapshot, saveRankingSnapshot, unitCounts } from './rankings.js';
import { assessRequest, closeRequest, markOverdue } from './requests.js';
import { day, receive, storeWithOrganisation, T0 } from './testing.js';

// the red/black shares supervision-cycle's 督办规则 gives today (the diagram's rule; here the test's input)
const TEN_PERCENT = { red: 0.1, black: 0.1 };

let seq = 0;
/** A request at a township, closed or not, overdue or not. */
function at(conn: Conn, townshipId: string, options: { closed?: boolean; overdue?: boolean; createdAt?: Date } = {}): string {
  const id = `r${++seq}`;
  receive(conn, id, { townshipId, villageId: undefined, createdAt: options.createdAt ?? T0 });
  assessRequest(conn, id, {
    listType: 'individual',
    domain: 'water_resources',
    difficulty: 'hard',
    level: 'township',
    responsibleUnitId: townshipId,
    timeLimitDays: 30,
    deadline: day(30),
  });
  if (options.overdue) markOverdue(conn, id, day(31));
  if (options.closed) closeRequest(conn, id, day(10));
  return id;
}

/** Five townships/streets: dingshan 4/4 closed, huacheng 3/4, zengkou 3/4 but better satisfaction, dongcheng 1/4, jiangbei none. */
function fixture(conn: Conn): void {
  for (let i = 0; i < 4; i++) at(conn, 'dingshan', { closed: true });
  const h = [at(conn, 'huacheng', { closed: true }), at(conn, 'huacheng', { closed: true }), at(conn, 'huacheng', { closed: true })];
  at(conn, 'huacheng', { overdue: true });
  const z = [at(conn, 'zengkou', { closed: true }), at(conn, 'zengkou', { closed: true }), at(conn, 'zengkou', { closed: true })];
  at(conn, 'zengkou');
  const d = at(conn, 'dongcheng', { closed: true });
  for (let i = 0; i < 3; i++) at(conn, 'dongcheng', { overdue: true });
  at(conn, 'dongcheng', { createdAt: day(400), closed: true }); // outside the period below

  recordFollowUp(conn, { requestId: h[0], outcome: 'unsatisfied', at: day(11) });
  countRehandling(conn, { requestId: h[0], idempotencyKey: 'rh', at: day(11) });
  recordFollowUp(conn, { requestId: h[1], outcome: 'satisfied', at: day(11) });
  recordFollowUp(conn, { requestId: z[0], outcome: 'satisfied', at: day(11) });
  recordFollowUp(conn, { requestId: z[1], outcome: 'basically_satisfied', at: day(11) });
  recordFollowUp(conn, { requestId: z[2], outcome: 'no_response', at: day(11) });
  recordFollowUp(conn, { requestId: d, outcome: 'satisfied', at: day(11) });
}

const period = { from: day(-1), to: day(100), kinds: ['township' as const, 'street' as const] };

describe('rankings', () => {
  it('counts per unit what was assigned, closed, overdue, re-handled and how citizens answered', () => {
    // given
    const { db, close } = storeWithOrganisation();
    fixture(db);

    // when
    const counts = unitCounts(db, period);

    // then
    expect(counts.map((c) => [c.unitId, c.assigned, c.closed, c.overdue, c.rehandled, c.content, c.answered])).toEqual([
      ['dingshan', 4, 4, 0, 0, 0, 0],
      ['dongcheng', 4, 1, 3, 0, 1, 1],
      ['huacheng', 4, 2, 1, 1, 1, 2],
      ['jiangbei', 0, 0, 0, 0, 0, 0],
      ['zengkou', 4, 3, 0, 0, 2, 2],
    ]);
    close();
  });

  it('ranks by closure rate, breaks ties by satisfaction and splits red and black', () => {
    // given
    const { db, close } = storeWithOrganisation();
    fixture(db);

    // when
    const ranked = ranking(db, TEN_PERCENT, period);

    // then
    expect(ranked.map((u) => [u.unitId, u.rank, u.colour])).toEqual([
      ['dingshan', 1, 'red'],
      ['zengkou', 2, 'none'],
      ['huacheng', 3, 'none'],
      ['dongcheng', 4, 'black'],
      ['jiangbei', undefined, 'none'],
    ]);
    expect(ranked.find((u) => u.unitId === 'huacheng')).toMatchObject({ closureRate: 0.5, satisfactionRate: 0.5, overdueRate: 0.25, rehandlingRate: 0.25 });
    close();
  });

  it('counts non-reports against departments', () => {
    // given
    const { db, close } = storeWithOrganisation();
    const id = at(db, 'dingshan');
    const { whistleId } = blowWhistle(db, { requestId: id, blownByUnitId: 'dingshan', departmentIds: ['water-bureau'], reportDueAt: day(2), idempotencyKey: 'w', at: T0 });
    recordNonReports(db, whistleId, day(2));

    // when
    const counts = unitCounts(db, { ...period, kinds: ['department'] });

    // then
    expect(counts.find((c) => c.unitId === 'water-bureau')?.nonReports).toBe(1);
    expect(counts.find((c) => c.unitId === 'health-bureau')?.nonReports).toBe(0);
    close();
  });

  it('keeps one snapshot per period and unit, however often it is saved', () => {
    // given
    const { db, close } = storeWithOrganisation();
    fixture(db);
    const ranked = ranking(db, TEN_PERCENT, period);

    // when
    saveRankingSnapshot(db, '2024-W19', ranked, day(7));
    saveRankingSnapshot(db, '2024-W19', ranked, day(8));

    // then
    const snapshot = rankingSnapshot(db, '2024-W19');
    expect(snapshot.map((s) => [s.unitId, s.rank, s.colour])).toEqual([
      ['dingshan', 1, 'red'],
      ['zengkou', 2, 'none'],
      ['huacheng', 3, 'none'],
      ['dongcheng', 4, 'black'],
      ['jiangbei', null, 'none'],
    ]);
    expect(snapshot[0]).toMatchObject({ closureRate: 1, satisfactionRate: null, takenAt: day(8) });
    close();
  });
});
