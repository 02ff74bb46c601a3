// suqiu.supervision.urge (催办通知): the day after a missed deadline (the diagram's timer `urge-due`)
// the responsible unit gets an urging notice, and the supervisors a copy; the urging is recorded
// against the unit and in the case file. The unit keeps working.
import { appendCaseEvent } from '../../store/case-file.js';
import { recordUrging } from '../../store/urgings.js';
import { deadlineJobOf, urgedUnitOf } from '../shared/deadline-job.js';
import { jobKeyOf, onceForJob, type Handler } from '../shared/job.js';
import { notifyUnitAndSupervisors } from '../shared/notifier.js';
import { beijingTime } from '../shared/records.js';

export const urgeHandler: Handler = async (job, deps) => {
  const d = deadlineJobOf(job);
  const { requestId, deadline } = d;
  return onceForJob(deps, job, requestId, (tx) => {
    const at = deps.clock();
    const unit = urgedUnitOf(tx, d);
    recordUrging(tx, { requestId, unitId: unit.id, kind: 'urging', deadline: new Date(deadline), at, idempotencyKey: jobKeyOf(job) });
    notifyUnitAndSupervisors(tx, deps.notifier, at, {
      unitId: unit.id,
      text: `催办通知:诉求 ${requestId} 已于 ${beijingTime(deadline)} 超过办理期限,请${unit.name}立即办理并报告进展`,
      requestId,
      key: jobKeyOf(job),
    });
    appendCaseEvent(tx, { requestId, kind: 'urged', actor: 'system', at, detail: { unitId: unit.id, deadline }, idempotencyKey: jobKeyOf(job) });
    return {};
  });
};
