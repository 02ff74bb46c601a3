// suqiu.joint.record-non-report (记录未按时报到): a department named in joint handling has not
// reported within the limit. The non-report is recorded against it on the whistle the township
// blew (it counts in the rankings) and the department and the supervisors are told; the
// department must still report.
//
// The whistle is a person's act, recorded by the API when the township named the departments
// (key `joint:<joint-handling instance key>`). Without it, or when it does not name the
// department, there is nothing to record the non-report on: an incident, and no whistle is made up.
import { IncidentError, jobKeyOf, onceForJob, type Handler } from '../shared/job.js';
import { notifyUnitAndSupervisors } from '../shared/notifier.js';
import { requestOf } from '../shared/records.js';
import { requireUnit, unitOfGroup } from '../shared/units.js';
import { object, text } from '../shared/vars.js';
import { recordNonReportOnWhistle, whistleKeyOf } from './whistles.js';

export const recordNonReport: Handler = async (job, deps) => {
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
    const key = whistleKeyOf(job.processInstanceKey);
    const outcome = recordNonReportOnWhistle(tx, { requestId, departmentId: unit.id, processInstanceKey: job.processInstanceKey, at });
    switch (outcome) {
      case 'no-whistle':
        throw new IncidentError(
          `request ${requestId}: no whistle is recorded under ${key}, so ${unit.name}'s non-report has nothing to be recorded on ` +
            '(the township blows the whistle through the API when it names the departments)',
        );
      case 'other-request':
        throw new IncidentError(`request ${requestId}: the whistle recorded under ${key} belongs to another request`);
      case 'not-named':
        throw new IncidentError(`request ${requestId}: the whistle recorded under ${key} does not name ${unit.name} (${departmentGroup})`);
      case 'already':
        return {};
      case 'recorded':
        notifyUnitAndSupervisors(tx, deps.notifier, at, {
          unitId: unit.id,
          text: `${unit.name}未在时限内报到(诉求 ${requestId}${task ? `:${task}` : ''}),已记录,请立即报到`,
          requestId,
          key: jobKeyOf(job),
        });
        return {};
    }
  });
};
