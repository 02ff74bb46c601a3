// 催办 / 督办 records: each reminder before a deadline, urging notice after it, and supervision
// order while it stays missed. When each is due is the diagram's rule (handle-at-level's timers);
// the workers record what was sent, keyed by the job, so a repeated job records nothing twice.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Conn } from './db.js';
import { urgings, type UrgingKind } from './schema.js';

export type UrgingRow = typeof urgings.$inferSelect;

export interface NewUrging {
  requestId: string;
  unitId: string;
  kind: UrgingKind;
  deadline: Date;
  at: Date;
  idempotencyKey: string;
}

/** Records an urging; returns whether this call did (false: the same key was recorded before). */
export function recordUrging(conn: Conn, u: NewUrging): boolean {
  return conn.insert(urgings).values(u).onConflictDoNothing({ target: urgings.idempotencyKey }).run().changes > 0;
}

/** A request's urgings, oldest first. */
export function urgingsOfRequest(conn: Conn, requestId: string): UrgingRow[] {
  return conn.select().from(urgings).where(eq(urgings.requestId, requestId)).orderBy(asc(urgings.at), asc(urgings.id)).all();
}

/** How many of `kind` the request has had about `deadline` (the supervision order's number: 第 n 次督办). */
export function urgingCount(conn: Conn, requestId: string, kind: UrgingKind, deadline: Date): number {
  return (
    conn
      .select({ n: sql<number>`count(*)` })
      .from(urgings)
      .where(and(eq(urgings.requestId, requestId), eq(urgings.kind, kind), eq(urgings.deadline, deadline)))
      .get()?.n ?? 0
  );
}
