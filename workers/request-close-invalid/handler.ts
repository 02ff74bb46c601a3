// suqiu.request.close-invalid (按无效诉求关闭): the village has explained to the citizen; the
// request is closed as invalid (it leaves the public board) with both notes in its case file.
import { appendCaseEvent } from '../../store/case-file.js';
import { closeRequest } from '../../store/requests.js';
import { jobKeyOf, onceForJob, type Handler } from '../shared/job.js';
import { isoUtc, requestOf } from '../shared/records.js';
import { optionalText, text } from '../shared/vars.js';

export const closeInvalid: Handler = async (job, deps) => {
  const requestId = text(job, 'requestId');
  const screeningNote = optionalText(job, 'screeningNote');
  const explanationNote = optionalText(job, 'explanationNote');
  return onceForJob(deps, job, requestId, (tx) => {
    const at = deps.clock();
    requestOf(tx, requestId);
    appendCaseEvent(tx, {
      requestId,
      kind: 'explained_invalid',
      actor: 'system',
      at,
      detail: { screeningNote, explanationNote },
      idempotencyKey: jobKeyOf(job),
    });
    closeRequest(tx, requestId, at, 'invalid');
    return { closedAt: isoUtc(requestOf(tx, requestId).closedAt ?? at) };
  });
};
