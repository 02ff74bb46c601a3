// suqiu.followup.record-answer (记录回访结果): records the citizen's answer for this handling
// round; an unsatisfied answer goes on to re-handling in the diagram.
import { recordFollowUp } from '../../store/follow-ups.js';
import { onceForJob, type Handler } from '../shared/job.js';
import { requestOf } from '../shared/records.js';
import { bool, optionalText, text } from '../shared/vars.js';

export const recordAnswer: Handler = async (job, deps) => {
  const requestId = text(job, 'requestId');
  const satisfied = bool(job, 'satisfied');
  const feedback = optionalText(job, 'feedback');
  return onceForJob(deps, job, requestId, (tx) => {
    requestOf(tx, requestId);
    recordFollowUp(tx, { requestId, outcome: satisfied ? 'satisfied' : 'unsatisfied', note: feedback, at: deps.clock() });
    return {};
  });
};
