import { describe, expect, it } from 'vitest';
import {
  backstopCasesOf,
  getBackstopCase,
  openBackstopCase,
  openBackstopCaseOf,
  recordBackstopPlan,
  recordBackstopReview,
  resolveBackstopCase,
} from './backstop.js';
import { caseFile } from './case-file.js';
import { day, receive, storeWithOrganisation } from './testing.js';

describe('backstop cases', () => {
  it('keep the plan, the monthly reviews in order and the resolution of a case', () => {
    // given
    const { db, close } = storeWithOrganisation();
    receive(db, 'r1');
    const { caseId } = openBackstopCase(db, { requestId: 'r1', idempotencyKey: 'enter:1', at: day(1) });

    // when
    const planned = recordBackstopPlan(db, caseId, '一案一策:区财政安排专项资金', { at: day(3) });
    const reviews = [31, 61, 92].map((d, i) => recordBackstopReview(db, { caseId, note: `第${i + 1}次调度`, idempotencyKey: `review:${i}`, at: day(d) }));
    const resolved = resolveBackstopCase(db, caseId, { note: '已化解', at: day(100) });

    // then
    expect(caseId).toBe('BS-r1-1');
    expect(planned).toBe(true);
    expect(reviews.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(resolved).toBe(true);
    expect(getBackstopCase(db, caseId)).toMatchObject({
      requestId: 'r1',
      enteredAt: day(1),
      plan: '一案一策:区财政安排专项资金',
      plannedAt: day(3),
      resolvedAt: day(100),
      resolutionNote: '已化解',
      reviews: [
        { seq: 1, note: '第1次调度', reviewedAt: day(31) },
        { seq: 2, note: '第2次调度', reviewedAt: day(61) },
        { seq: 3, note: '第3次调度', reviewedAt: day(92) },
      ],
    });
    expect(openBackstopCaseOf(db, 'r1')).toBeUndefined();
    expect(caseFile(db, 'r1').map((e) => e.kind)).toEqual([
      'received', 'backstop_entered', 'backstop_plan', 'backstop_review', 'backstop_review', 'backstop_review', 'backstop_resolved',
    ]);
    close();
  });

  it('record each step once: the same key, a second plan or a second resolution change nothing', () => {
    // given
    const { db, close } = storeWithOrganisation();
    receive(db, 'r1');
    const first = openBackstopCase(db, { requestId: 'r1', idempotencyKey: 'enter:1', at: day(1) });
    recordBackstopPlan(db, first.caseId, 'A', { at: day(2) });
    recordBackstopReview(db, { caseId: first.caseId, idempotencyKey: 'review:7', at: day(30) });
    resolveBackstopCase(db, first.caseId, { at: day(40) });

    // when
    const again = openBackstopCase(db, { requestId: 'r1', idempotencyKey: 'enter:1', at: day(5) });
    const secondPlan = recordBackstopPlan(db, first.caseId, 'B', { at: day(6) });
    const sameReview = recordBackstopReview(db, { caseId: first.caseId, idempotencyKey: 'review:7', at: day(31) });
    const secondResolution = resolveBackstopCase(db, first.caseId, { at: day(50) });
    const later = openBackstopCase(db, { requestId: 'r1', idempotencyKey: 'enter:2', at: day(60) });

    // then
    expect(again).toEqual(first);
    expect(secondPlan).toBe(false);
    expect(sameReview).toEqual({ seq: 1, recorded: false });
    expect(secondResolution).toBe(false);
    expect(later.caseId).toBe('BS-r1-2');
    expect(backstopCasesOf(db, 'r1').map((c) => [c.id, c.plan, c.reviews.length, c.resolvedAt])).toEqual([
      ['BS-r1-1', 'A', 1, day(40)],
      ['BS-r1-2', null, 0, null],
    ]);
    expect(openBackstopCaseOf(db, 'r1')?.id).toBe('BS-r1-2');
    close();
  });
});
