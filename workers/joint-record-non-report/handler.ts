// suqiu.joint.record-non-report (记录未按时报到): a department named in joint handling has not
// reported within the limit. The non-report is recorded against it (it counts in the rankings) and
// the department and the supervisors are told; the department must still report.
import { jobKeyOf, onceForJob, type Deps, type Handler } from '../shared/job.js';
import { notifyUnitAndSupervisors } from '../shared/notifier.js';
import { requestOf } from '../shared/records.js';
import { requireUnit, unitOfGroup } from '../shared/units.js';
import { object, text } from '../shared/vars.js';
import { storeWhistleRecords, type WhistleRecords } from './whistles.js';

export function recordNonReportHandler(whistles: WhistleRecords = storeWhistleRecords): Handler {
  return async (job, deps: Deps) => {
    const requestId = text(job, 'requestId');
    const townshipId = text(job, 'townshipId');
    const department = object(job, 'department');
    const departmentGroup = typeof department.unit === 'string' ? department.unit : '';
    const task = typeof department.task === 'string' ? department.task : '';
    return onceForJob(deps, job, requestId, (tx) => {
      const at = deps.clock();
      requestOf(tx, requestId);
      requireUnit(tx, townshipId);
      const unit = unitOfGroup(tx, departmentGroup);
      const recorded = whistles.recordNonReport(tx, { requestId, townshipId, departmentId: unit.id, processInstanceKey: job.processInstanceKey, at });
      if (recorded) {
        notifyUnitAndSupervisors(tx, deps.notifier, at, {
          unitId: unit.id,
          text: `${unit.name}未在时限内报到(诉求 ${requestId}${task ? `:${task}` : ''}),已记录,请立即报到`,
          requestId,
          key: jobKeyOf(job),
        });
      }
      return {};
    });
  };
}

export const recordNonReport: Handler = recordNonReportHandler();
