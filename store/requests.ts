// Requests: receipt, assessment, status and marks (blocked, overdue), closure, and the public board.
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import {
  maskIdentity,
  type Difficulty,
  type DomainArea,
  type Level,
  type ListType,
  type NewRequest,
  type RequestStatus,
} from '../domain/index.js';
import type { Conn } from './db.js';
import { ledgerEntries, orgUnits, requestCitizens, requests } from './schema.js';
import { appendCaseEvent } from './case-file.js';

export type RequestRow = typeof requests.$inferSelect;

export interface ReceiveRequest extends NewRequest {
  /** chosen by the caller (e.g. the API), so a retried submission does not create a second request */
  id: string;
  createdAt?: Date;
  demo?: boolean;
}

/**
 * Stores a validated new request and its citizen (apart) and opens its case file.
 * Idempotent by id: a second call with the same id changes nothing and returns `created: false`.
 */
export function createRequest(conn: Conn, r: ReceiveRequest): { created: boolean } {
  return conn.transaction((tx) => {
    const createdAt = r.createdAt ?? new Date();
    const inserted = tx
      .insert(requests)
      .values({
        id: r.id,
        channel: r.channel,
        townshipId: r.location.townshipId,
        villageId: r.location.villageId,
        text: r.text,
        enteredByStaffId: r.enteredBy,
        createdAt,
        demo: r.demo ?? false,
      })
      .onConflictDoNothing()
      .run();
    if (inserted.changes === 0) return { created: false };
    if (r.citizen !== undefined) {
      tx.insert(requestCitizens).values({ requestId: r.id, name: r.citizen.name, phone: r.citizen.phone }).run();
    }
    appendCaseEvent(tx, {
      requestId: r.id,
      kind: 'received',
      actor: r.enteredBy ?? 'citizen',
      at: createdAt,
      detail: { channel: r.channel },
    });
    return { created: true };
  });
}

export function getRequest(conn: Conn, id: string): RequestRow | undefined {
  return conn.select().from(requests).where(eq(requests.id, id)).get();
}

export function requireRequest(conn: Conn, id: string): RequestRow {
  const row = getRequest(conn, id);
  if (row === undefined) throw new Error(`no request ${id}`);
  return row;
}

/** The citizen's identity: for the handling staff only, never for the board. */
export function getCitizen(conn: Conn, requestId: string): { name: string | null; phone: string | null } | undefined {
  return conn
    .select({ name: requestCitizens.name, phone: requestCitizens.phone })
    .from(requestCitizens)
    .where(eq(requestCitizens.requestId, requestId))
    .get();
}

export interface Assessment {
  listType: ListType;
  domain: DomainArea;
  difficulty: Difficulty;
  level: Level;
  responsibleUnitId: string;
  timeLimitDays: number;
  deadline: Date;
}

/** Records assessment (研判) and assignment: the request is now on a list, at a level, with a deadline. */
export function assessRequest(conn: Conn, id: string, a: Assessment): void {
  conn
    .update(requests)
    .set({ ...a, status: 'assigned' })
    .where(eq(requests.id, id))
    .run();
}

export function setStatus(conn: Conn, id: string, status: RequestStatus): void {
  conn.update(requests).set({ status }).where(eq(requests.id, id)).run();
}

/** Marks a request blocked with a reason (e.g. funding), or clears the mark with `null`. */
export function setBlocked(conn: Conn, id: string, reason: string | null): void {
  conn.update(requests).set({ blockedReason: reason }).where(eq(requests.id, id)).run();
}

export function setProcessInstanceKey(conn: Conn, id: string, processInstanceKey: string): void {
  conn.update(requests).set({ processInstanceKey }).where(eq(requests.id, id)).run();
}

/** Sets a new deadline (e.g. after re-handling): clears nothing else. */
export function setDeadline(conn: Conn, id: string, timeLimitDays: number, deadline: Date): void {
  conn.update(requests).set({ timeLimitDays, deadline }).where(eq(requests.id, id)).run();
}

/**
 * Marks a request overdue. Only the first call marks it (and writes the case event);
 * returns whether this call did.
 */
export function markOverdue(conn: Conn, id: string, at = new Date()): boolean {
  return conn.transaction((tx) => {
    const changed = tx
      .update(requests)
      .set({ overdueAt: at })
      .where(and(eq(requests.id, id), isNull(requests.overdueAt)))
      .run().changes;
    if (changed === 0) return false;
    appendCaseEvent(tx, { requestId: id, kind: 'overdue', actor: 'system', at });
    return true;
  });
}

/**
 * Closes a request (销号) and its open ledger entry. Only the first call closes it; returns whether
 * this call did. Four-party sign-off is checked by the caller (see `signOffCheck`).
 */
export function closeRequest(conn: Conn, id: string, at = new Date(), reason: 'closed' | 'invalid' = 'closed'): boolean {
  return conn.transaction((tx) => {
    const changed = tx
      .update(requests)
      .set({ status: reason, closedAt: at })
      .where(and(eq(requests.id, id), isNull(requests.closedAt)))
      .run().changes;
    if (changed === 0) return false;
    tx.update(ledgerEntries)
      .set({ closedAt: at, closeReason: reason })
      .where(and(eq(ledgerEntries.requestId, id), isNull(ledgerEntries.closedAt)))
      .run();
    appendCaseEvent(tx, { requestId: id, kind: reason, actor: 'system', at });
    return true;
  });
}

/** One line of the public board (公开榜): progress only, never the citizen. */
export interface BoardLine {
  id: string;
  township: string;
  village: string | null;
  /** the request text with phone and ID numbers masked */
  text: string;
  listType: ListType | null;
  domain: DomainArea | null;
  level: Level | null;
  responsibleUnit: string | null;
  status: RequestStatus;
  deadline: Date | null;
  overdue: boolean;
  blocked: boolean;
  createdAt: Date;
  closedAt: Date | null;
}

/**
 * The public board. The projection names its columns one by one and never touches
 * `request_citizens`; blocked reasons (internal) show only as a yes/no.
 */
export function publicBoard(conn: Conn, options: { townshipId?: string; limit?: number; offset?: number } = {}): BoardLine[] {
  const township = alias(orgUnits, 'township');
  const village = alias(orgUnits, 'village');
  const unit = alias(orgUnits, 'unit');
  const rows = conn
    .select({
      id: requests.id,
      township: township.name,
      village: village.name,
      text: requests.text,
      listType: requests.listType,
      domain: requests.domain,
      level: requests.level,
      responsibleUnit: unit.name,
      status: requests.status,
      deadline: requests.deadline,
      overdue: sql<number>`${requests.overdueAt} is not null`,
      blocked: sql<number>`${requests.blockedReason} is not null`,
      createdAt: requests.createdAt,
      closedAt: requests.closedAt,
    })
    .from(requests)
    .innerJoin(township, eq(township.id, requests.townshipId))
    .leftJoin(village, eq(village.id, requests.villageId))
    .leftJoin(unit, eq(unit.id, requests.responsibleUnitId))
    .where(and(sql`${requests.status} <> 'invalid'`, options.townshipId ? eq(requests.townshipId, options.townshipId) : undefined))
    .orderBy(desc(requests.createdAt), desc(requests.id))
    .limit(options.limit ?? 100)
    .offset(options.offset ?? 0)
    .all();
  return rows.map((r) => ({ ...r, text: maskIdentity(r.text), overdue: r.overdue === 1, blocked: r.blocked === 1 }));
}
