import { describe, expect, it } from 'vitest';
import {
  claimNotification,
  deliverPending,
  dueNotifications,
  emailAddressesOf,
  enqueueNotification,
  exponentialBackoff,
  inboxOf,
  logAdapter,
  pendingNotifications,
  recordDelivered,
  recordFailedAttempt,
  type DeliveryAdapter,
} from './notifications.js';
import { caseFileView } from './case-file-view.js';
import { openStore } from './db.js';
import { notifications } from './schema.js';
import { receive, storeWithOrganisation, T0 } from './testing.js';

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

describe('outbox delivery state', () => {
  const policy = { maxAttempts: 3, backoffMs: exponentialBackoff(30_000, 3_600_000) };
  const later = (ms: number) => new Date(T0.getTime() + ms);

  it('lets one claim of a due notice win, and hides a claimed notice until its claim runs out', () => {
    // given
    const { db, close } = openStore();
    const { id } = enqueueNotification(db, { channel: 'sms', recipient: '13800000000', text: 't', at: T0 });

    // when
    const first = claimNotification(db, id, T0, later(60_000));
    const second = claimNotification(db, id, T0, later(60_000));
    const dueDuringClaim = dueNotifications(db, later(59_999));
    const dueAfterClaim = dueNotifications(db, later(60_000));

    // then
    expect(first).toMatchObject({ id, attempts: 1 });
    expect(second).toBeUndefined();
    expect(dueDuringClaim).toEqual([]);
    expect(dueAfterClaim.map((m) => m.id)).toEqual([id]);
    close();
  });

  it('backs off exponentially after each failed attempt, then fails for good after the last one', () => {
    // given
    const { db, sqlite, close } = openStore();
    const { id } = enqueueNotification(db, { channel: 'sms', recipient: '13800000000', text: 't', at: T0 });
    const outcomes = [];
    let now = T0;

    // when
    for (let i = 0; i < 3; i++) {
      const claimed = claimNotification(db, id, now, new Date(now.getTime() + 60_000))!;
      const outcome = recordFailedAttempt(db, claimed, `gateway down ${i + 1}`, now, policy);
      outcomes.push(outcome);
      if (outcome.status === 'pending') now = outcome.nextAttemptAt;
    }

    // then
    expect(outcomes).toEqual([
      { status: 'pending', nextAttemptAt: later(30_000) },
      { status: 'pending', nextAttemptAt: later(30_000 + 60_000) },
      { status: 'failed' },
    ]);
    expect(sqlite.prepare('select status, attempts, last_error, next_attempt_at from notifications').get()).toEqual({
      status: 'failed',
      attempts: 3,
      last_error: 'gateway down 3',
      next_attempt_at: null,
    });
    expect(dueNotifications(db, later(86_400_000))).toEqual([]);
    close();
  });

  it('caps the back-off', () => {
    // when
    const backoff = exponentialBackoff(30_000, 3_600_000);

    // then
    expect([1, 2, 3, 4, 8, 20].map(backoff)).toEqual([30_000, 60_000, 120_000, 240_000, 3_600_000, 3_600_000]);
  });

  it('ignores the failure of a claim another deliverer has since taken over', () => {
    // given
    const { db, close } = openStore();
    const { id } = enqueueNotification(db, { channel: 'sms', recipient: '13800000000', text: 't', at: T0 });
    const stale = claimNotification(db, id, T0, later(60_000))!;
    const fresh = claimNotification(db, id, later(60_000), later(120_000))!;

    // when
    recordFailedAttempt(db, stale, 'late failure', later(61_000), policy);
    recordDelivered(db, fresh.id, 'sms-gateway', later(62_000));

    // then
    expect(db.select().from(notifications).get()).toMatchObject({ status: 'sent', attempts: 2, lastError: null, deliveredVia: 'sms-gateway', sentAt: later(62_000) });
    close();
  });

  it('selects due notices by channel', () => {
    // given
    const { db, close } = openStore();
    for (const channel of ['sms', 'internal', 'email', 'wechat']) enqueueNotification(db, { channel, recipient: 'r', text: channel, at: T0 });

    // when
    const sms = dueNotifications(db, T0, { channels: { in: ['sms'] } });
    const others = dueNotifications(db, T0, { channels: { notIn: ['sms', 'email', 'internal'] } });

    // then
    expect(sms.map((m) => m.channel)).toEqual(['sms']);
    expect(others.map((m) => m.channel)).toEqual(['wechat']);
    close();
  });

  it("reads a request's notices with their delivery state in its case file, phone numbers masked", async () => {
    // given
    const { db, close } = storeWithOrganisation();
    receive(db, 'REQ-N1');
    enqueueNotification(db, { channel: 'sms', recipient: '13812345678', text: '回访:请致电13812345678', requestId: 'REQ-N1', at: T0 });
    enqueueNotification(db, { channel: 'internal', recipient: 'dingshan-huangliang', text: '请回访', requestId: 'REQ-N1', at: later(1) });
    enqueueNotification(db, { channel: 'internal', recipient: 'dingshan-staff-2', text: '即将到期', requestId: 'REQ-N1', at: later(2) });
    enqueueNotification(db, { channel: 'sms', recipient: '13900000000', text: 'other', at: T0 });
    await deliverPending(db, { name: 'test', deliver: async (m) => (m.channel === 'sms' ? Promise.reject(new Error('gateway said no to 13812345678')) : 'inbox') }, { now: () => later(10) });

    // when
    const notices = caseFileView(db, 'REQ-N1')!.notifications;

    // then
    expect(notices).toEqual([
      expect.objectContaining({ channel: 'sms', recipient: '138****5678', recipientName: null, text: '回访:请致电138****5678', status: 'pending', attempts: 1, lastError: 'Error: gateway said no to 138****5678', sentAt: null, deliveredVia: null }),
      expect.objectContaining({ channel: 'internal', recipient: 'dingshan-huangliang', recipientName: '黄梁村', status: 'sent', attempts: 1, sentAt: later(10), deliveredVia: 'inbox', nextAttemptAt: null }),
      expect.objectContaining({ channel: 'internal', recipient: 'dingshan-staff-2', status: 'sent' }),
    ]);
    expect(notices[2]!.recipientName).toEqual(expect.any(String));
    close();
  });

  it("lists a person's inbox: notices to them and to their unit, newest first", () => {
    // given
    const { db, close } = storeWithOrganisation();
    enqueueNotification(db, { channel: 'internal', recipient: 'dingshan-huangliang', text: 'to the village', at: T0 });
    enqueueNotification(db, { channel: 'internal', recipient: 'dingshan-huangliang-staff-1', text: 'to the person', at: later(1000) });
    enqueueNotification(db, { channel: 'internal', recipient: 'dingshan', text: 'to the township', at: later(2000) });
    enqueueNotification(db, { channel: 'sms', recipient: 'dingshan-huangliang', text: 'not internal', at: later(3000) });

    // when
    const inbox = inboxOf(db, { staffId: 'dingshan-huangliang-staff-1', unitId: 'dingshan-huangliang' }, { limit: 10, offset: 0 });
    const second = inboxOf(db, { staffId: 'dingshan-huangliang-staff-1', unitId: 'dingshan-huangliang' }, { limit: 1, offset: 1 });

    // then
    expect(inbox.total).toBe(2);
    expect(inbox.items.map((n) => [n.recipient, n.text])).toEqual([
      [{ kind: 'staff', id: 'dingshan-huangliang-staff-1' }, 'to the person'],
      [{ kind: 'unit', id: 'dingshan-huangliang' }, 'to the village'],
    ]);
    expect(second.items.map((n) => n.text)).toEqual(['to the village']);
    close();
  });

  it('finds the e-mail addresses of an addressed person, or of the staff of an addressed unit', () => {
    // given
    const { db, sqlite, close } = storeWithOrganisation();
    const unitStaff = sqlite.prepare("select id from staff where unit_id = 'dingshan-huangliang' order by id").all() as { id: string }[];
    sqlite.prepare('update staff set email = ? where id = ?').run('a@example.org', unitStaff[0]!.id);
    sqlite.prepare('update staff set email = ? where id = ?').run('b@example.org', unitStaff[1]!.id);

    // when
    const ofUnit = emailAddressesOf(db, 'dingshan-huangliang');
    const ofPerson = emailAddressesOf(db, unitStaff[1]!.id);
    const ofNobody = emailAddressesOf(db, 'dingshan');

    // then
    expect(ofUnit).toEqual(['a@example.org', 'b@example.org']);
    expect(ofPerson).toEqual(['b@example.org']);
    expect(ofNobody).toEqual([]);
    close();
  });
});
