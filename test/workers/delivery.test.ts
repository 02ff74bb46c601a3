// The outbox's channels against local stand-ins: e-mail to an SMTP server (`smtp-server`), SMS to
// an HTTP sink standing in for the gateway; retries with back-off driven by an injected clock;
// two deliverers at once on one store never send a notice twice.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../store/db.js';
import { enqueueNotification } from '../../store/notifications.js';
import { notifications } from '../../store/schema.js';
import { seedDemo } from '../../store/seed/demo.js';
import { receive, T0 } from '../../store/testing.js';
import { configuredDeliverer, type ConfiguredDeliverer } from '../../workers/delivery/outbox.js';
import type { DeliverySettings } from '../../workers/delivery/settings.js';
import { SMTP_PASSWORD, SMTP_USER, startHttpSink, startSmtpSink, type HttpSink, type SmtpSink } from './delivery-sinks.js';
import { eventually } from './support.js';

const FROM = '"巴州区诉求系统" <noreply@bazhou.example>';
const TOKEN = 'gw-token-123';

let smtp: SmtpSink;
let sink: HttpSink;
const dir = mkdtempSync(join(tmpdir(), 'suqiu-delivery-'));
const opened: { store?: Store; outbox?: ConfiguredDeliverer }[] = [];

beforeAll(async () => {
  smtp = await startSmtpSink();
  sink = await startHttpSink();
});

afterEach(async () => {
  for (const o of opened.splice(0)) {
    await o.outbox?.stop();
    o.store?.close();
  }
  smtp.mails.length = 0;
  sink.requests.length = 0;
  sink.answer = 202;
});

afterAll(async () => {
  await smtp?.close();
  await sink?.close();
  rmSync(dir, { recursive: true, force: true });
});

const smtpUrl = () => `smtp://${SMTP_USER}:${SMTP_PASSWORD}@127.0.0.1:${smtp.port}`;

function settings(over: Partial<DeliverySettings> = {}): DeliverySettings {
  return { timeoutMs: 5000, maxAttempts: 3, backoffMs: 30_000, backoffMaxMs: 3_600_000, concurrency: 2, ...over };
}

/** A store with the demo organisation (a file, so a second connection can open it too). */
function demoStore(name: string): Store {
  const store = openStore(join(dir, name));
  seedDemo(store.db, { accounts: false });
  opened.push({ store });
  return store;
}

/** A clock the test moves by hand. */
function handClock(start = T0) {
  let now = start;
  return { now: () => now, set: (at: Date) => (now = at), advance: (ms: number) => (now = new Date(now.getTime() + ms)) };
}

function deliverer(store: Store, s: DeliverySettings, clock: () => Date, lines: string[] = []): ConfiguredDeliverer {
  const outbox = configuredDeliverer(s, { db: store.db, clock, log: (line) => lines.push(line) });
  opened.push({ outbox });
  return outbox;
}

const rowOf = (store: Store, id: number) => store.sqlite.prepare('select status, attempts, last_error, next_attempt_at, sent_at, delivered_via from notifications where id = ?').get(id);

