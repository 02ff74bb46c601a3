// suqiu.casefile.archive (一案一卷归档): the request's case file — every step, document and
// signature, kept event by event since it was received — is archived and the request with it.
import { appendCaseEvent, caseFile } from '../../store/case-file.js';
import { setStatus } from '../../store/requests.js';
import { jobKeyOf, onceForJob, type Handler } from '../shared/job.js';
import { requestOf } from '../shared/records.js';
import { text } from '../shared/vars.js';

/** One case file per request (一案一卷): its id follows from the request's. */
export const caseFileIdOf = (requestId: string): string => `CF-${requestId}`;

export const archiveCaseFile: Handler = async (job, deps) => {
  const requestId = text(job, 'requestId');
  const entry = job.variables.ledgerEntryId;
  const ledgerEntryId = typeof entry === 'string' || typeof entry === 'number' ? entry : null;
  return onceForJob(deps, job, requestId, (tx) => {
    const at = deps.clock();
    requestOf(tx, requestId);
    const events = caseFile(tx, requestId).length;
    setStatus(tx, requestId, 'archived');
    appendCaseEvent(tx, {
      requestId,
      kind: 'archived',
      actor: 'system',
      at,
      detail: { caseFileId: caseFileIdOf(requestId), events, ledgerEntryId },
      idempotencyKey: jobKeyOf(job),
    });
    return { caseFileId: caseFileIdOf(requestId) };
  });
};
