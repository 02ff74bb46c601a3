// suqiu.extension.grant (登记延期并告知诉求人): the leader in charge approved the unit's extension and
// the diagram has computed the new deadlines (script 顺延办理期限). The extension is recorded (store
// `extensions`), the request's deadline moves to the new one, the case file says so, and the
// citizen (an SMS when the store has their phone) and the unit are told.
import { recordExtension } from '../../store/extensions.js';
import { getCitizen, setDeadline } from '../../store/requests.js';
import { currentDeadline, extensionRequestOf } from '../shared/extension-request.js';
import { jobKeyOf, onceForJob, type Handler } from '../shared/job.js';
import { beijingTime, requestOf } from '../shared/records.js';
import { unitOfGroup } from '../shared/units.js';
import { optionalText, text, wholeNumber } from '../shared/vars.js';

export const grantExtension: Handler = async (job, deps) => {
  const requestId = text(job, 'requestId');
  const responsibleUnit = text(job, 'responsibleUnit');
  const asked = extensionRequestOf(job);
  const newDeadline = currentDeadline(job);
  const note = optionalText(job, 'extensionNote');
  return onceForJob(deps, job, requestId, (tx) => {
    const at = deps.clock();
    const request = requestOf(tx, requestId);
    const unit = unitOfGroup(tx, responsibleUnit);
    recordExtension(tx, {
      requestId,
      unitId: unit.id,
      days: asked.days,
      reason: asked.reason,
      requestedAt: asked.askedAt,
      oldDeadline: asked.deadline,
      approved: true,
      newDeadline,
      decisionNote: note,
      decidedAt: at,
      idempotencyKey: jobKeyOf(job),
    });
    setDeadline(tx, requestId, request.timeLimitDays ?? wholeNumber(job, 'timeLimitDays'), newDeadline);
    const until = beijingTime(newDeadline);
    const phone = getCitizen(tx, requestId)?.phone ?? null;
    if (phone !== null) {
      deps.notifier.notify(
        tx,
        { channel: 'sms', recipient: phone, requestId, key: `${jobKeyOf(job)}:citizen`, text: `您反映的诉求(编号 ${requestId})办理期限经批准延长 ${asked.days} 天,至 ${until}。${unit.name}将继续办理。` },
        at,
      );
    }
    deps.notifier.notify(
      tx,
      { channel: 'internal', recipient: unit.id, requestId, key: `${jobKeyOf(job)}:unit`, text: `诉求 ${requestId} 的延期申请已批准:办理期限延至 ${until}${note === undefined ? '' : `(${note})`}` },
      at,
    );
    return {};
  });
};
