import { describe, expect, it } from 'vitest';
import { pendingNotifications } from '../../store/notifications.js';
import { listUnitReports } from '../../store/unit-reports.js';
import { DEMO, givenStore, jobOf, requestOnLedger } from '../shared/testing.js';
import { reportProgress } from './handler.js';

const DUE = '2024-05-12T01:00:00Z';

describe('suqiu.supervision.report', () => {
  it('drafts every reporting unit\'s weekly report from its ledger, due when the diagram says, named after the ISO week', async () => {
    // given: one request on the township's ledger, one on the village's
    const g = givenStore();
    requestOnLedger(g, 'R-1', 'township');
    requestOnLedger(g, 'R-2', 'village');

    // when
    const out = await reportProgress(jobOf('suqiu.supervision.report', { dueAt: DUE }), g.deps);

    // then
    expect(out).toMatchObject({ progressReportId: '2024-W19', reportDueAt: DUE });
    const reports = listUnitReports(g.store.db, { period: '2024-W19', limit: 500, offset: 0 });
    expect(reports.total).toBe(out.reportedUnits);
    const village = reports.items.find((r) => r.unitId === DEMO.village)!;
    expect(village).toMatchObject({ dueAt: new Date(DUE), submittedAt: null, content: null, late: false });
    expect(village.draft).toMatchObject({ open: 1, closed: 0 });
    expect(reports.items.find((r) => r.unitId === DEMO.township)!.draft).toMatchObject({ open: 1 });
    const toVillage = pendingNotifications(g.store.db).filter((n) => n.recipient === DEMO.village);
    expect(toVillage).toHaveLength(1);
    expect(toVillage[0]!.text).toContain('2024-05-12 09:00');
    expect(toVillage[0]!.text).toContain('在办 1 件');
  });

  it('drafts once when the same job runs again', async () => {
    // given
    const g = givenStore();
    requestOnLedger(g, 'R-1', 'township');
    const job = jobOf('suqiu.supervision.report', { dueAt: DUE });
    const first = await reportProgress(job, g.deps);
    const notices = pendingNotifications(g.store.db).length;

    // when
    const second = await reportProgress(job, g.deps);

    // then
    expect(second).toEqual(first);
    expect(pendingNotifications(g.store.db)).toHaveLength(notices);
    expect(listUnitReports(g.store.db, { limit: 500, offset: 0 }).total).toBe(first.reportedUnits);
  });

  it('raises an incident when the diagram gives no due time', async () => {
    // given
    const g = givenStore();

    // when / then
    await expect(reportProgress(jobOf('suqiu.supervision.report', { dueAt: 'soon' }), g.deps)).rejects.toThrow(/dueAt/);
  });
});
