// suqiu.followup.record-no-response (记录未回复): the citizen did not answer within 7 days; that
// is recorded (it does not reopen the request, nor count in the satisfaction rate).
import { recordFollowUp } from '../../store/follow-ups.js';
import { onceForJob, type Handler } from '../shared/job.js';
import { requestOf } from '../shared/records.js';
import { text } from '../shared/vars.js';

export const recordNoResponse: Handler = async (job, deps) => {
  const requestId = text(job, 'requestId');
  return onceForJob(deps, job, requestId, (tx) => {
    requestOf(tx, requestId);
    recordFollowUp(tx, { requestId, outcome: 'no_response', at: deps.clock() });
    return { satisfaction: 'no_response' };
  });
};
