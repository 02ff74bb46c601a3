import { describe, expect, it } from 'vitest';
import { pendingNotifications } from '../../store/notifications.js';
import { draftUnitReport, listUnitReports, submitUnitReport } from '../../store/unit-reports.js';
import { DEMO, givenStore, jobOf, T0 } from '../shared/testing.js';
import { countLateReports } from './handler.js';

const DRAFT = { open: 0, overdue: 0, closed: 0, movedUp: 0, returned: 0, rehandled: 0 };

describe('suqiu.supervision.count-late-reports', () => {
  it('records the reports not submitted by their due time as late and tells those units', async () => {
    // given: the village submitted, the township did not
    const g = givenStore();
    draftUnitReport(g.store.db, { unitId: DEMO.village, period: '2024-W19', dueAt: T0, draft: DRAFT, at: T0 });
    draftUnitReport(g.store.db, { unitId: DEMO.township, period: '2024-W19', dueAt: T0, draft: DRAFT, at: T0 });
    const village = listUnitReports(g.store.db, { units: [DEMO.village], limit: 1, offset: 0 }).items[0]!;
    submitUnitReport(g.store.db, village.id, { content: '本周办结 2 件', staffId: `${DEMO.village}-staff-1`, at: T0 });

    // when
    const out = await countLateReports(jobOf('suqiu.supervision.count-late-reports', { progressReportId: '2024-W19' }), g.deps);

    // then
    expect(out).toEqual({ lateReports: 1 });
    expect(listUnitReports(g.store.db, { late: true, limit: 10, offset: 0 }).items.map((r) => r.unitId)).toEqual([DEMO.township]);
    expect(pendingNotifications(g.store.db).filter((n) => n.recipient === DEMO.township).map((n) => n.text)).toEqual([expect.stringContaining('未按时报送')]);
  });

  it('records once when the same job runs again', async () => {
    // given
    const g = givenStore();
    draftUnitReport(g.store.db, { unitId: DEMO.township, period: '2024-W19', dueAt: T0, draft: DRAFT, at: T0 });
    const job = jobOf('suqiu.supervision.count-late-reports', { progressReportId: '2024-W19' });
    const first = await countLateReports(job, g.deps);
    const notices = pendingNotifications(g.store.db).length;

    // when
    const second = await countLateReports(job, g.deps);

    // then
    expect(second).toEqual(first);
    expect(pendingNotifications(g.store.db)).toHaveLength(notices);
  });
});
