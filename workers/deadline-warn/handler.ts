// suqiu.deadline.warn (临期预警): the deadline is near; the responsible unit and the district's
// supervisors are told, and the reminder is recorded as the first of the request's urgings
// (催办 before the deadline). The unit keeps working.
import { appendCaseEvent } from '../../store/case-file.js';
import { recordUrging } from '../../store/urgings.js';
import { jobKeyOf, onceForJob, type Handler } from '../shared/job.js';
import { notifyUnitAndSupervisors } from '../shared/notifier.js';
import { beijingTime, requestOf } from '../shared/records.js';
import { unitOfGroup } from '../shared/units.js';
import { object, text } from '../shared/vars.js';

export const warnDeadline: Handler = async (job, deps) => {
  const requestId = text(job, 'requestId');
  const responsibleUnit = text(job, 'responsibleUnit');
  const deadline = String(object(job, 'deadlines').deadline ?? '');
  return onceForJob(deps, job, requestId, (tx) => {
    const at = deps.clock();
    requestOf(tx, requestId);
    const unit = unitOfGroup(tx, responsibleUnit);
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
