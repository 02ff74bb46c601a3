// suqiu.supervision.order (督办单): while a request stays past its deadline after the urging notice,
// the diagram's cycle `order-due` fires (5 days after the urging, then every 5 days) and the
// responsible unit gets a numbered supervision order, its leaders and the supervisors a copy. Each
// is recorded against the unit: a request urged like this and still stalled may be handed to the
// discipline commission.
import { appendCaseEvent } from '../../store/case-file.js';
import { staffOfUnit } from '../../store/org-units.js';
import { recordUrging, urgingCount } from '../../store/urgings.js';
import { deadlineJobOf, urgedUnitOf } from '../shared/deadline-job.js';
import { jobKeyOf, onceForJob, type Handler } from '../shared/job.js';
import { notifyUnitAndSupervisors } from '../shared/notifier.js';
import { beijingTime } from '../shared/records.js';

export const supervisionOrderHandler: Handler = async (job, deps) => {
  const d = deadlineJobOf(job);
  const { requestId, deadline } = d;
  return onceForJob(deps, job, requestId, (tx) => {
    const at = deps.clock();
    const unit = urgedUnitOf(tx, d);
    const key = jobKeyOf(job);
    recordUrging(tx, { requestId, unitId: unit.id, kind: 'supervision_order', deadline: new Date(deadline), at, idempotencyKey: key });
    const n = urgingCount(tx, requestId, 'supervision_order', new Date(deadline));
    const days = Math.floor((at.getTime() - Date.parse(deadline)) / 86_400_000);
    const message = `督办单(第 ${n} 次):诉求 ${requestId} 已超期 ${days} 天(期限 ${beijingTime(deadline)}),请${unit.name}主要领导、分管领导督促办结并书面报告`;
    notifyUnitAndSupervisors(tx, deps.notifier, at, { unitId: unit.id, text: message, requestId, key });
    for (const leader of [...staffOfUnit(tx, unit.id, 'main_leader'), ...staffOfUnit(tx, unit.id, 'leader_in_charge')]) {
      deps.notifier.notify(tx, { channel: 'internal', recipient: leader.id, text: message, requestId, key: `${key}:${leader.id}` }, at);
    }
    appendCaseEvent(tx, { requestId, kind: 'supervision_order', actor: 'system', at, detail: { unitId: unit.id, deadline, number: n }, idempotencyKey: key });
    return {};
  });
};
