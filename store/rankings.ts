// Rankings: per-unit closure, satisfaction, overdue and re-handling rates, the red/black split
// (rules in domain/ranking.ts) and the snapshots kept per period (weekly report, month, year).
//
// What counts against a unit: the requests it is responsible for now (after escalation, the
// unit that took them), created in the period, invalid ones left out; follow-ups of those requests
// (every round); non-reports recorded against it as a department in joint handling.
import { asc, eq, sql } from 'drizzle-orm';
import { rankUnits, type RankedUnit, type UnitCounts } from '../domain/index.js';
import type { Conn } from './db.js';
import { rankingSnapshots, type UnitKind } from './schema.js';

export interface RankingOptions {
  /** created at or after */
  from?: Date;
  /** created before */
  to?: Date;
  /** which units to compare (like with like): e.g. ['township', 'street'] or ['department'] */
  kinds?: UnitKind[];
}

export interface UnitCountsWithReports extends UnitCounts {
  name: string;
  nonReports: number;
}

export function unitCounts(conn: Conn, options: RankingOptions = {}): UnitCountsWithReports[] {
  const from = options.from?.getTime() ?? Number.MIN_SAFE_INTEGER;
  const to = options.to?.getTime() ?? Number.MAX_SAFE_INTEGER;
  const kinds = options.kinds ?? ['township', 'street', 'department', 'special_team'];
  const kindList = sql.join(kinds.map((k) => sql`${k}`), sql`, `);
  const inPeriod = sql`r.status <> 'invalid' and r.created_at >= ${from} and r.created_at < ${to}`;
  const rows = conn.all<{
    unitId: string;
    name: string;
    assigned: number;
    closed: number | null;
    overdue: number | null;
    rehandled: number | null;
    content: number | null;
    answered: number | null;
    nonReports: number | null;
  }>(sql`
    select u.id as unitId, u.name as name,
      count(r.id) as assigned,
      sum(r.status in ('closed', 'archived')) as closed,
      sum(r.overdue_at is not null) as overdue,
      sum(exists (select 1 from rehandlings h where h.request_id = r.id)) as rehandled,
      (select sum(f.outcome in ('satisfied', 'basically_satisfied'))
         from follow_ups f join requests r on r.id = f.request_id
        where r.responsible_unit_id = u.id and ${inPeriod}) as content,
      (select sum(f.outcome <> 'no_response')
         from follow_ups f join requests r on r.id = f.request_id
        where r.responsible_unit_id = u.id and ${inPeriod}) as answered,
      (select count(*) from department_reports d join whistles w on w.id = d.whistle_id
        where d.department_id = u.id and d.non_report_recorded_at is not null
          and w.blown_at >= ${from} and w.blown_at < ${to}) as nonReports
    from org_units u
    left join requests r on r.responsible_unit_id = u.id and ${inPeriod}
    where u.kind in (${kindList})
    group by u.id
    order by u.id`);
  return rows.map((r) => ({
    unitId: r.unitId,
    name: r.name,
    assigned: r.assigned,
    closed: r.closed ?? 0,
    overdue: r.overdue ?? 0,
    rehandled: r.rehandled ?? 0,
    content: r.content ?? 0,
    answered: r.answered ?? 0,
    nonReports: r.nonReports ?? 0,
  }));
}

export type RankedUnitWithReports = RankedUnit & { name: string; nonReports: number };

/** The units ranked and split into red and black lists. */
export function ranking(conn: Conn, options: RankingOptions = {}): RankedUnitWithReports[] {
  return rankUnits(unitCounts(conn, options)) as RankedUnitWithReports[];
}

/**
 * Saves a period's ranking. Saving the same period again replaces its rows (re-running a weekly
 * job leaves one snapshot per unit and period).
 */
export function saveRankingSnapshot(conn: Conn, period: string, ranked: readonly RankedUnitWithReports[], at = new Date()): void {
  conn.transaction((tx) => {
    for (const u of ranked) {
      const row = {
        rank: u.rank ?? null,
        assigned: u.assigned,
        closed: u.closed,
        closureRate: u.closureRate ?? null,
        satisfactionRate: u.satisfactionRate ?? null,
        overdueRate: u.overdueRate ?? null,
        rehandlingRate: u.rehandlingRate ?? null,
        nonReports: u.nonReports,
        colour: u.colour,
        takenAt: at,
      };
      tx.insert(rankingSnapshots)
        .values({ period, unitId: u.unitId, ...row })
        .onConflictDoUpdate({ target: [rankingSnapshots.period, rankingSnapshots.unitId], set: row })
        .run();
    }
  });
}

export type RankingSnapshotRow = typeof rankingSnapshots.$inferSelect;

export function rankingSnapshot(conn: Conn, period: string): RankingSnapshotRow[] {
  return conn
    .select()
    .from(rankingSnapshots)
    .where(eq(rankingSnapshots.period, period))
    .orderBy(sql`${rankingSnapshots.rank} is null`, asc(rankingSnapshots.rank), asc(rankingSnapshots.unitId))
    .all();
}
