import { describe, expect, it } from 'vitest';
import { pendingNotifications } from '../../store/notifications.js';
import { DEMO, givenStore, jobOf, requestOnLedger } from '../shared/testing.js';
import { reportProgress } from './handler.js';

describe('suqiu.supervision.report', () => {
  it("sends each unit with work its week's progress and names the report after the ISO week", async () => {
    // given: one request at the township, one at the village
    const g = givenStore();
    requestOnLedger(g, 'R-1', 'township');
    requestOnLedger(g, 'R-2', 'village');

    // when
    const out = await reportProgress(jobOf('suqiu.supervision.report', {}), g.deps);

    // then
    expect(out).toEqual({ progressReportId: '2024-W19', reportedUnits: 2 });
    const notices = pendingNotifications(g.store.db);
    expect(notices.map((n) => n.recipient).sort()).toEqual([DEMO.township, DEMO.village].sort());
    expect(notices[0]!.text).toContain('交办 1 件');
  });

  it('reports once when the same job runs again', async () => {
    // given
    const g = givenStore();
    requestOnLedger(g, 'R-1', 'township');
    const job = jobOf('suqiu.supervision.report', {});
    const first = await reportProgress(job, g.deps);

    // when
    const second = await reportProgress(job, g.deps);

    // then
    expect(second).toEqual(first);
    expect(pendingNotifications(g.store.db)).toHaveLength(1);
  });
});
