// Notification outbox: a step enqueues in its own transaction; a deliverer sends later through a
// channel (log, SMTP, an SMS gateway, the workbench inbox: workers/delivery/). Delivery state
// lives on the row: status (pending → sent | failed), attempts, last_error, next_attempt_at (the
// back-off, and the claim of a deliverer at work on it), sent_at and delivered_via.
import { and, asc, count, desc, eq, inArray, isNotNull, isNull, lte, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { maskIdentity } from '../domain/index.js';
import type { Conn } from './db.js';
import { notifications, staff, type NotificationStatus } from './schema.js';

export type OutboxMessage = typeof notifications.$inferSelect;

export interface NewNotification {
  /** 'sms', 'internal', 'email', ...: the deliverer routes by it */
  channel: string;
  /** a phone number, a staff id, a unit id, an e-mail address: whatever the channel addresses */
  recipient: string;
  text: string;
  requestId?: string;
  /** when given, a second enqueue with the same key adds nothing (e.g. `warn:<job key>`) */
  idempotencyKey?: string;
  at?: Date;
}

export function enqueueNotification(conn: Conn, n: NewNotification): { id: number; enqueued: boolean } {
  return conn.transaction((tx) => {
    if (n.idempotencyKey !== undefined) {
      const existing = tx.select({ id: notifications.id }).from(notifications).where(eq(notifications.idempotencyKey, n.idempotencyKey)).get();
      if (existing !== undefined) return { id: existing.id, enqueued: false };
    }
    const { at, ...rest } = n;
    const { id } = tx
      .insert(notifications)
      .values({ ...rest, createdAt: at ?? new Date() })
      .returning({ id: notifications.id })
      .get();
    return { id, enqueued: true };
  });
}

export interface DeliveryAdapter {
  readonly name: string;
  /**
   * Delivers one message or throws; the outbox retries failures. May answer the channel that
   * delivered it (recorded as `delivered_via`; default: the adapter's name).
   */
  deliver(message: OutboxMessage): Promise<string | void>;
}

/** The default adapter: writes each message to a log line and counts it as sent. */
export function logAdapter(write: (line: string) => void = (line) => console.log(line)): DeliveryAdapter {
  return {
    name: 'log',
    async deliver(m) {
      write(`[notify ${m.channel} → ${m.recipient}] ${m.text}`);
    },
  };
}

/** Every pending message, due or backing off, oldest first. */
export function pendingNotifications(conn: Conn, limit = 100): OutboxMessage[] {
  return conn.select().from(notifications).where(eq(notifications.status, 'pending')).orderBy(asc(notifications.id)).limit(limit).all();
}

/** Which channels of the outbox a deliverer takes: these, or every one but these. */
export type ChannelFilter = { in: readonly string[] } | { notIn: readonly string[] };

const isDue = (now: Date): SQL => or(isNull(notifications.nextAttemptAt), lte(notifications.nextAttemptAt, now))!;

/** Pending messages whose time has come (never tried, or their back-off or claim is over), oldest first. */
export function dueNotifications(conn: Conn, now: Date, options: { limit?: number; channels?: ChannelFilter } = {}): OutboxMessage[] {
  const filter = options.channels;
  const byChannel = filter === undefined ? undefined : 'in' in filter ? inArray(notifications.channel, [...filter.in]) : notInArray(notifications.channel, [...filter.notIn]);
  return conn
    .select()
    .from(notifications)
    .where(and(eq(notifications.status, 'pending'), isDue(now), byChannel))
    .orderBy(asc(notifications.id))
    .limit(options.limit ?? 100)
    .all();
}

/**
 * Claims a due message for one delivery attempt: counts the attempt and moves `next_attempt_at` to
 * `leaseUntil`, in one conditional UPDATE, so of several deliverers (processes, or later PostgreSQL
 * connections) racing for it exactly one gets the row back; the others get undefined and skip it.
 *
 * At least once, not exactly once: a deliverer that dies (or stalls past `leaseUntil`) after the
 * channel accepted the message but before `recordDelivered` leaves it pending, and it is sent again
 * once the lease is over. The `reference` a channel passes on (`suqiu-notification-<id>`) lets the
 * far side drop such a twin. Counting the attempt at the claim makes a message that kills its
 * deliverer every time end as failed instead of being retried for ever.
 */
export function claimNotification(conn: Conn, id: number, now: Date, leaseUntil: Date): OutboxMessage | undefined {
  return conn
    .update(notifications)
    .set({ attempts: sql`${notifications.attempts} + 1`, nextAttemptAt: leaseUntil })
    .where(and(eq(notifications.id, id), eq(notifications.status, 'pending'), isDue(now)))
    .returning()
    .get();
}

/** Records a delivery: sent, when and through which channel. */
export function recordDelivered(conn: Conn, id: number, via: string, at: Date): void {
  conn
    .update(notifications)
    .set({ status: 'sent', sentAt: at, deliveredVia: via, lastError: null, nextAttemptAt: null })
    .where(and(eq(notifications.id, id), eq(notifications.status, 'pending')))
    .run();
}

export interface RetryPolicy {
  /** after this many attempts a failure is final */
  maxAttempts: number;
  /** how long to wait after the n-th failed attempt (n ≥ 1) */
  backoffMs(attempts: number): number;
}

/** 30 s, 1 min, 2 min, 4 min ... (base doubled after each failure), never more than `maxMs`. */
export function exponentialBackoff(baseMs: number, maxMs: number): (attempts: number) => number {
  return (attempts) => Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
}

export type AttemptOutcome = { status: 'pending'; nextAttemptAt: Date } | { status: 'failed' };

/**
 * Records a failed attempt of the claim that counted `claimed.attempts`: pending again after the
 * back-off, or failed for good after the last attempt (or at once when `final`: retrying cannot
 * help). A claim that has since been superseded (its lease ran out and another deliverer took the
 * message) records nothing: the newer attempt owns the row.
 */
export function recordFailedAttempt(
  conn: Conn,
  claimed: Pick<OutboxMessage, 'id' | 'attempts'>,
  error: string,
  at: Date,
  policy: RetryPolicy,
  final = false,
): AttemptOutcome {
  const outcome: AttemptOutcome =
    final || claimed.attempts >= policy.maxAttempts ? { status: 'failed' } : { status: 'pending', nextAttemptAt: new Date(at.getTime() + policy.backoffMs(claimed.attempts)) };
  conn
    .update(notifications)
    .set({ status: outcome.status, lastError: error, nextAttemptAt: outcome.status === 'pending' ? outcome.nextAttemptAt : null })
    .where(and(eq(notifications.id, claimed.id), eq(notifications.status, 'pending'), eq(notifications.attempts, claimed.attempts)))
    .run();
  return outcome;
}

function messageOf(error: unknown): string {
  return String(error);
}

/**
 * Delivers the due messages one at a time, oldest first. A failure is retried on a later run (after
 * `backoffMs`, default at once) until `maxAttempts`, then the message is marked failed. The workers
 * use the concurrent deliverer of workers/delivery/ instead; this one suits scripts and tests.
 */
export async function deliverPending(
  conn: Conn,
  adapter: DeliveryAdapter,
  options: { limit?: number; maxAttempts?: number; now?: () => Date; backoffMs?: (attempts: number) => number; leaseMs?: number } = {},
): Promise<{ sent: number; failed: number }> {
  const now = options.now ?? (() => new Date());
  const policy: RetryPolicy = { maxAttempts: options.maxAttempts ?? 5, backoffMs: options.backoffMs ?? (() => 0) };
  const leaseMs = options.leaseMs ?? 60_000;
  let sent = 0;
  let failed = 0;
  for (const due of dueNotifications(conn, now(), { limit: options.limit })) {
    const start = now();
    const m = claimNotification(conn, due.id, start, new Date(start.getTime() + leaseMs));
    if (m === undefined) continue;
    try {
      const via = await adapter.deliver(m);
      recordDelivered(conn, m.id, via || adapter.name, now());
      sent++;
    } catch (error) {
      recordFailedAttempt(conn, m, messageOf(error), now(), policy);
      failed++;
    }
  }
  return { sent, failed };
}

// ---------------------------------------------------------------- reading

/** A notice with its delivery state, as the case file shows it (identity numbers masked). */
export interface NoticeState {
  id: number;
  channel: string;
  /** the phone number masked (138****0000); a unit or staff id as it is */
  recipient: string;
  /** the unit's or staff member's name for an internal notice */
  recipientName: string | null;
  text: string;
  status: NotificationStatus;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  /** when a pending notice is tried next */
  nextAttemptAt: Date | null;
  sentAt: Date | null;
  /** 'log', 'smtp', 'sms-gateway', 'inbox', 'inbox+smtp' */
  deliveredVia: string | null;
}

const maskedOrNull = (s: string | null): string | null => (s === null ? null : maskIdentity(s));

/**
 * The notices about a request, oldest first, with their delivery state; phone and ID numbers
 * masked. `recipientName` names what a recipient code stands for (the case file's names).
 */
export function notificationsOfRequest(conn: Conn, requestId: string, recipientName: (recipient: string) => string | null): NoticeState[] {
  const rows = conn.select().from(notifications).where(eq(notifications.requestId, requestId)).orderBy(asc(notifications.createdAt), asc(notifications.id)).all();
  return rows.map((n) => ({
    id: n.id,
    channel: n.channel,
    recipient: maskIdentity(n.recipient),
    recipientName: recipientName(n.recipient),
    text: maskIdentity(n.text),
    status: n.status,
    attempts: n.attempts,
    lastError: maskedOrNull(n.lastError),
    createdAt: n.createdAt,
    nextAttemptAt: n.status === 'pending' ? n.nextAttemptAt : null,
    sentAt: n.sentAt,
    deliveredVia: n.deliveredVia,
  }));
}

/** Whom the workbench inbox belongs to: a member of staff, and the unit they work in. */
export interface InboxOwner {
  staffId: string;
  unitId: string;
}

export interface InboxItem {
  id: number;
  recipient: { kind: 'unit' | 'staff'; id: string };
  text: string;
  requestId: string | null;
  createdAt: Date;
  status: NotificationStatus;
  deliveredVia: string | null;
  sentAt: Date | null;
}

/**
 * The workbench inbox: the internal notices addressed to the person or to their unit, newest
 * first. A notice is in the inbox from the moment the step that wrote it committed; its delivery
 * state says whether the e-mail copies (if any) went out.
 */
export function inboxOf(conn: Conn, owner: InboxOwner, page: { limit: number; offset: number }): { items: InboxItem[]; total: number } {
  const where = and(eq(notifications.channel, 'internal'), inArray(notifications.recipient, [owner.unitId, owner.staffId]));
  const rows = conn.select().from(notifications).where(where).orderBy(desc(notifications.createdAt), desc(notifications.id)).limit(page.limit).offset(page.offset).all();
  const total = conn.select({ n: count() }).from(notifications).where(where).get()?.n ?? 0;
  return {
    total,
    items: rows.map((n) => ({
      id: n.id,
      recipient: { kind: n.recipient === owner.staffId ? 'staff' : 'unit', id: n.recipient },
      text: n.text,
      requestId: n.requestId,
      createdAt: n.createdAt,
      status: n.status,
      deliveredVia: n.deliveredVia,
      sentAt: n.sentAt,
    })),
  };
}

/**
 * Where e-mail copies of an internal notice go: the addressed member of staff, or every member of
 * the addressed unit, who has an e-mail address (sorted, without repeats).
 */
export function emailAddressesOf(conn: Conn, recipient: string): string[] {
  const rows = conn
    .select({ email: staff.email })
    .from(staff)
    .where(and(or(eq(staff.id, recipient), eq(staff.unitId, recipient)), isNotNull(staff.email)))
    .orderBy(asc(staff.email))
    .all();
  return [...new Set(rows.map((r) => r.email!.trim()).filter((e) => e !== ''))];
}
