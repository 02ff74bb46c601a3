// suqiu.request.merge (并单): the screening found the request to be the same matter as `mergeInto`
// (the master). It is marked merged and follows the master's progress from now on; both case
// files say so, and the citizen who asked is told by SMS (when a phone number is on file), with the
// number to follow: their own lookup code keeps working and shows the master's progress.
import { getCitizen, mergeRequest } from '../../store/requests.js';
import { IncidentError, jobKeyOf, onceForJob, type Handler } from '../shared/job.js';
import { isoUtc, requestOf } from '../shared/records.js';
import { text } from '../shared/vars.js';

export const mergeRequestHandler: Handler = async (job, deps) => {
  const requestId = text(job, 'requestId');
  const intoId = text(job, 'mergeInto');
  return onceForJob(deps, job, requestId, (tx) => {
    const at = deps.clock();
    requestOf(tx, requestId);
    if (intoId === requestId) throw new IncidentError(`request "${requestId}" cannot be merged into itself`);
    const master = requestOf(tx, intoId);
    if (master.mergedInto !== null) throw new IncidentError(`request "${intoId}" was itself merged into "${master.mergedInto}": merge into that one`);
    if (master.status === 'invalid') throw new IncidentError(`request "${intoId}" was closed as invalid: nothing can be merged into it`);
    mergeRequest(tx, { id: requestId, intoId, at });
    const phone = getCitizen(tx, requestId)?.phone ?? null;
    if (phone !== null) {
      deps.notifier.notify(
        tx,
        {
          channel: 'sms',
          recipient: phone,
          requestId,
          key: jobKeyOf(job),
          text: `您反映的诉求(编号 ${requestId})与诉求 ${intoId} 为同一事项,已合并办理。用原编号和查询码可继续查询办理进度。`,
        },
        at,
      );
    }
    return { mergedAt: isoUtc(at) };
  });
};
