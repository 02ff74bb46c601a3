// suqiu.supervision.count-late-reports (报送逾期): at the reports' due time (the diagram's timer
// `reports-due`) every weekly report of the period not yet submitted is recorded late, and the unit
// and the supervisors are told. A report submitted later still counts as late.
import { recordLateReports } from '../../store/unit-reports.js';
import { jobKeyOf, onceForJob, type Handler } from '../shared/job.js';
import { notifyUnitAndSupervisors } from '../shared/notifier.js';
import { text } from '../shared/vars.js';

export const countLateReports: Handler = async (job, deps) => {
  const period = text(job, 'progressReportId');
  return onceForJob(deps, job, undefined, (tx) => {
    const at = deps.clock();
    const late = recordLateReports(tx, period, at);
    for (const u of late) {
      notifyUnitAndSupervisors(tx, deps.notifier, at, { unitId: u.unitId, text: `${u.unitName}未按时报送 ${period} 周进展,记逾期一次`, key: `${jobKeyOf(job)}:${u.unitId}` });
    }
    return { lateReports: late.length };
  });
};
