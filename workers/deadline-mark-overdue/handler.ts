// suqiu.deadline.mark-overdue (到期未办结): the deadline has passed. The request is marked overdue
// (the mark counts against the responsible unit in the rankings), and the unit and supervisors are
// told. The unit keeps working.
import { markOverdue } from '../../store/requests.js';
import { jobKeyOf, onceForJob, type Handler } from '../shared/job.js';
import { notifyUnitAndSupervisors } from '../shared/notifier.js';
import { beijingTime, requestOf } from '../shared/records.js';
import { unitOfGroup } from '../shared/units.js';
import { object, text } from '../shared/vars.js';

export const markOverdueHandler: Handler = async (job, deps) => {
  const requestId = text(job, 'requestId');
  const responsibleUnit = text(job, 'responsibleUnit');
  const deadline = String(object(job, 'deadlines').deadline ?? '');
  return onceForJob(deps, job, requestId, (tx) => {
    const at = deps.clock();
    requestOf(tx, requestId);
    const unit = unitOfGroup(tx, responsibleUnit);
    markOverdue(tx, requestId, at);
    notifyUnitAndSupervisors(tx, deps.notifier, at, {
      unitId: unit.id,
      text: `诉求 ${requestId} 已超过办理期限(${beijingTime(deadline)}),记${unit.name}超期一次`,
      requestId,
      key: jobKeyOf(job),
    });
    return { overdue: true };
  });
};
