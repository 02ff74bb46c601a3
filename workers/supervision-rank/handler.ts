// suqiu.supervision.rank (红黑榜): ranks units like with like (townships and streets; district
// departments; villages and communities) by closure rate, then satisfaction and overdue rates
// (domain/ranking.ts), for three periods ending now: the last 7 days (named by the report's ISO
// week), the month and the year to date (Beijing time). The shares of the red and black lists come
// from the diagram (`supervisionRules.redShare`, `.blackShare`: its 督办规则 script). Each
// period's ranking is kept (`2025-W10`, `2025-03`, `2025`) for staff to read; the units on the
// year's lists are told. Who is called to an interview is the diagram's next step, from
// `rankedUnits` (the year's ranking with its rates).
import type { ListShares } from '../../domain/index.js';
import { unitsWithOpenInterview } from '../../store/interviews.js';
import { getOrgUnit } from '../../store/org-units.js';
import { ranking, saveRankingSnapshot, type RankedUnitWithReports } from '../../store/rankings.js';
import { IncidentError, jobKeyOf, onceForJob, type Handler, type JobInput } from '../shared/job.js';
import { beijingMonth, startOfMonth, startOfYear } from '../shared/records.js';
import { groupOfUnit } from '../shared/units.js';
import { object, text } from '../shared/vars.js';
import { RANKED_GROUPS } from '../supervision-report/kinds.js';

const DAY_MS = 86_400_000;

/** Why a unit is where it is: facts only (its colour, departments' non-reports); thresholds are the diagram's. */
export function reasonsOf(u: RankedUnitWithReports): string[] {
  const reasons = u.colour === 'red' ? ['closure_rate_top'] : u.colour === 'black' ? ['closure_rate_bottom'] : [];
  if (u.nonReports > 0) reasons.push('did_not_report');
  return reasons;
}

function sharesOf(job: JobInput): ListShares {
  const rules = object(job, 'supervisionRules');
  const share = (name: string) => {
    const v = rules[name];
    if (typeof v !== 'number' || !(v >= 0 && v <= 0.5)) throw new IncidentError(`supervisionRules.${name} must be a share between 0 and 0.5, not ${JSON.stringify(v)}`);
    return v;
  };
  return { red: share('redShare'), black: share('blackShare') };
}

/** The periods ranked each week: their names and windows (created at or after `from`, before `to`). */
export function rankedPeriods(week: string, at: Date): { kind: 'week' | 'month' | 'year'; period: string; from: Date; to: Date }[] {
  const to = new Date(at.getTime() + 1);
  const month = beijingMonth(at);
  const year = month.slice(0, 4);
  return [
    { kind: 'week', period: week, from: new Date(at.getTime() - 7 * DAY_MS), to },
    { kind: 'month', period: month, from: startOfMonth(at), to },
    { kind: 'year', period: year, from: startOfYear(at), to },
  ];
}

export const rankUnitsHandler: Handler = async (job, deps) => {
  const week = text(job, 'progressReportId');
  const shares = sharesOf(job);
  return onceForJob(deps, job, undefined, (tx) => {
    const at = deps.clock();
    let yearly: RankedUnitWithReports[] = [];
    for (const p of rankedPeriods(week, at)) {
      const ranked = RANKED_GROUPS.flatMap((kinds) => ranking(tx, shares, { from: p.from, to: p.to, kinds }));
      saveRankingSnapshot(tx, p.period, ranked, at, reasonsOf);
      if (p.kind === 'year') yearly = ranked;
    }
    const open = unitsWithOpenInterview(tx);
    const groupOf = (unitId: string) => {
      const unit = getOrgUnit(tx, unitId);
      return unit === undefined ? unitId : groupOfUnit(unit);
    };
    const entry = (u: RankedUnitWithReports) => ({ unit: groupOf(u.unitId), unitName: u.name, closureRate: u.closureRate ?? null, reasons: reasonsOf(u) });
    for (const u of yearly.filter((r) => r.colour !== 'none')) {
      const list = u.colour === 'red' ? '红榜' : '黑榜';
      deps.notifier.notify(tx, { channel: 'internal', recipient: u.unitId, key: `${jobKeyOf(job)}:${u.unitId}`, text: `${week} 红黑榜(本年):${u.name}列入${list},第 ${u.rank} 名` }, at);
    }
    return {
      redList: yearly.filter((u) => u.colour === 'red').map(entry),
      blackList: yearly.filter((u) => u.colour === 'black').map(entry),
      rankedUnits: yearly
        .filter((u) => u.rank !== undefined)
        .map((u) => ({
          unit: groupOf(u.unitId),
          unitName: u.name,
          colour: u.colour,
          rank: u.rank,
          assigned: u.assigned,
          closureRate: u.closureRate ?? null,
          satisfactionRate: u.satisfactionRate ?? null,
          overdueRate: u.overdueRate ?? null,
          rehandlingRate: u.rehandlingRate ?? null,
          interviewOpen: open.has(u.unitId),
        })),
    };
  });
};
