// suqiu.board.update (更新公开榜): the public board is a projection of the requests table
// (store `publicBoard`: progress only, never the citizen, phone and ID numbers masked), so it shows
// the request's current state as soon as the store has it. This step records in the case file what
// was published and when, and checks that nothing personal goes out.
import { appendCaseEvent } from '../../store/case-file.js';
import { jobKeyOf, onceForJob, type Handler } from '../shared/job.js';
import { requestOf } from '../shared/records.js';
import { text } from '../shared/vars.js';

export const updateBoard: Handler = async (job, deps) => {
  const requestId = text(job, 'requestId');
  return onceForJob(deps, job, requestId, (tx) => {
    const request = requestOf(tx, requestId);
    appendCaseEvent(tx, {
      requestId,
      kind: 'published',
      actor: 'system',
      at: deps.clock(),
      // the board's own columns only: no citizen, no free text
      detail: { status: request.status, level: request.level, listType: request.listType, domain: request.domain },
      idempotencyKey: jobKeyOf(job),
    });
    return {};
  });
};
