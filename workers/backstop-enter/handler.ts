// suqiu.backstop.enter (纳入区级兜底): nothing is above the district; the request becomes a
// backstop case (store `backstop_cases`) on the agenda of the monthly joint meeting (党政联席会议),
// and the joint meeting and the district's supervisors are told. The plan, the monthly reviews and
// the resolution are recorded by the workbench as staff complete those tasks.
import { openBackstopCase } from '../../store/backstop.js';
import { ledgerHistory } from '../../store/ledger.js';
import { unitOfCandidateGroup, unitsOfKind } from '../../store/org-units.js';
import { jobKeyOf, onceForJob, type Handler } from '../shared/job.js';
import { notifyUnitAndSupervisors } from '../shared/notifier.js';
import { requestOf } from '../shared/records.js';
import { optionalText, text } from '../shared/vars.js';

export const JOINT_MEETING_GROUP = 'district:joint-meeting';

export const enterBackstop: Handler = async (job, deps) => {
  const requestId = text(job, 'requestId');
  const entry = optionalText(job, 'ledgerEntryId');
  return onceForJob(deps, job, requestId, (tx) => {
    const at = deps.clock();
    requestOf(tx, requestId);
    // the ledger entry the case comes from, when the variable names one of this request's
    const ledgerEntryId = ledgerHistory(tx, requestId).entries.find((e) => String(e.id) === entry)?.id;
    // a request can come back to the backstop (refused twice at the district): the cases are numbered
    const { caseId } = openBackstopCase(tx, { requestId, ledgerEntryId, idempotencyKey: `${jobKeyOf(job)}#case`, at });
    notifyUnitAndSupervisors(tx, deps.notifier, at, {
      unitId: (unitOfCandidateGroup(tx, JOINT_MEETING_GROUP) ?? unitsOfKind(tx, 'district')[0])?.id,
      text: `诉求 ${requestId} 纳入区级兜底(${caseId}),请列入党政联席会议议程`,
      requestId,
      key: jobKeyOf(job),
    });
    return { backstopCaseId: caseId };
  });
};
