import { describe, expect, it } from 'vitest';
import { deliverPending, enqueueNotification, logAdapter, pendingNotifications, type DeliveryAdapter } from './notifications.js';
import { openStore } from './db.js';
import { T0 } from './testing.js';

describe('notification outbox', () => {
  it('enqueues a message once per idempotency key', () => {
    // given
    const { db, close } = openStore();
    const message = { channel: 'internal', recipient: 'dingshan-staff-2', text: '诉求即将到期', idempotencyKey: 'warn:88', at: T0 };

    // when
    const first = enqueueNotification(db, message);
    const again = enqueueNotification(db, message);
    enqueueNotification(db, { ...message, idempotencyKey: undefined });

    // then
    expect(first.enqueued).toBe(true);
    expect(again).toEqual({ id: first.id, enqueued: false });
    expect(pendingNotifications(db)).toHaveLength(2);
    close();
  });

  it('delivers through the log adapter and marks messages sent', async () => {
    // given
    const { db, close } = openStore();
    enqueueNotification(db, { channel: 'sms', recipient: '138****0000', text: '您的诉求已办结' });
    const lines: string[] = [];

    // when
    const result = await deliverPending(db, logAdapter((line) => lines.push(line)));

    // then
    expect(result).toEqual({ sent: 1, failed: 0 });
    expect(lines).toEqual(['[notify sms → 138****0000] 您的诉求已办结']);
    expect(pendingNotifications(db)).toEqual([]);
    close();
  });

  it('retries a failed delivery, then gives up after the last attempt', async () => {
    // given
    const { db, sqlite, close } = openStore();
    enqueueNotification(db, { channel: 'sms', recipient: 'x', text: 't' });
    const broken: DeliveryAdapter = { name: 'broken', deliver: async () => Promise.reject(new Error('gateway down')) };

    // when
    await deliverPending(db, broken, { maxAttempts: 2 });
    const afterOne = pendingNotifications(db).length;
    await deliverPending(db, broken, { maxAttempts: 2 });

    // then
    expect(afterOne).toBe(1);
    expect(sqlite.prepare('select status, attempts, last_error from notifications').get()).toEqual({
      status: 'failed',
      attempts: 2,
      last_error: 'Error: gateway down',
    });
    close();
  });
});