describe('e-mail over SMTP', () => {
  it('sends an e-mail notice, logging in with the credentials of SUQIU_SMTP_URL, in UTF-8', async () => {
    // given
    const store = demoStore('smtp-1.db');
    const text = '您反映的诉求已办结,请对办理结果进行评价。';
    const { id } = enqueueNotification(store.db, { channel: 'email', recipient: 'wang@citizen.example', text, at: T0 });
    const clock = handClock(new Date(T0.getTime() + 5000));
    const { deliverer: d } = deliverer(store, settings({ smtp: { url: smtpUrl(), from: FROM } }), clock.now);

    // when
    const result = await d.runOnce();

    // then
    expect(result).toEqual({ sent: 1, failed: 0, skipped: 0 });
    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0]!;
    expect(mail).toMatchObject({ mailFrom: 'noreply@bazhou.example', rcptTo: ['wang@citizen.example'], user: SMTP_USER });
    expect(mail.headers.to).toBe('wang@citizen.example');
    expect(mail.headers.from).toContain('<noreply@bazhou.example>');
    expect(mail.headers['content-type']).toMatch(/^text\/plain; charset=utf-8/i);
    expect(mail.headers['x-suqiu-reference']).toBe(`suqiu-notification-${id}`);
    expect(mail.subject).toBe('诉求通知:您反映的诉求已办结,请对办理结果进行评价。');
    expect(mail.text).toBe(`${text}\n\n——诉求系统自动发送,请勿直接回复。`);
    expect(rowOf(store, id)).toEqual({ status: 'sent', attempts: 1, last_error: null, next_attempt_at: null, sent_at: clock.now().getTime(), delivered_via: 'smtp' });
  });

  it("copies an internal notice to the unit's staff who have an address, masking phone numbers; the rest stays in the inbox", async () => {
    // given
    const store = demoStore('smtp-2.db');
    const unitStaff = store.sqlite.prepare("select id from staff where unit_id = 'dingshan-huangliang' order by id").all() as { id: string }[];
    store.sqlite.prepare('update staff set email = ? where id = ?').run('li@huangliang.example', unitStaff[0]!.id);
    store.sqlite.prepare('update staff set email = ? where id = ?').run('zhao@huangliang.example', unitStaff[1]!.id);
    receive(store.db, 'REQ-MAIL-1');
    const toUnit = enqueueNotification(store.db, { channel: 'internal', recipient: 'dingshan-huangliang', text: '请回访诉求人,电话13812345678', requestId: 'REQ-MAIL-1', at: T0 });
    const toTownship = enqueueNotification(store.db, { channel: 'internal', recipient: 'dingshan', text: '即将到期', at: T0 });
    const { deliverer: d } = deliverer(store, settings({ smtp: { url: smtpUrl(), from: FROM } }), () => T0);

    // when
    await d.runOnce();

    // then
    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0]!;
    expect(mail.rcptTo).toEqual(['li@huangliang.example', 'zhao@huangliang.example']);
    expect(mail.subject).toBe('诉求通知:请回访诉求人,电话138****5678');
    expect(mail.text).toBe('请回访诉求人,电话138****5678\n\n诉求编号:REQ-MAIL-1\n\n——诉求系统自动发送,请勿直接回复。');
    expect(mail.headers['x-suqiu-request-id']).toBe('REQ-MAIL-1');
    expect(rowOf(store, toUnit.id)).toMatchObject({ status: 'sent', delivered_via: 'inbox+smtp' });
    expect(rowOf(store, toTownship.id)).toMatchObject({ status: 'sent', delivered_via: 'inbox' });
  });

  it('fails at once a message the server refuses (550), and without SMTP writes e-mail notices to the log', async () => {
    // given
    const store = demoStore('smtp-3.db');
    const refused = enqueueNotification(store.db, { channel: 'email', recipient: 'refused@citizen.example', text: '通知', at: T0 });
    const lines: string[] = [];
    const { deliverer: withSmtp } = deliverer(store, settings({ smtp: { url: smtpUrl(), from: FROM } }), () => T0, lines);
    await withSmtp.runOnce();
    const logged = enqueueNotification(store.db, { channel: 'email', recipient: 'wang@citizen.example', text: '通知', at: T0 });
    const { deliverer: withoutSmtp } = deliverer(store, settings(), () => T0, lines);

    // when
    await withoutSmtp.runOnce();

    // then
    expect(rowOf(store, refused.id)).toMatchObject({ status: 'failed', attempts: 1, delivered_via: null });
    expect(String((rowOf(store, refused.id) as { last_error: string }).last_error)).toMatch(/^smtp: refused: .*550/);
    expect(rowOf(store, logged.id)).toMatchObject({ status: 'sent', delivered_via: 'log' });
    expect(lines).toContain('[notify email → wang@citizen.example] 通知');
    expect(smtp.mails).toEqual([]);
  });
});

