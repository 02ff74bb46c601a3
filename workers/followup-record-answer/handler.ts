// suqiu.followup.record-answer (记录回访结果): records the citizen's answer for this handling
// round; an unsatisfied answer goes on to re-handling in the diagram. The answer is one of three
// (`satisfaction`: satisfied 满意, basically_satisfied 基本满意, unsatisfied 不满意), recorded as
// given; a caller that only says yes or no (`satisfied`, e.g. the replay) is recorded as satisfied
// or unsatisfied. Whether the request goes on to re-handling is the diagram's `satisfied`.
import type { Satisfaction } from '../../domain/index.js';
import { recordFollowUp } from '../../store/follow-ups.js';
import { onceForJob, type Handler } from '../shared/job.js';
import { requestOf } from '../shared/records.js';
import { bool, optionalOneOf, optionalText, text } from '../shared/vars.js';

const ANSWERS: readonly Satisfaction[] = ['satisfied', 'basically_satisfied', 'unsatisfied'];
const isAnswer = (v: unknown): v is Satisfaction => typeof v === 'string' && (ANSWERS as readonly string[]).includes(v);

export const recordAnswer: Handler = async (job, deps) => {
  const requestId = text(job, 'requestId');
  const answer = optionalOneOf(job, 'satisfaction', isAnswer);
  const outcome: Satisfaction = answer ?? (bool(job, 'satisfied') ? 'satisfied' : 'unsatisfied');
  const feedback = optionalText(job, 'feedback');
  return onceForJob(deps, job, requestId, (tx) => {
    requestOf(tx, requestId);
    recordFollowUp(tx, { requestId, outcome, note: feedback, at: deps.clock() });
    return {};
  });
};
