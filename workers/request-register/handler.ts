// suqiu.request.register (登记诉求): records the request (unless the API already did), links it
// to its process instance and opens its case file; it shows on the public board from then on. It
// also marks the instance as asked for (if the API has not yet: it may have stopped between the
// engine taking the start message and recording it), so the API's recovery never republishes the
// start message of a request that has its instance.
import { channels } from '../../domain/index.js';
import { appendCaseEvent } from '../../store/case-file.js';
import { createRequest, markInstanceRequested, setProcessInstanceKey } from '../../store/requests.js';
import { jobKeyOf, onceForJob, type Handler } from '../shared/job.js';
import { isoUtc } from '../shared/records.js';
import { requireUnit } from '../shared/units.js';
import { oneOf, optionalText, text } from '../shared/vars.js';

export const registerRequest: Handler = async (job, deps) => {
  const requestId = text(job, 'requestId');
  const townshipId = text(job, 'townshipId');
  const villageId = optionalText(job, 'villageId');
  const channel = oneOf(job, 'channel', channels.is);
  const summary = text(job, 'summary');
  return onceForJob(deps, job, requestId, (tx) => {
    const at = deps.clock();
    requireUnit(tx, townshipId);
    if (villageId !== undefined) requireUnit(tx, villageId);
    // created by the API with the citizen's details, or here from the process variables
    createRequest(tx, { id: requestId, channel, text: summary, location: { townshipId, villageId }, createdAt: at });
    setProcessInstanceKey(tx, requestId, job.processInstanceKey);
    markInstanceRequested(tx, requestId, at);
    appendCaseEvent(tx, {
      requestId,
      kind: 'registered',
      actor: 'system',
      at,
      detail: { processInstanceKey: job.processInstanceKey },
      idempotencyKey: jobKeyOf(job),
    });
    return { registeredAt: isoUtc(at) };
  });
};
