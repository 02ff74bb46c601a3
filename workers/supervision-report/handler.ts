// suqiu.supervision.report (每周进展报告): each unit's progress this year up to now (assigned,
// closed, overdue, re-handled, non-reports), sent to the unit as its weekly report. The report is
// named after the ISO week (Beijing time), e.g. `2025-W10`; the ranking step files its lists under
// the same name.
import { unitCounts } from '../../store/rankings.js';
import { jobKeyOf, onceForJob, type Handler } from '../shared/job.js';
import { isoWeek, startOfYear } from '../shared/records.js';
import { REPORTED_KINDS } from './kinds.js';

export const reportProgress: Handler = async (job, deps) =>
  onceForJob(deps, job, undefined, (tx) => {
    const at = deps.clock();
    const period = isoWeek(at);
    const counts = unitCounts(tx, { kinds: REPORTED_KINDS, from: startOfYear(at), to: new Date(at.getTime() + 1) }).filter(
      (u) => u.assigned > 0 || u.nonReports > 0,
    );
    for (const u of counts) {
      deps.notifier.notify(
        tx,
        {
          channel: 'internal',
          recipient: u.unitId,
          key: `${jobKeyOf(job)}:${u.unitId}`,
          text: `${period} 周进展(本年累计):交办 ${u.assigned} 件,办结 ${u.closed} 件,超期 ${u.overdue} 件,重办 ${u.rehandled} 件,未按时报到 ${u.nonReports} 次`,
        },
        at,
      );
    }
    return { progressReportId: period, reportedUnits: counts.length };
  });
