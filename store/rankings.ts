// Rankings: per-unit closure, satisfaction, overdue and re-handling rates, the red/black split
// (rules in domain/ranking.ts) and the snapshots kept per period (weekly report, month, year).
//
// What counts against a unit: the requests it is responsible for now (after escalation, the
// unit that took them), created in the period, invalid ones left out; follow-ups of those requests
// (every round); non-reports recorded against it as a department in joint handling.
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { rankUnits, type ListShares, type RankedUnit, type UnitCounts } from '../domain/index.js';
import type { Conn } from './db.js';
import { orgUnits, rankingSnapshots, type UnitKind } from './schema.js';

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
      coalesce(x.assigned, 0) as assigned, x.closed as closed, x.overdue as overdue, x.rehandled as rehandled,
      x.content as content, x.answered as answered,
      (select count(*) from department_reports d join whistles w on w.id = d.whistle_id
        where d.department_id = u.id and d.non_report_recorded_at is not null
          and w.blown_at >= ${from} and w.blown_at < ${to}) as nonReports
    from org_units u
    left join (
      -- one pass over the period's requests of these units (each request's follow-ups and
      -- re-handlings looked up by its key), instead of one pass per figure
      select r.responsible_unit_id as unitId, count(*) as assigned,
        sum(r.status in ('closed', 'archived')) as closed,
        sum(r.overdue_at is not null) as overdue,
        sum(exists (select 1 from rehandlings h where h.request_id = r.id)) as rehandled,
        sum((select sum(f.outcome in ('satisfied', 'basically_satisfied')) from follow_ups f where f.request_id = r.id)) as content,
        sum((select sum(f.outcome <> 'no_response') from follow_ups f where f.request_id = r.id)) as answered
      from requests r
      where ${inPeriod} and r.responsible_unit_id in (select id from org_units where kind in (${kindList}))
      group by r.responsible_unit_id
    ) x on x.unitId = u.id
    where u.kind in (${kindList})
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

/** The units ranked and split into red and black lists of the shares the diagram gives. */
export function ranking(conn: Conn, shares: ListShares, options: RankingOptions = {}): RankedUnitWithReports[] {
  return rankUnits(unitCounts(conn, options), shares) as RankedUnitWithReports[];
}

/**
 * Saves a period's ranking. Saving the same period again replaces its rows (re-running a weekly
 * job leaves one snapshot per unit and period).
 */
export function saveRankingSnapshot(
  conn: Conn,
  period: string,
  ranked: readonly RankedUnitWithReports[],
  at = new Date(),
  reasonsOf?: (u: RankedUnitWithReports) => string[],
): void {
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
        reasons: reasonsOf?.(u) ?? null,
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

export type PublishedRankingRow = RankingSnapshotRow & { unitName: string; unitKind: UnitKind };

/** A period's ranking with each unit's name and kind (what staff read), best first. */
export function publishedRanking(conn: Conn, period: string, kinds?: readonly UnitKind[]): PublishedRankingRow[] {
  return conn
    .select({ snapshot: rankingSnapshots, unitName: orgUnits.name, unitKind: orgUnits.kind })
    .from(rankingSnapshots)
    .innerJoin(orgUnits, eq(orgUnits.id, rankingSnapshots.unitId))
    .where(and(eq(rankingSnapshots.period, period), kinds === undefined ? undefined : inArray(orgUnits.kind, [...kinds])))
    .orderBy(sql`${rankingSnapshots.rank} is null`, asc(rankingSnapshots.rank), asc(rankingSnapshots.unitId))
    .all()
    .map((r) => ({ ...r.snapshot, unitName: r.unitName, unitKind: r.unitKind }));
}

/** The periods with a ranking, newest first, with when each was last taken. */
export function rankingPeriods(conn: Conn): { period: string; takenAt: Date }[] {
  return conn
    .select({ period: rankingSnapshots.period, takenAt: sql<number>`max(${rankingSnapshots.takenAt})` })
    .from(rankingSnapshots)
    .groupBy(rankingSnapshots.period)
    .orderBy(sql`max(${rankingSnapshots.takenAt}) desc`, desc(rankingSnapshots.period))
    .all()
    .map((r) => ({ period: r.period, takenAt: new Date(Number(r.takenAt)) }));
}