describe('the HTTP SMS gateway', () => {
  it('POSTs the documented JSON body with the bearer token and an idempotency key', async () => {
    // given
    const store = demoStore('sms-1.db');
    receive(store.db, 'REQ-SMS-1');
    const text = '您反映的诉求(编号 REQ-SMS-1)已办结。请回复:1 满意,2 基本满意,3 不满意。';
    const { id } = enqueueNotification(store.db, { channel: 'sms', recipient: '13800000000', text, requestId: 'REQ-SMS-1', at: T0 });
    const lines: string[] = [];
    const { deliverer: d } = deliverer(store, settings({ smsGateway: { url: sink.url, token: TOKEN } }), () => T0, lines);

    // when
    await d.runOnce();

    // then
    expect(sink.requests).toHaveLength(1);
    const request = sink.requests[0]!;
    expect(request).toMatchObject({ method: 'POST', url: '/sms/send' });
    expect(request.headers).toMatchObject({
      'content-type': 'application/json; charset=utf-8',
      authorization: `Bearer ${TOKEN}`,
      'idempotency-key': `suqiu-notification-${id}`,
      'user-agent': 'suqiu-workers',
    });
    expect(JSON.parse(request.body)).toEqual({ to: '13800000000', text, reference: `suqiu-notification-${id}`, requestId: 'REQ-SMS-1' });
    expect(rowOf(store, id)).toMatchObject({ status: 'sent', attempts: 1, delivered_via: 'sms-gateway', sent_at: T0.getTime() });
    expect(lines).toEqual([]);
  });

  it('sends no Authorization header without a token, requestId null for a notice about no request, and logs SMS masked without a gateway', async () => {
    // given
    const store = demoStore('sms-2.db');
    const { id } = enqueueNotification(store.db, { channel: 'sms', recipient: '13900000001', text: '验证码 123456', at: T0 });
    const { deliverer: viaGateway } = deliverer(store, settings({ smsGateway: { url: sink.url } }), () => T0);
    await viaGateway.runOnce();
    const logged = enqueueNotification(store.db, { channel: 'sms', recipient: '13900000002', text: '请致电13900000002', at: T0 });
    const lines: string[] = [];
    const { deliverer: viaLog } = deliverer(store, settings(), () => T0, lines);

    // when
    await viaLog.runOnce();

    // then
    expect(sink.requests).toHaveLength(1);
    expect(sink.requests[0]!.headers.authorization).toBeUndefined();
    expect(JSON.parse(sink.requests[0]!.body)).toEqual({ to: '13900000001', text: '验证码 123456', reference: `suqiu-notification-${id}`, requestId: null });
    expect(rowOf(store, logged.id)).toMatchObject({ status: 'sent', delivered_via: 'log' });
    expect(lines).toEqual(['[notify sms → 139****0002] 请致电139****0002']);
  });

  it('retries a failing gateway (500, then no answer) with an exponential back-off, then marks the notice failed', async () => {
    // given
    const store = demoStore('sms-3.db');
    const { id } = enqueueNotification(store.db, { channel: 'sms', recipient: '13800000000', text: '通知', at: T0 });
    const clock = handClock();
    const lines: string[] = [];
    const { deliverer: d } = deliverer(store, settings({ smsGateway: { url: sink.url, token: TOKEN }, timeoutMs: 300, maxAttempts: 3 }), clock.now, lines);
    sink.answer = 500;

    // when: the first attempt meets a 500
    await d.runOnce();
    const afterFirst = rowOf(store, id);
    clock.advance(29_999);
    const tooEarly = await d.runOnce();
    const requestsTooEarly = sink.requests.length;
    // the gateway stops answering
    sink.answer = 'never';
    clock.advance(1);
    await d.runOnce();
    const afterSecond = rowOf(store, id);
    clock.advance(60_000);
    await d.runOnce();
    const afterThird = rowOf(store, id);
    clock.advance(86_400_000);
    await d.runOnce();

    // then
    expect(afterFirst).toEqual({ status: 'pending', attempts: 1, last_error: 'sms-gateway: HTTP 500 {"error":"status 500"}', next_attempt_at: T0.getTime() + 30_000, sent_at: null, delivered_via: null });
    expect(tooEarly).toEqual({ sent: 0, failed: 0, skipped: 0 });
    expect(requestsTooEarly).toBe(1);
    expect(afterSecond).toEqual({ status: 'pending', attempts: 2, last_error: 'sms-gateway: no answer within 300 ms', next_attempt_at: T0.getTime() + 30_000 + 60_000, sent_at: null, delivered_via: null });
    expect(afterThird).toEqual({ status: 'failed', attempts: 3, last_error: 'sms-gateway: no answer within 300 ms', next_attempt_at: null, sent_at: null, delivered_via: null });
    expect(sink.requests).toHaveLength(3);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(`outbox: notification ${id} (sms → 138****0000) attempt 1 of 3 failed, next at ${new Date(T0.getTime() + 30_000).toISOString()}: sms-gateway: HTTP 500 {"error":"status 500"}`);
    expect(lines[2]).toBe(`outbox: notification ${id} (sms → 138****0000) failed for good after 3 attempt(s): sms-gateway: no answer within 300 ms`);
    expect(lines.join('\n')).not.toContain('13800000000');
  });

  it('fails at once a message the gateway refuses (400), but retries 429', async () => {
    // given
    const store = demoStore('sms-4.db');
    const refused = enqueueNotification(store.db, { channel: 'sms', recipient: '12345', text: '通知', at: T0 });
    const { deliverer: d } = deliverer(store, settings({ smsGateway: { url: sink.url } }), () => T0);
    sink.answer = 400;
    await d.runOnce();
    const throttled = enqueueNotification(store.db, { channel: 'sms', recipient: '13800000000', text: '通知', at: T0 });
    sink.answer = 429;

    // when
    await d.runOnce();

    // then
    expect(rowOf(store, refused.id)).toMatchObject({ status: 'failed', attempts: 1, last_error: 'sms-gateway: refused: HTTP 400 {"error":"status 400"}' });
    expect(rowOf(store, throttled.id)).toMatchObject({ status: 'pending', attempts: 1, next_attempt_at: T0.getTime() + 30_000 });
  });

  it('lets a gateway that does not answer hold up SMS notices only, not the inbox', async () => {
    // given
    const store = demoStore('sms-5.db');
    const sms = enqueueNotification(store.db, { channel: 'sms', recipient: '13800000000', text: '通知', at: T0 });
    const internal = enqueueNotification(store.db, { channel: 'internal', recipient: 'dingshan', text: '即将到期', at: T0 });
    const { deliverer: d } = deliverer(store, settings({ smsGateway: { url: sink.url }, timeoutMs: 2000 }), () => T0);
    sink.answer = 'never';

    // when
    const pass = d.runOnce();
    await eventually(() => sink.open === 1, 'the gateway to hold the SMS request');
    const internalWhileSmsHangs = rowOf(store, internal.id);
    const smsWhileItHangs = rowOf(store, sms.id);
    await pass;

    // then
    expect(internalWhileSmsHangs).toMatchObject({ status: 'sent', delivered_via: 'inbox' });
    expect(smsWhileItHangs).toMatchObject({ status: 'pending', attempts: 1, last_error: null });
    expect(rowOf(store, sms.id)).toMatchObject({ status: 'pending', attempts: 1, last_error: 'sms-gateway: no answer within 2000 ms' });
  });
});

