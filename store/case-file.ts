// The case file (一案一卷): every step of one request, its actor and time, one row per event.
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Conn } from './db.js';
import { caseEvents, requests } from './schema.js';

export type CaseEvent = typeof caseEvents.$inferSelect;

export interface NewCaseEvent {
  requestId: string;
  /** what happened: 'received', 'assessed', 'escalated', 'signed', 'follow_up', ... */
  kind: string;
  /** a staff id, 'citizen' or 'system' */
  actor: string;
  at?: Date;
  detail?: Record<string, unknown>;
  /** when given, a second append with the same key adds nothing */
  idempotencyKey?: string;
}

export function appendCaseEvent(conn: Conn, e: NewCaseEvent): { appended: boolean } {
  const changes = conn
    .insert(caseEvents)
    .values({ ...e, at: e.at ?? new Date() })
    .onConflictDoNothing()
    .run().changes;
  return { appended: changes > 0 };
}

/** The timeline of one request, oldest first. */
export function caseFile(conn: Conn, requestId: string): CaseEvent[] {
  return conn
    .select()
    .from(caseEvents)
    .where(eq(caseEvents.requestId, requestId))
    .orderBy(asc(caseEvents.at), asc(caseEvents.id))
    .all();
}

/** Closed requests whose text contains `phrase`: worked examples for new staff. */
export function searchClosedCases(conn: Conn, phrase: string, limit = 20): { id: string; text: string; closedAt: Date | null }[] {
  const escaped = phrase.replace(/[\\%_]/g, (c) => `\\${c}`);
  return conn
    .select({ id: requests.id, text: requests.text, closedAt: requests.closedAt })
    .from(requests)
    .where(and(inArray(requests.status, ['closed', 'archived']), sql`${requests.text} like ${`%${escaped}%`} escape '\\'`))
    .orderBy(desc(requests.closedAt))
    .limit(limit)
    .all();
}
