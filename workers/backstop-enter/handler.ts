// suqiu.backstop.enter (纳入区级兜底): nothing is above the district; the request becomes a
// backstop case on the agenda of the monthly joint meeting (党政联席会议), and the district and
// its supervisors are told.
import { appendCaseEvent, caseFile } from '../../store/case-file.js';
import { unitsOfKind } from '../../store/org-units.js';
import { jobKeyOf, onceForJob, type Handler } from '../shared/job.js';
import { notifyUnitAndSupervisors } from '../shared/notifier.js';
import { requestOf } from '../shared/records.js';
import { optionalText, text } from '../shared/vars.js';

const KIND = 'backstop_entered';

export const enterBackstop: Handler = async (job, deps) => {
  const requestId = text(job, 'requestId');
  const ledgerEntryId = optionalText(job, 'ledgerEntryId');
  return onceForJob(deps, job, requestId, (tx) => {
    const at = deps.clock();
    requestOf(tx, requestId);
    // a request can come back to the backstop (refused twice at the district): number the cases
    const n = caseFile(tx, requestId).filter((e) => e.kind === KIND).length + 1;
    const backstopCaseId = `BS-${requestId}-${n}`;
    appendCaseEvent(tx, { requestId, kind: KIND, actor: 'system', at, detail: { backstopCaseId, ledgerEntryId }, idempotencyKey: jobKeyOf(job) });
    notifyUnitAndSupervisors(tx, deps.notifier, at, {
      unitId: unitsOfKind(tx, 'district')[0]?.id,
      text: `诉求 ${requestId} 纳入区级兜底(${backstopCaseId}),请列入党政联席会议议程`,
      requestId,
      key: jobKeyOf(job),
    });
    return { backstopCaseId };
  });
};
