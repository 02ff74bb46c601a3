import { describe, expect, it } from 'vitest';
import { caseFile } from '../../store/case-file.js';
import { blowWhistle, recordReport, whistleReports, whistlesOf } from '../../store/joint-handling.js';
import { pendingNotifications } from '../../store/notifications.js';
import { DEMO_DUTIES } from '../../store/seed/demo.js';
import { IncidentError } from '../shared/job.js';
import { DEMO, givenStore, jobOf, requestOnLedger, T0, type Given } from '../shared/testing.js';
import { recordNonReport } from './handler.js';

const WATER = DEMO_DUTIES.water_resources;
const HOUSING = DEMO_DUTIES.urban_rural_construction;
/** the joint-handling instance of the jobs `jobOf` builds */
const JOINT_INSTANCE = jobOf('any', {}).processInstanceKey;
const vars = (unitId: string, requestId = 'R-1') => ({ requestId, townshipId: DEMO.township, department: { unit: `department:${unitId}`, task: '检修管道' } });

/** The whistle as the API records it when the township names the departments. */
function townshipBlowsTheWhistle(g: Given, departmentIds: string[], requestId = 'R-1'): number {
  return blowWhistle(g.store.db, {
    requestId,
    blownByUnitId: DEMO.township,
    departmentIds,
    reportDueAt: T0,
    idempotencyKey: `joint:${JOINT_INSTANCE}`,
    actor: 'dingshan-staff-3',
  }).whistleId;
}

describe('suqiu.joint.record-non-report', () => {
  it("records the non-report against the department on the township's whistle and tells it and the supervisors", async () => {
    // given: the township blew the whistle for two departments
    const g = givenStore();
    requestOnLedger(g, 'R-1', 'township');
    const whistleId = townshipBlowsTheWhistle(g, [WATER, HOUSING]);

    // when
    const out = await recordNonReport(jobOf('suqiu.joint.record-non-report', vars(WATER)), g.deps);

    // then
    expect(out).toEqual({});
    const reports = whistleReports(g.store.db, whistleId);
    expect(reports.find((r) => r.departmentId === WATER)?.nonReportRecordedAt).toEqual(T0);
    expect(reports.find((r) => r.departmentId === HOUSING)?.nonReportRecordedAt).toBeNull();
    expect(pendingNotifications(g.store.db).map((n) => n.recipient)).toContain(WATER);
  });

  it('never blows a whistle: with none recorded for the joint handling it raises an incident and records nothing', async () => {
    // given: no whistle in the store (the township's task was completed past the API)
    const g = givenStore();
    requestOnLedger(g, 'R-1', 'township');
    const events = caseFile(g.store.db, 'R-1').length;

    // when
    const recorded = recordNonReport(jobOf('suqiu.joint.record-non-report', vars(WATER)), g.deps);

    // then
    await expect(recorded).rejects.toThrow(IncidentError);
    await expect(recorded).rejects.toThrow(`no whistle is recorded under joint:${JOINT_INSTANCE}`);
    expect(whistlesOf(g.store.db, 'R-1')).toEqual([]);
    expect(caseFile(g.store.db, 'R-1')).toHaveLength(events);
    expect(pendingNotifications(g.store.db)).toEqual([]);
  });

  it('raises an incident for a department the whistle does not name, and adds none to it', async () => {
    // given: the whistle names the housing bureau only
    const g = givenStore();
    requestOnLedger(g, 'R-1', 'township');
    const whistleId = townshipBlowsTheWhistle(g, [HOUSING]);

    // when
    const recorded = recordNonReport(jobOf('suqiu.joint.record-non-report', vars(WATER)), g.deps);

    // then
    await expect(recorded).rejects.toThrow(IncidentError);
    await expect(recorded).rejects.toThrow(/does not name/);
    expect(whistleReports(g.store.db, whistleId).map((r) => r.departmentId)).toEqual([HOUSING]);
  });

  it("raises an incident when the instance's whistle belongs to another request", async () => {
    // given
    const g = givenStore();
    requestOnLedger(g, 'R-1', 'township');
    requestOnLedger(g, 'R-2', 'township');
    townshipBlowsTheWhistle(g, [WATER], 'R-2');

    // when
    const recorded = recordNonReport(jobOf('suqiu.joint.record-non-report', vars(WATER, 'R-1')), g.deps);

    // then
    await expect(recorded).rejects.toThrow(/belongs to another request/);
  });

  it('tells no one when the department reported just before the job ran', async () => {
    // given
    const g = givenStore();
    requestOnLedger(g, 'R-1', 'township');
    const whistleId = townshipBlowsTheWhistle(g, [WATER]);
    recordReport(g.store.db, whistleId, WATER, T0);

    // when
    await recordNonReport(jobOf('suqiu.joint.record-non-report', vars(WATER)), g.deps);

    // then
    expect(whistleReports(g.store.db, whistleId)[0]).toMatchObject({ reportedAt: T0, nonReportRecordedAt: null });
    expect(pendingNotifications(g.store.db)).toEqual([]);
  });

  it('records once when the same job runs again', async () => {
    // given
    const g = givenStore();
    requestOnLedger(g, 'R-1', 'township');
    townshipBlowsTheWhistle(g, [WATER]);
    const job = jobOf('suqiu.joint.record-non-report', vars(WATER));
    await recordNonReport(job, g.deps);
    const notices = pendingNotifications(g.store.db).length;

    // when
    await recordNonReport(job, g.deps);

    // then
    expect(notices).toBeGreaterThan(0);
    expect(pendingNotifications(g.store.db)).toHaveLength(notices);
  });
});
