// 每周报送: each unit's weekly report. The supervision cycle drafts one per unit and week from the
// unit's ledger, with the due time its diagram sets; the unit's leader writes and submits it; the
// cycle records the ones still missing at the due time as late. A report submitted after its due
// time is late too (`isLate`).
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Conn } from './db.js';
import { orgUnits, unitReports, type UnitReportFigures } from './schema.js';

export type UnitReportRow = typeof unitReports.$inferSelect;
export type UnitReport = UnitReportRow & { unitName: string; late: boolean };

/** Drafts the unit's report for `period` unless it exists (a repeated job drafts nothing twice). */
export function draftUnitReport(conn: Conn, r: { unitId: string; period: string; dueAt: Date; draft: UnitReportFigures; at: Date }): boolean {
  return (
    conn
      .insert(unitReports)
      .values({ unitId: r.unitId, period: r.period, dueAt: r.dueAt, draft: r.draft, createdAt: r.at })
      .onConflictDoNothing({ target: [unitReports.unitId, unitReports.period] })
      .run().changes > 0
  );
}

export function isLate(r: Pick<UnitReportRow, 'submittedAt' | 'dueAt' | 'lateRecordedAt'>): boolean {
  return r.lateRecordedAt !== null || (r.submittedAt !== null && r.submittedAt.getTime() > r.dueAt.getTime());
}

const withUnit = (row: UnitReportRow & { unitName: string }): UnitReport => ({ ...row, late: isLate(row) });

const columns = {
  id: unitReports.id,
  unitId: unitReports.unitId,
  period: unitReports.period,
  dueAt: unitReports.dueAt,
  draft: unitReports.draft,
  content: unitReports.content,
  submittedByStaffId: unitReports.submittedByStaffId,
  submittedAt: unitReports.submittedAt,
  lateRecordedAt: unitReports.lateRecordedAt,
  createdAt: unitReports.createdAt,
  unitName: orgUnits.name,
};

export function unitReport(conn: Conn, id: number): UnitReport | undefined {
  const row = conn.select(columns).from(unitReports).innerJoin(orgUnits, eq(orgUnits.id, unitReports.unitId)).where(eq(unitReports.id, id)).get();
  return row === undefined ? undefined : withUnit(row);
}

export interface UnitReportFilter {
  /** only these units (a reader's scope); undefined: every unit */
  units?: readonly string[];
  period?: string;
  /** true: late ones only; false: on-time ones only */
  late?: boolean;
  limit: number;
  offset: number;
}

export function listUnitReports(conn: Conn, f: UnitReportFilter): { items: UnitReport[]; total: number } {
  const lateSql = sql`(${unitReports.lateRecordedAt} is not null or ${unitReports.submittedAt} > ${unitReports.dueAt})`;
  const where = and(
    f.units === undefined ? undefined : inArray(unitReports.unitId, [...f.units]),
    f.period === undefined ? undefined : eq(unitReports.period, f.period),
    f.late === undefined ? undefined : f.late ? lateSql : sql`not ${lateSql}`,
  );
  const items = conn
    .select(columns)
    .from(unitReports)
    .innerJoin(orgUnits, eq(orgUnits.id, unitReports.unitId))
    .where(where)
    .orderBy(desc(unitReports.period), asc(unitReports.unitId))
    .limit(f.limit)
    .offset(f.offset)
    .all()
    .map(withUnit);
  const total = conn.select({ n: sql<number>`count(*)` }).from(unitReports).where(where).get()?.n ?? 0;
  return { items, total };
}

export type SubmitOutcome = { ok: true; report: UnitReport } | { ok: false; reason: 'unknown' | 'submitted' };

/** The leader submits the report; only once. */
export function submitUnitReport(conn: Conn, id: number, s: { content: string; staffId: string; at: Date }): SubmitOutcome {
  return conn.transaction(
    (tx) => {
      const changed = tx
        .update(unitReports)
        .set({ content: s.content, submittedByStaffId: s.staffId, submittedAt: s.at })
        .where(and(eq(unitReports.id, id), isNull(unitReports.submittedAt)))
        .run().changes;
      const report = unitReport(tx, id);
      if (report === undefined) return { ok: false, reason: 'unknown' } as const;
      if (changed === 0) return { ok: false, reason: 'submitted' } as const;
      return { ok: true, report } as const;
    },
    { behavior: 'immediate' },
  );
}

/** Marks the period's reports not submitted by now as late; answers the units marked by this call. */
export function recordLateReports(conn: Conn, period: string, at: Date): { unitId: string; unitName: string }[] {
  return conn.transaction((tx) => {
    const missing = tx
      .select({ id: unitReports.id, unitId: unitReports.unitId, unitName: orgUnits.name })
      .from(unitReports)
      .innerJoin(orgUnits, eq(orgUnits.id, unitReports.unitId))
      .where(and(eq(unitReports.period, period), isNull(unitReports.submittedAt), isNull(unitReports.lateRecordedAt)))
      .orderBy(asc(unitReports.unitId))
      .all();
    if (missing.length > 0) {
      tx.update(unitReports)
        .set({ lateRecordedAt: at })
        .where(inArray(unitReports.id, missing.map((m) => m.id)))
        .run();
    }
    return missing.map(({ unitId, unitName }) => ({ unitId, unitName }));
  });
}

/** Late reports per unit over the periods from `fromPeriod` (ISO weeks sort as text). */
export function lateReportCounts(conn: Conn, fromPeriod: string): Map<string, number> {
  const rows = conn
    .select({ unitId: unitReports.unitId, n: sql<number>`count(*)` })
    .from(unitReports)
    .where(and(sql`${unitReports.period} >= ${fromPeriod}`, sql`(${unitReports.lateRecordedAt} is not null or ${unitReports.submittedAt} > ${unitReports.dueAt})`))
    .groupBy(unitReports.unitId)
    .all();
  return new Map(rows.map((r) => [r.unitId, r.n]));
}