describe('two deliverers at once', () => {
  it('never send the same notice twice', async () => {
    // given: two connections to one store file, as two worker processes would have
    const first = demoStore('twice.db');
    const second = openStore(join(dir, 'twice.db'));
    opened.push({ store: second });
    const ids = Array.from({ length: 30 }, (_, i) => enqueueNotification(first.db, { channel: 'sms', recipient: `1380000${String(i).padStart(4, '0')}`, text: `通知 ${i}`, at: T0 }).id);
    const s = settings({ smsGateway: { url: sink.url }, concurrency: 3 });
    const a = deliverer(first, s, () => T0).deliverer;
    const b = deliverer(second, s, () => T0).deliverer;

    // when
    const [ra, rb] = await Promise.all([a.runOnce(), b.runOnce()]);

    // then
    const references = sink.requests.map((r) => (JSON.parse(r.body) as { reference: string }).reference).sort();
    expect(references).toEqual(ids.map((id) => `suqiu-notification-${id}`).sort());
    expect(ra.sent + rb.sent).toBe(30);
    expect(ra.sent).toBeGreaterThan(0);
    expect(rb.sent).toBeGreaterThan(0);
    expect(ra.skipped + rb.skipped).toBeGreaterThan(0);
    expect(first.db.select().from(notifications).all().every((n) => n.status === 'sent' && n.attempts === 1)).toBe(true);
  });
});
