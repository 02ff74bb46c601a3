// suqiu.supervision.open-interview (约谈立案): opens the interview record of the unit the diagram
// chose (its 选定约谈单位 script: the unit and why), for the ranking period, and tells the unit
// and the discipline commission. The interview itself is a person's act: the interviewer records
// it when completing the `interview` task.
import { getOrgUnit } from '../../store/org-units.js';
import { openInterview } from '../../store/interviews.js';
import { IncidentError, jobKeyOf, onceForJob, type Handler } from '../shared/job.js';
import { unitOfGroup } from '../shared/units.js';
import { object, text } from '../shared/vars.js';

const REASON_LABELS: Readonly<Record<string, string>> = {
  black_list: '列入黑榜',
  low_closure_rate: '化解率低',
  low_satisfaction_rate: '满意率低',
  high_rehandling_rate: '重办率高',
};

export const openInterviewHandler: Handler = async (job, deps) => {
  const interviewee = object(job, 'interviewee');
  const period = text(job, 'progressReportId');
  const reasons = Array.isArray(interviewee.reasons) ? interviewee.reasons.map(String) : [];
  if (typeof interviewee.unit !== 'string') throw new IncidentError('interviewee.unit is missing');
  return onceForJob(deps, job, undefined, (tx) => {
    const at = deps.clock();
    const unit = unitOfGroup(tx, interviewee.unit as string);
    const interviewId = openInterview(tx, { unitId: unit.id, period, reasons, at });
    const why = reasons.map((r) => REASON_LABELS[r] ?? r).join('、');
    const text_ = `${unit.name}因${why}(${period}),将被约谈`;
    deps.notifier.notify(tx, { channel: 'internal', recipient: unit.id, text: text_, key: `${jobKeyOf(job)}:${unit.id}` }, at);
    if (getOrgUnit(tx, 'discipline-commission') !== undefined) {
      deps.notifier.notify(tx, { channel: 'internal', recipient: 'discipline-commission', text: text_, key: `${jobKeyOf(job)}:discipline-commission` }, at);
    }
    return { interviewId };
  });
};
