// suqiu.extension.refuse (不予延期): the extension was refused, by the leader in charge (审批延期) or
// by the rule that extensions are asked before the deadline (`refusedBy`, set by the diagram's
// input mapping on each of the two tasks of this type). The refusal is recorded (store
// `extensions`, no new deadline) and the unit is told; the deadline and its timers stay.
import { recordExtension } from '../../store/extensions.js';
import { extensionRequestOf } from '../shared/extension-request.js';
import { jobKeyOf, onceForJob, type Handler } from '../shared/job.js';
import { beijingTime, requestOf } from '../shared/records.js';
import { unitOfGroup } from '../shared/units.js';
import { oneOf, optionalText, text } from '../shared/vars.js';

const isRefusedBy = (value: unknown): value is 'leader' | 'rule' => value === 'leader' || value === 'rule';

/** what the record says when the rule refused: nobody wrote a note */
const LATE = '申请时办理期限已届满,按规定不予延期';

export const refuseExtension: Handler = async (job, deps) => {
  const requestId = text(job, 'requestId');
  const responsibleUnit = text(job, 'responsibleUnit');
  const refusedBy = oneOf(job, 'refusedBy', isRefusedBy);
  const asked = extensionRequestOf(job);
  // only the leader's refusal carries the leader's note (an earlier round's may still be visible)
  const note = refusedBy === 'leader' ? optionalText(job, 'extensionNote') : LATE;
  return onceForJob(deps, job, requestId, (tx) => {
    const at = deps.clock();
    requestOf(tx, requestId);
    const unit = unitOfGroup(tx, responsibleUnit);
    recordExtension(tx, {
      requestId,
      unitId: unit.id,
      days: asked.days,
      reason: asked.reason,
      requestedAt: asked.askedAt,
      oldDeadline: asked.deadline,
      approved: false,
      refusedBy,
      decisionNote: note,
      decidedAt: at,
      idempotencyKey: jobKeyOf(job),
    });
    const deadline = beijingTime(asked.deadline);
    const message =
      refusedBy === 'rule'
        ? `诉求 ${requestId} 的延期申请须在办理期限(${deadline})届满前提出,不予延期,请抓紧办结`
        : `诉求 ${requestId} 的延期申请未获批准${note === undefined ? '' : `:${note}`},请在 ${deadline} 前办结`;
    deps.notifier.notify(tx, { channel: 'internal', recipient: unit.id, requestId, key: jobKeyOf(job), text: message }, at);
    return {};
  });
};
