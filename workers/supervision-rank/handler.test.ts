import { describe, expect, it } from 'vitest';
import { rankingSnapshot } from '../../store/rankings.js';
import { closeRequest } from '../../store/requests.js';
import { receive } from '../../store/testing.js';
import { assessRequest } from '../../store/requests.js';
import { givenStore, jobOf, T0, type Given } from '../shared/testing.js';
import { rankUnitsHandler } from './handler.js';

function assigned(g: Given, id: string, townshipId: string, closed: boolean): void {
  receive(g.store.db, id, { townshipId, villageId: undefined });
  assessRequest(g.store.db, id, {
    listType: 'individual', domain: 'water_resources', difficulty: 'hard', level: 'township',
    responsibleUnitId: townshipId, timeLimitDays: 30, deadline: new Date(T0.getTime() + 30 * 86_400_000),
  });
  if (closed) closeRequest(g.store.db, id, T0);
}

describe('suqiu.supervision.rank', () => {
  it('puts the best township on the red list and the worst on the black list, and keeps the ranking', async () => {
    // given: dingshan closed both, huacheng none
    const g = givenStore();
    assigned(g, 'R-1', 'dingshan', true);
    assigned(g, 'R-2', 'dingshan', true);
    assigned(g, 'R-3', 'huacheng', false);

    // when
    const out = await rankUnitsHandler(jobOf('suqiu.supervision.rank', { progressReportId: '2024-W19' }), g.deps);

    // then
    expect(out.redList).toEqual([{ unit: 'township:dingshan', unitName: '鼎山镇', closureRate: 1, reasons: ['closure_rate_top'] }]);
    expect(out.blackList).toEqual([{ unit: 'township:huacheng', unitName: '化成镇', closureRate: 0, reasons: ['closure_rate_bottom'] }]);
    expect(rankingSnapshot(g.store.db, '2024-W19').filter((r) => r.colour !== 'none').map((r) => [r.unitId, r.colour])).toEqual([
      ['dingshan', 'red'],
      ['huacheng', 'black'],
    ]);
  });

  it('answers the same lists when the same job runs again', async () => {
    // given
    const g = givenStore();
    assigned(g, 'R-1', 'dingshan', true);
    assigned(g, 'R-3', 'huacheng', false);
    const job = jobOf('suqiu.supervision.rank', { progressReportId: '2024-W19' });
    const first = await rankUnitsHandler(job, g.deps);

    // when
    assigned(g, 'R-4', 'huacheng', true);
    const second = await rankUnitsHandler(job, g.deps);

    // then
    expect(second).toEqual(first);
  });
});
