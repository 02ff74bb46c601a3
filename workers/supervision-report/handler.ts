// suqiu.supervision.report (每周报送): drafts each unit's weekly report from its own ledger (this
// year up to now) and asks the unit's leaders to submit it by `dueAt`, the time the diagram sets
// (supervision-cycle's 督办规则). The report is named after the ISO week (Beijing time), e.g.
// `2025-W10`; the ranking files its lists under the same name. Units that report: the kinds in
// ./kinds.ts. Drafting never submits: the leader does, through the API.
import { unitsOfKind } from '../../store/org-units.js';
import { draftUnitReport } from '../../store/unit-reports.js';
import { ledgerFigures, sumFigures } from '../../store/unit-ledger.js';
import { IncidentError, jobKeyOf, onceForJob, type Handler } from '../shared/job.js';
import { beijingTime, isoUtc, isoWeek, startOfYear } from '../shared/records.js';
import { text } from '../shared/vars.js';
import { REPORTED_KINDS } from './kinds.js';

export const reportProgress: Handler = async (job, deps) => {
  const dueAt = new Date(text(job, 'dueAt'));
  if (Number.isNaN(dueAt.getTime())) throw new IncidentError(`dueAt is not a date: ${String(job.variables.dueAt)}`);
  return onceForJob(deps, job, undefined, (tx) => {
    const at = deps.clock();
    const period = isoWeek(at);
    const units = unitsOfKind(tx, ...REPORTED_KINDS);
    const figures = ledgerFigures(tx, { units: units.map((u) => u.id), from: startOfYear(at), to: new Date(at.getTime() + 1) });
    for (const unit of units) {
      const draft = sumFigures(figures.filter((f) => f.unitId === unit.id));
      draftUnitReport(tx, { unitId: unit.id, period, dueAt, draft, at });
      deps.notifier.notify(
        tx,
        {
          channel: 'internal',
          recipient: unit.id,
          key: `${jobKeyOf(job)}:${unit.id}`,
          text: `请于 ${beijingTime(dueAt)} 前报送 ${period} 周进展(已按台账起草:在办 ${draft.open} 件,超期 ${draft.overdue} 件,办结 ${draft.closed} 件,上移 ${draft.movedUp} 件,退单 ${draft.returned} 件,重办 ${draft.rehandled} 件),由单位领导审核提交`,
        },
        at,
      );
    }
    return { progressReportId: period, reportedUnits: units.length, reportDueAt: isoUtc(dueAt) };
  });
};
