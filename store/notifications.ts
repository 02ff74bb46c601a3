// Notification outbox: a step enqueues in its own transaction; a deliverer sends later through an
// adapter (SMS gateway, WeChat, internal message...). The default adapter only logs.
import { and, asc, eq } from 'drizzle-orm';
import type { Conn } from './db.js';
import { notifications } from './schema.js';

export type OutboxMessage = typeof notifications.$inferSelect;

export interface NewNotification {
  /** 'sms', 'internal', 'wechat', ...: the adapter decides what it can deliver */
  channel: string;
  /** a phone number, a staff id, a unit id: whatever the channel addresses */
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
  /** Delivers one message or throws; the outbox retries failures. */
  deliver(message: OutboxMessage): Promise<void>;
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

export function pendingNotifications(conn: Conn, limit = 100): OutboxMessage[] {
  return conn.select().from(notifications).where(eq(notifications.status, 'pending')).orderBy(asc(notifications.id)).limit(limit).all();
}

/**
 * Delivers pending messages, oldest first. A failure is retried on the next run until
 * `maxAttempts`, then the message is marked failed.
 */
export async function deliverPending(
  conn: Conn,
  adapter: DeliveryAdapter,
  options: { limit?: number; maxAttempts?: number; now?: () => Date } = {},
): Promise<{ sent: number; failed: number }> {
  const maxAttempts = options.maxAttempts ?? 5;
  const now = options.now ?? (() => new Date());
  let sent = 0;
  let failed = 0;
  for (const m of pendingNotifications(conn, options.limit)) {
    const attempts = m.attempts + 1;
    try {
      await adapter.deliver(m);
      conn.update(notifications).set({ status: 'sent', attempts, sentAt: now(), lastError: null })
        .where(and(eq(notifications.id, m.id), eq(notifications.status, 'pending'))).run();
      sent++;
    } catch (error) {
      const status = attempts >= maxAttempts ? 'failed' : 'pending';
      conn.update(notifications).set({ status, attempts, lastError: String(error) }).where(eq(notifications.id, m.id)).run();
      failed++;
    }
  }
  return { sent, failed };
}
