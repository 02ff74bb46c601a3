// suqiu.deadline.mark-overdue (到期未办结): the deadline has passed. The request is marked overdue
// (the mark counts against the responsible unit in the rankings), and the unit and supervisors are
// told. The unit keeps working.
import { markOverdue } from '../../store/requests.js';
import { deadlineJobOf, urgedUnitOf } from '../shared/deadline-job.js';
import { jobKeyOf, onceForJob, type Handler } from '../shared/job.js';
import { notifyUnitAndSupervisors } from '../shared/notifier.js';
import { beijingTime } from '../shared/records.js';

export const markOverdueHandler: Handler = async (job, deps) => {
  const d = deadlineJobOf(job);
  const { requestId, deadline } = d;
  return onceForJob(deps, job, requestId, (tx) => {
    const at = deps.clock();
    const unit = urgedUnitOf(tx, d);
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
