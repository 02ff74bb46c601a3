// suqiu.deadline.warn (临期预警): the deadline is near; the responsible unit and the district's
// supervisors are told, and the reminder is recorded as the first of the request's urgings
// (催办 before the deadline). The unit keeps working.
import { appendCaseEvent } from '../../store/case-file.js';
import { recordUrging } from '../../store/urgings.js';
import { deadlineJobOf, urgedUnitOf } from '../shared/deadline-job.js';
import { jobKeyOf, onceForJob, type Handler } from '../shared/job.js';
import { notifyUnitAndSupervisors } from '../shared/notifier.js';
import { beijingTime } from '../shared/records.js';

export const warnDeadline: Handler = async (job, deps) => {
  const d = deadlineJobOf(job);
  const { requestId, deadline } = d;
  return onceForJob(deps, job, requestId, (tx) => {
    const at = deps.clock();
    const unit = urgedUnitOf(tx, d);
    notifyUnitAndSupervisors(tx, deps.notifier, at, {
      unitId: unit.id,
      text: `诉求 ${requestId} 将于 ${beijingTime(deadline)} 到期,请${unit.name}抓紧办理`,
      requestId,
      key: jobKeyOf(job),
    });
    recordUrging(tx, { requestId, unitId: unit.id, kind: 'reminder', deadline: new Date(deadline), at, idempotencyKey: jobKeyOf(job) });
    appendCaseEvent(tx, { requestId, kind: 'deadline_warning', actor: 'system', at, detail: { unitId: unit.id, deadline }, idempotencyKey: jobKeyOf(job) });
    return {};
  });
};
