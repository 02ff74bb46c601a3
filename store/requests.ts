// Requests: receipt, assessment, status and marks (blocked, overdue), closure (the public board: board.ts).
import { and, asc, eq, isNull, lt } from 'drizzle-orm';
import {
  type Difficulty,
  type DomainArea,
  type Level,
  type ListType,
  type NewRequest,
  type RequestStatus,
} from '../domain/index.js';
import type { Conn } from './db.js';
import { ledgerEntries, requestCitizens, requests, type BlockedKind } from './schema.js';
import { appendCaseEvent } from './case-file.js';
import { enqueueNotification } from './notifications.js';
import { indexRequestText } from './text-index.js';

export type RequestRow = typeof requests.$inferSelect;

/** Who asked, as staff record it at intake (the public form gives name and phone at most). */
export interface CitizenIdentity {
  name?: string;
  phone?: string;
  idNumber?: string;
  address?: string;
}

export interface ReceiveRequest extends Omit<NewRequest, 'citizen'> {
  /** chosen by the caller (e.g. the API), so a retried submission does not create a second request */
  id: string;
  citizen?: CitizenIdentity;
  createdAt?: Date;
  demo?: boolean;
}

/**
 * Stores a validated new request and its citizen (apart), opens its case file and adds its text to
 * the full-text index. Idempotent by id: a second call with the same id changes nothing and
 * returns `created: false`.
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
      const { name, phone, idNumber, address } = r.citizen;
      tx.insert(requestCitizens).values({ requestId: r.id, name, phone, idNumber, address }).run();
    }
    indexRequestText(tx, Number(inserted.lastInsertRowid), r.id, r.text);
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

/** 受阻: what keeps a request from being solved, and the internal reason (never public). */
export interface BlockedMark {
  kind: BlockedKind;
  reason: string;
}

/** The unit told when a request is marked blocked or cleared (区督导组). */
export const BLOCKED_NOTICE_UNIT = 'supervision-group';

const BLOCKED_LABELS: Record<BlockedKind, string> = { funding: '资金', land: '用地', policy: '政策', other: '其他原因' };

/**
 * Marks a request blocked (e.g. by funding) with its internal reason, or clears the mark with
 * `null`; in one transaction with the case event (`blocked` / `unblocked`) and a notice to the
 * supervision group, who follow blocked requests up. Setting the same mark again, or clearing a
 * request that is not blocked, changes nothing and returns false.
 */
export function setBlocked(conn: Conn, id: string, mark: BlockedMark | null, by: { actor?: string; at?: Date } = {}): boolean {
  const at = by.at ?? new Date();
  const actor = by.actor ?? 'system';
  return conn.transaction((tx) => {
    const current = tx.select({ kind: requests.blockedKind, reason: requests.blockedReason }).from(requests).where(eq(requests.id, id)).get();
    if (current === undefined) throw new Error(`no request ${id}`);
    if (mark === null ? current.kind === null && current.reason === null : current.kind === mark.kind && current.reason === mark.reason) return false;
    tx.update(requests)
      .set({ blockedKind: mark?.kind ?? null, blockedReason: mark?.reason ?? null })
      .where(eq(requests.id, id))
      .run();
    appendCaseEvent(tx, { requestId: id, kind: mark === null ? 'unblocked' : 'blocked', actor, at, detail: mark === null ? undefined : { kind: mark.kind, reason: mark.reason } });
    enqueueNotification(tx, {
      channel: 'internal',
      recipient: BLOCKED_NOTICE_UNIT,
      requestId: id,
      at,
      text: mark === null ? `诉求 ${id} 已解除受阻标记` : `诉求 ${id} 因${BLOCKED_LABELS[mark.kind]}受阻:${mark.reason}`,
    });
    return true;
  });
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

/**
 * Records that the request's process instance was asked for (the engine acknowledged the start
 * message) or exists (the register worker ran). Only the first call sets it; returns whether this one did.
 */
export function markInstanceRequested(conn: Conn, id: string, at: Date): boolean {
  return (
    conn
      .update(requests)
      .set({ instanceRequestedAt: at })
      .where(and(eq(requests.id, id), isNull(requests.instanceRequestedAt)))
      .run().changes > 0
  );
}

/** What starting a request's instance needs (workflows/README.md, "Variables of a request"). */
export interface InstanceStart {
  id: string;
  townshipId: string;
  villageId: string | null;
  channel: RequestRow['channel'];
  text: string;
}

/**
 * Requests whose instance was never asked for (the API stopped between commit and publish, or the
 * engine could not be reached), oldest first; with `createdBefore`, only those created before it.
 */
export function requestsAwaitingInstance(conn: Conn, options: { createdBefore?: Date; limit?: number } = {}): InstanceStart[] {
  return conn
    .select({ id: requests.id, townshipId: requests.townshipId, villageId: requests.villageId, channel: requests.channel, text: requests.text })
    .from(requests)
    .where(and(isNull(requests.instanceRequestedAt), options.createdBefore === undefined ? undefined : lt(requests.createdAt, options.createdBefore)))
    .orderBy(asc(requests.createdAt))
    .limit(options.limit ?? 100)
    .all();
}

/**
 * 并单: `id` is the same matter as `intoId` and follows its progress from now on. Marks it merged
 * (finished on its own: status `merged`, closed now, any open ledger entry closed as 'merged') and
 * writes an event into both case files. Only the first call merges; returns whether this one did.
 */
export function mergeRequest(conn: Conn, m: { id: string; intoId: string; at: Date; actor?: string }): boolean {
  return conn.transaction((tx) => {
    const changed = tx
      .update(requests)
      .set({ mergedInto: m.intoId, status: 'merged', closedAt: m.at })
      .where(and(eq(requests.id, m.id), isNull(requests.mergedInto)))
      .run().changes;
    if (changed === 0) return false;
    tx.update(ledgerEntries)
      .set({ closedAt: m.at, closeReason: 'merged' })
      .where(and(eq(ledgerEntries.requestId, m.id), isNull(ledgerEntries.closedAt)))
      .run();
    const actor = m.actor ?? 'system';
    appendCaseEvent(tx, { requestId: m.id, kind: 'merged', actor, at: m.at, detail: { into: m.intoId } });
    appendCaseEvent(tx, { requestId: m.intoId, kind: 'merged_in', actor, at: m.at, detail: { from: m.id } });
    return true;
  });
}
