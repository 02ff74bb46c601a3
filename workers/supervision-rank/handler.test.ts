import { describe, expect, it } from 'vitest';
import { pendingNotifications } from '../../store/notifications.js';
import { rankingSnapshot } from '../../store/rankings.js';
import { assessRequest, closeRequest } from '../../store/requests.js';
import { receive } from '../../store/testing.js';
import { givenStore, jobOf, T0, type Given } from '../shared/testing.js';
import { rankUnitsHandler } from './handler.js';

/** what supervision-cycle's 督办规则 gives the job (the diagram's values, here the test's input) */
const RULES = { supervisionRules: { redShare: 0.1, blackShare: 0.1 } };

function assigned(g: Given, id: string, townshipId: string, closed: boolean): void {
  receive(g.store.db, id, { townshipId, villageId: undefined });
  assessRequest(g.store.db, id, {
    listType: 'individual', domain: 'water_resources', difficulty: 'hard', level: 'township',
    responsibleUnitId: townshipId, timeLimitDays: 30, deadline: new Date(T0.getTime() + 30 * 86_400_000),
  });
  if (closed) closeRequest(g.store.db, id, T0);
}

describe('suqiu.supervision.rank', () => {
  it('puts the best township on the red list and the worst on the black list, for the week, the month and the year', async () => {
    // given: dingshan closed both, huacheng none
    const g = givenStore();
    assigned(g, 'R-1', 'dingshan', true);
    assigned(g, 'R-2', 'dingshan', true);
    assigned(g, 'R-3', 'huacheng', false);

    // when
    const out = await rankUnitsHandler(jobOf('suqiu.supervision.rank', { progressReportId: '2024-W19', ...RULES }), g.deps);

    // then
    expect(out.redList).toEqual([{ unit: 'township:dingshan', unitName: '鼎山镇', closureRate: 1, reasons: ['closure_rate_top'] }]);
    expect(out.blackList).toEqual([{ unit: 'township:huacheng', unitName: '化成镇', closureRate: 0, reasons: ['closure_rate_bottom'] }]);
    expect(out.rankedUnits).toEqual([
      expect.objectContaining({ unit: 'township:dingshan', colour: 'red', rank: 1, assigned: 2, closureRate: 1, interviewOpen: false }),
      expect.objectContaining({ unit: 'township:huacheng', colour: 'black', rank: 2, assigned: 1, closureRate: 0, interviewOpen: false }),
    ]);
    for (const period of ['2024-W19', '2024-05', '2024']) {
      expect(rankingSnapshot(g.store.db, period).filter((r) => r.colour !== 'none').map((r) => [r.unitId, r.colour, r.reasons])).toEqual([
        ['dingshan', 'red', ['closure_rate_top']],
        ['huacheng', 'black', ['closure_rate_bottom']],
      ]);
    }
    expect(pendingNotifications(g.store.db).find((n) => n.recipient === 'huacheng')!.text).toContain('黑榜');
  });

  it('follows the shares the diagram gives: none on the lists with a share of 0', async () => {
    // given
    const g = givenStore();
    assigned(g, 'R-1', 'dingshan', true);
    assigned(g, 'R-3', 'huacheng', false);

    // when
    const out = await rankUnitsHandler(jobOf('suqiu.supervision.rank', { progressReportId: '2024-W19', supervisionRules: { redShare: 0, blackShare: 0 } }), g.deps);

    // then
    expect(out.redList).toEqual([]);
    expect(out.blackList).toEqual([]);
  });

  it('raises an incident for a share the diagram got wrong', async () => {
    // given
    const g = givenStore();

    // when / then
    await expect(rankUnitsHandler(jobOf('suqiu.supervision.rank', { progressReportId: '2024-W19', supervisionRules: { redShare: 10, blackShare: 0.1 } }), g.deps)).rejects.toThrow(
      /redShare/,
    );
  });

  it('answers the same lists when the same job runs again', async () => {
    // given
    const g = givenStore();
    assigned(g, 'R-1', 'dingshan', true);
    assigned(g, 'R-3', 'huacheng', false);
    const job = jobOf('suqiu.supervision.rank', { progressReportId: '2024-W19', ...RULES });
    const first = await rankUnitsHandler(job, g.deps);

    // when
    assigned(g, 'R-4', 'huacheng', true);
    const second = await rankUnitsHandler(job, g.deps);

    // then
    expect(second).toEqual(first);
  });
});
