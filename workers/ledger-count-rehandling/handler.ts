// suqiu.ledger.count-rehandling (登记重办): the citizen was not satisfied. Counts a re-handling
// (二次交办) against the responsible unit, reopens the request and its ledger entry at the same
// level for a new handling round with a fresh time limit, and answers how many times this request
// has been refused at its current level (`reHandleCount`; the diagram moves it up a level from 2
// on). Each level gets its own two chances: after an escalation the count starts again at 1.
import { deadlineFrom } from '../../domain/index.js';
import { countRehandling } from '../../store/follow-ups.js';
import { setDeadline } from '../../store/requests.js';
import { jobKeyOf, onceForJob, type Handler } from '../shared/job.js';
import { requestOf } from '../shared/records.js';
import { unitOfGroup } from '../shared/units.js';
import { optionalText, text } from '../shared/vars.js';

export const countRehandlingHandler: Handler = async (job, deps) => {
  const requestId = text(job, 'requestId');
  const responsibleUnit = text(job, 'responsibleUnit');
  const feedback = optionalText(job, 'feedback');
  return onceForJob(deps, job, requestId, (tx) => {
    const at = deps.clock();
    requestOf(tx, requestId);
    const unit = unitOfGroup(tx, responsibleUnit);
    const { atLevel } = countRehandling(tx, { requestId, idempotencyKey: `${jobKeyOf(job)}#rehandle`, unitId: unit.id, reason: feedback, at });
    const request = requestOf(tx, requestId);
    if (request.timeLimitDays !== null) setDeadline(tx, requestId, request.timeLimitDays, deadlineFrom(at, request.timeLimitDays));
    return { reHandleCount: atLevel };
  });
};
