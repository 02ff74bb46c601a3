// Figures for the dashboard's charts: counts per level, unit, domain and channel, the closure-rate
// trend by month, overdue by unit, satisfaction. Each over what one viewer may see (visibility.ts)
// and the requests created in a period; invalid and merged requests are left out, as the study's
// figures and the rankings leave them out (store/figures.ts, store/rankings.ts).
//
// Counted the rankings' way: closed = 已销号 or 已归档; overdue = went past its deadline (also when
// closed late); open = not finished. Rates come from domain/ranking.ts `unitRates`, the one
// definition (closed / assigned; satisfied and basically satisfied / follow-ups answered).
import { sql, type SQL } from 'drizzle-orm';
import { unitRates, type Satisfaction } from '../domain/index.js';
import type { Conn } from './db.js';
import { requests, type UnitKind } from './schema.js';
import { visibleRequests, type Visibility } from './visibility.js';

export interface FigurePeriod {
  /** created at or after */
  from?: Date;
  /** created before */
  to?: Date;
}

export interface StatusCounts {
  total: number;
  open: number;
  closed: number;
  overdue: number;
}

const BEIJING_S = 8 * 3600;

/** The requests a chart counts: visible to the viewer, created in the period, neither invalid nor merged. */
function counted(scope: Visibility, p: FigurePeriod): SQL {
  const parts: SQL[] = [sql`${requests.status} not in ('invalid', 'merged')`];
  if (p.from !== undefined) parts.push(sql`${requests.createdAt} >= ${p.from.getTime()}`);
  if (p.to !== undefined) parts.push(sql`${requests.createdAt} < ${p.to.getTime()}`);
  const visible = visibleRequests(scope);
  if (visible !== undefined) parts.push(sql`(${visible})`);
  return sql.join(parts, sql` and `);
}

const statusCounts = sql`count(*) as total, sum(${requests.closedAt} is null) as open,
  sum(${requests.status} in ('closed', 'archived')) as closed, sum(${requests.overdueAt} is not null) as overdue`;

interface RawCounts {
  total: number;
  open: number | null;
  closed: number | null;
  overdue: number | null;
}
const countsOf = (r: RawCounts | undefined): StatusCounts => ({ total: r?.total ?? 0, open: r?.open ?? 0, closed: r?.closed ?? 0, overdue: r?.overdue ?? 0 });

const closureRateOf = (c: StatusCounts): number | undefined =>
  unitRates({ unitId: '', assigned: c.total, closed: c.closed, overdue: c.overdue, rehandled: 0, content: 0, answered: 0 }).closureRate;

/** Counts per value of one column (level, domain, channel); requests without a value under `null`. */
function countsBy(conn: Conn, column: SQL, scope: Visibility, p: FigurePeriod): Map<string | null, StatusCounts> {
  const rows = conn.all<RawCounts & { key: string | null }>(sql`select ${column} as key, ${statusCounts} from ${requests} where ${counted(scope, p)} group by key`);
  return new Map(rows.map((r) => [r.key, countsOf(r)]));
}

export const byLevel = (conn: Conn, scope: Visibility, p: FigurePeriod) => countsBy(conn, sql`${requests.level}`, scope, p);
export const byDomain = (conn: Conn, scope: Visibility, p: FigurePeriod) => countsBy(conn, sql`${requests.domain}`, scope, p);
export const byChannel = (conn: Conn, scope: Visibility, p: FigurePeriod) => countsBy(conn, sql`${requests.channel}`, scope, p);

export interface UnitFigure extends StatusCounts {
  unitId: string;
  name: string;
  kind: UnitKind;
  closureRate?: number;
  overdueRate?: number;
}

/** Per responsible unit (the unit that owns each request now), most requests first. */
export function byUnit(conn: Conn, scope: Visibility, p: FigurePeriod): UnitFigure[] {
  const rows = conn.all<RawCounts & { unitId: string; name: string; kind: UnitKind }>(sql`
    select u.id as unitId, u.name as name, u.kind as kind, x.total, x.open, x.closed, x.overdue
    from (select ${requests.responsibleUnitId} as unit_id, ${statusCounts} from ${requests}
          where ${requests.responsibleUnitId} is not null and ${counted(scope, p)} group by unit_id) x
    join org_units u on u.id = x.unit_id
    order by x.total desc, u.id`);
  return rows.map((r) => {
    const c = countsOf(r);
    const rates = unitRates({ unitId: r.unitId, assigned: c.total, closed: c.closed, overdue: c.overdue, rehandled: 0, content: 0, answered: 0 });
    return { unitId: r.unitId, name: r.name, kind: r.kind, ...c, closureRate: rates.closureRate, overdueRate: rates.overdueRate };
  });
}

/** The units with requests that went overdue, most first. */
export function overdueByUnit(conn: Conn, scope: Visibility, p: FigurePeriod): UnitFigure[] {
  return byUnit(conn, scope, p)
    .filter((u) => u.overdue > 0)
    .sort((a, b) => b.overdue - a.overdue || (a.unitId < b.unitId ? -1 : 1));
}

export interface MonthFigure {
  /** the Beijing calendar month the requests were received in, e.g. '2025-03' */
  month: string;
  received: number;
  /** of those, closed by now */
  closed: number;
  closureRate?: number;
}

/** Per month of receipt (Beijing time), oldest first: how many came and how many of them are closed. */
export function closureTrend(conn: Conn, scope: Visibility, p: FigurePeriod): MonthFigure[] {
  const rows = conn.all<RawCounts & { month: string }>(sql`
    select strftime('%Y-%m', ${requests.createdAt} / 1000 + ${BEIJING_S}, 'unixepoch') as month, ${statusCounts}
    from ${requests} where ${counted(scope, p)} group by month order by month`);
  return rows.map((r) => {
    const c = countsOf(r);
    return { month: r.month, received: c.total, closed: c.closed, closureRate: closureRateOf(c) };
  });
}

export interface SatisfactionFigures {
  /** follow-ups (every handling round) per answer */
  outcomes: Record<Satisfaction, number>;
  /** all outcomes but no_response */
  answered: number;
  /** satisfied or basically satisfied */
  content: number;
  satisfactionRate?: number;
}

/** The follow-ups of the counted requests (every round), by answer, and the satisfaction rate. */
export function satisfaction(conn: Conn, scope: Visibility, p: FigurePeriod): SatisfactionFigures {
  const rows = conn.all<{ outcome: Satisfaction; n: number }>(sql`
    select f.outcome as outcome, count(*) as n from follow_ups f
    where f.request_id in (select ${requests.id} from ${requests} where ${counted(scope, p)}) group by f.outcome`);
  const outcomes: Record<Satisfaction, number> = { satisfied: 0, basically_satisfied: 0, unsatisfied: 0, no_response: 0 };
  for (const r of rows) outcomes[r.outcome] = r.n;
  const answered = outcomes.satisfied + outcomes.basically_satisfied + outcomes.unsatisfied;
  const content = outcomes.satisfied + outcomes.basically_satisfied;
  const { satisfactionRate } = unitRates({ unitId: '', assigned: 0, closed: 0, overdue: 0, rehandled: 0, content, answered });
  return { outcomes, answered, content, satisfactionRate };
}
