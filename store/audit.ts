// The audit log: every write through the API, who, what, when and from where; searchable by admins.
import { and, desc, eq, gte, like, lt, type SQL } from 'drizzle-orm';
import type { Conn } from './db.js';
import { auditLog } from './schema.js';

export type AuditEntry = typeof auditLog.$inferSelect;
export type NewAuditEntry = typeof auditLog.$inferInsert;

export function appendAudit(conn: Conn, entry: NewAuditEntry): void {
  conn.insert(auditLog).values(entry).run();
}

export interface AuditQuery {
  actor?: string;
  /** a prefix of the action, e.g. `POST /api/tasks` */
  action?: string;
  target?: string;
  from?: Date;
  to?: Date;
  limit?: number;
  offset?: number;
}

/** Newest first. */
export function searchAudit(conn: Conn, q: AuditQuery): AuditEntry[] {
  const conditions: SQL[] = [];
  if (q.actor !== undefined) conditions.push(eq(auditLog.actor, q.actor));
  if (q.action !== undefined) conditions.push(like(auditLog.action, `${q.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  if (q.target !== undefined) conditions.push(eq(auditLog.target, q.target));
  if (q.from !== undefined) conditions.push(gte(auditLog.at, q.from));
  if (q.to !== undefined) conditions.push(lt(auditLog.at, q.to));
  return conn
    .select()
    .from(auditLog)
    .where(conditions.length === 0 ? undefined : and(...conditions))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(q.limit ?? 100)
    .offset(q.offset ?? 0)
    .all();
}
