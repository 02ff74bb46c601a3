import { describe, expect, it } from 'vitest';
import { blowWhistle, whistleReports } from '../../store/joint-handling.js';
import { pendingNotifications } from '../../store/notifications.js';
import { DEMO_DUTIES } from '../../store/seed/demo.js';
import { DEMO, givenStore, jobOf, requestOnLedger, T0 } from '../shared/testing.js';
import { recordNonReport, recordNonReportHandler } from './handler.js';
import type { WhistleRecords } from './whistles.js';

const WATER = DEMO_DUTIES.water_resources;
const HOUSING = DEMO_DUTIES.urban_rural_construction;
const vars = (unitId: string) => ({ requestId: 'R-1', townshipId: DEMO.township, department: { unit: `department:${unitId}`, task: '检修管道' } });

describe('suqiu.joint.record-non-report', () => {
  it("records the non-report against the department on the township's whistle", async () => {
    // given: the township blew the whistle for two departments
    const g = givenStore();
    requestOnLedger(g, 'R-1', 'township');
    const { whistleId } = blowWhistle(g.store.db, {
      requestId: 'R-1',
      blownByUnitId: DEMO.township,
      departmentIds: [WATER, HOUSING],
      reportDueAt: T0,
      idempotencyKey: 'api-whistle-1',
    });

    // when
    const out = await recordNonReport(jobOf('suqiu.joint.record-non-report', vars(WATER)), g.deps);

    // then
    expect(out).toEqual({});
    const reports = whistleReports(g.store.db, whistleId);
    expect(reports.find((r) => r.departmentId === WATER)?.nonReportRecordedAt).toEqual(T0);
    expect(reports.find((r) => r.departmentId === HOUSING)?.nonReportRecordedAt).toBeNull();
    expect(pendingNotifications(g.store.db).map((n) => n.recipient)).toContain(WATER);
  });

  it('blows the whistle of the joint-handling instance when the store has none yet', async () => {
    // given
    const g = givenStore();
    requestOnLedger(g, 'R-1', 'township');
    const calls: unknown[] = [];
    const fake: WhistleRecords = {
      recordNonReport: (_conn, n) => {
        calls.push(n);
        return true;
      },
    };

    // when
    await recordNonReportHandler(fake)(jobOf('suqiu.joint.record-non-report', vars(WATER)), g.deps);
    await recordNonReport(jobOf('suqiu.joint.record-non-report', vars(HOUSING)), g.deps);

    // then
    expect(calls).toMatchObject([{ requestId: 'R-1', townshipId: DEMO.township, departmentId: WATER }]);
    expect(pendingNotifications(g.store.db).map((n) => n.recipient)).toContain(HOUSING);
  });

  it('records once when the same job runs again', async () => {
    // given
    const g = givenStore();
    requestOnLedger(g, 'R-1', 'township');
    const job = jobOf('suqiu.joint.record-non-report', vars(WATER));
    await recordNonReport(job, g.deps);
    const notices = pendingNotifications(g.store.db).length;

    // when
    await recordNonReport(job, g.deps);

    // then
    expect(pendingNotifications(g.store.db)).toHaveLength(notices);
  });
});
