// suqiu.supervision.rank (红黑榜): ranks units like with like (townships and streets; district
// departments; villages and communities) by closure rate, then satisfaction and overdue rates
// (domain/ranking.ts), over this year up to now; keeps the ranking under the report's period and
// answers the red and black lists. Each black-listed unit gets an interview task in the diagram.
import type { RankedUnit } from '../../domain/index.js';
import { getOrgUnit } from '../../store/org-units.js';
import { ranking, saveRankingSnapshot, type RankedUnitWithReports } from '../../store/rankings.js';
import { onceForJob, type Handler } from '../shared/job.js';
import { startOfYear } from '../shared/records.js';
import { groupOfUnit } from '../shared/units.js';
import { text } from '../shared/vars.js';
import { RANKED_GROUPS } from '../supervision-report/kinds.js';

/** Thresholds past which a rate is named as a reason (the study sets none; these are ours). */
export const REASON_THRESHOLDS = { satisfactionBelow: 0.9, overdueAbove: 0.1, rehandlingAbove: 0.1 } as const;

/** Why a unit is on its list, as codes the workbench translates. */
export function reasonsOf(u: RankedUnit & { nonReports: number }): string[] {
  const reasons: string[] = [u.colour === 'red' ? 'closure_rate_top' : 'closure_rate_bottom'];
  if (u.colour !== 'black') return reasons;
  if (u.satisfactionRate !== undefined && u.satisfactionRate < REASON_THRESHOLDS.satisfactionBelow) reasons.push('low_satisfaction_rate');
  if (u.overdueRate !== undefined && u.overdueRate > REASON_THRESHOLDS.overdueAbove) reasons.push('high_overdue_rate');
  if (u.rehandlingRate !== undefined && u.rehandlingRate > REASON_THRESHOLDS.rehandlingAbove) reasons.push('high_rehandling_rate');
  if (u.nonReports > 0) reasons.push('did_not_report');
  return reasons;
}

export const rankUnitsHandler: Handler = async (job, deps) => {
  const period = text(job, 'progressReportId');
  return onceForJob(deps, job, undefined, (tx) => {
    const at = deps.clock();
    const window = { from: startOfYear(at), to: new Date(at.getTime() + 1) };
    const ranked: RankedUnitWithReports[] = RANKED_GROUPS.flatMap((kinds) => ranking(tx, { ...window, kinds }));
    saveRankingSnapshot(tx, period, ranked, at);
    const entry = (u: RankedUnitWithReports) => {
      const unit = getOrgUnit(tx, u.unitId);
      return {
        unit: unit === undefined ? u.unitId : groupOfUnit(unit),
        unitName: u.name,
        closureRate: u.closureRate ?? null,
        reasons: reasonsOf(u),
      };
    };
    return {
      redList: ranked.filter((u) => u.colour === 'red').map(entry),
      blackList: ranked.filter((u) => u.colour === 'black').map(entry),
    };
  });
};
