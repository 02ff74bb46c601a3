// suqiu.return.reject (驳回退单): the special team found the return unfounded; the unit keeps the
// request ("first receiver is responsible") and must accept it. The decision is recorded on the
// return and in the case file, and the unit is told why.
import { decideReturn, getReturn } from '../../store/returns.js';
import { IncidentError, jobKeyOf, onceForJob, type Handler } from '../shared/job.js';
import { requestOf } from '../shared/records.js';
import { returnIdOf } from '../shared/return-id.js';
import { unitOfGroup } from '../shared/units.js';
import { optionalText, text } from '../shared/vars.js';

export const rejectReturnHandler: Handler = async (job, deps) => {
  const requestId = text(job, 'requestId');
  const returnId = returnIdOf(job);
  const responsibleUnit = text(job, 'responsibleUnit');
  const note = optionalText(job, 'decisionNote');
  return onceForJob(deps, job, requestId, (tx) => {
    const at = deps.clock();
    requestOf(tx, requestId);
    const unit = unitOfGroup(tx, responsibleUnit);
    const returned = getReturn(tx, returnId);
    if (returned === undefined || returned.requestId !== requestId) throw new IncidentError(`suqiu.return.reject: no return ${returnId} of request ${requestId}`);
    decideReturn(tx, returnId, { decision: 'rejected', note, at });
    deps.notifier.notify(
      tx,
      { channel: 'internal', recipient: unit.id, requestId, key: jobKeyOf(job), text: `区专班驳回了${unit.name}对诉求 ${requestId} 的退单${note === undefined ? '' : `:${note}`},请受理办理` },
      at,
    );
    return {};
  });
};
