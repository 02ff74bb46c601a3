// Joint handling (吹哨报到): the township blows the whistle, the named departments must report.
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Conn } from './db.js';
import { appendCaseEvent } from './case-file.js';
import { departmentReports, whistles } from './schema.js';

export interface Whistle {
  requestId: string;
  blownByUnitId: string;
  departmentIds: string[];
  reportDueAt: Date;
  /** one whistle per key: e.g. `whistle:<job key>` */
  idempotencyKey: string;
  actor?: string;
  at?: Date;
}

/** Blows the whistle: one row per named department, to report by `reportDueAt`. Once per key. */
export function blowWhistle(conn: Conn, w: Whistle): { whistleId: number; blown: boolean } {
  return conn.transaction((tx) => {
    const at = w.at ?? new Date();
    const existing = tx.select({ id: whistles.id }).from(whistles).where(eq(whistles.idempotencyKey, w.idempotencyKey)).get();
    if (existing !== undefined) return { whistleId: existing.id, blown: false };
    const { id } = tx
      .insert(whistles)
      .values({ requestId: w.requestId, blownByUnitId: w.blownByUnitId, blownAt: at, reportDueAt: w.reportDueAt, idempotencyKey: w.idempotencyKey })
      .returning({ id: whistles.id })
      .get();
    for (const departmentId of new Set(w.departmentIds)) tx.insert(departmentReports).values({ whistleId: id, departmentId }).run();
    appendCaseEvent(tx, {
      requestId: w.requestId,
      kind: 'whistle',
      actor: w.actor ?? w.blownByUnitId,
      at,
      detail: { whistleId: id, departmentIds: [...new Set(w.departmentIds)], reportDueAt: w.reportDueAt.toISOString() },
    });
    return { whistleId: id, blown: true };
  });
}

/** A department reports (报到). Only the first report counts; returns whether this call recorded it. */
export function recordReport(conn: Conn, whistleId: number, departmentId: string, at = new Date()): boolean {
  return conn.transaction((tx) => {
    const changed = tx
      .update(departmentReports)
      .set({ reportedAt: at })
      .where(and(eq(departmentReports.whistleId, whistleId), eq(departmentReports.departmentId, departmentId), isNull(departmentReports.reportedAt)))
      .run().changes;
    if (changed > 0) caseEventFor(tx, whistleId, 'department_reported', departmentId, at);
    return changed > 0;
  });
}

/**
 * Records against a department that it did not report in time. Does nothing if it has reported or
 * was already recorded; returns whether this call recorded it.
 */
export function recordNonReport(conn: Conn, whistleId: number, departmentId: string, at = new Date()): boolean {
  return conn.transaction((tx) => {
    const changed = tx
      .update(departmentReports)
      .set({ nonReportRecordedAt: at })
      .where(
        and(
          eq(departmentReports.whistleId, whistleId),
          eq(departmentReports.departmentId, departmentId),
          isNull(departmentReports.reportedAt),
          isNull(departmentReports.nonReportRecordedAt),
        ),
      )
      .run().changes;
    if (changed > 0) caseEventFor(tx, whistleId, 'department_did_not_report', 'system', at, departmentId);
    return changed > 0;
  });
}

/** At the report deadline: records every department that has not reported; returns them. */
export function recordNonReports(conn: Conn, whistleId: number, at = new Date()): string[] {
  return conn.transaction((tx) =>
    whistleReports(tx, whistleId)
      .filter((r) => r.reportedAt === null && r.nonReportRecordedAt === null)
      .map((r) => r.departmentId)
      .filter((departmentId) => recordNonReport(tx, whistleId, departmentId, at)),
  );
}

export type DepartmentReport = typeof departmentReports.$inferSelect;
export type WhistleRow = typeof whistles.$inferSelect;

/** The whistles blown for a request, oldest first, each with its departments' reports. */
export function whistlesOf(conn: Conn, requestId: string): (WhistleRow & { reports: DepartmentReport[] })[] {
  return conn
    .select()
    .from(whistles)
    .where(eq(whistles.requestId, requestId))
    .orderBy(asc(whistles.id))
    .all()
    .map((w) => ({ ...w, reports: whistleReports(conn, w.id) }));
}

/** The whistle blown under an idempotency key (e.g. `joint:<joint-handling instance key>`), if any. */
export function whistleByKey(conn: Conn, idempotencyKey: string): WhistleRow | undefined {
  return conn.select().from(whistles).where(eq(whistles.idempotencyKey, idempotencyKey)).get();
}

export function whistleReports(conn: Conn, whistleId: number): DepartmentReport[] {
  return conn
    .select()
    .from(departmentReports)
    .where(eq(departmentReports.whistleId, whistleId))
    .orderBy(asc(departmentReports.departmentId))
    .all();
}

function caseEventFor(conn: Conn, whistleId: number, kind: string, actor: string, at: Date, departmentId?: string): void {
  const w = conn.select({ requestId: whistles.requestId }).from(whistles).where(eq(whistles.id, whistleId)).get();
  if (w === undefined) return;
  appendCaseEvent(conn, { requestId: w.requestId, kind, actor, at, detail: { whistleId, departmentId: departmentId ?? actor } });
}
