// The workers' runtime wired from the environment: with SUQIU_SMTP_* and SUQIU_SMS_GATEWAY_* set,
// the outbox it runs delivers SMS to the gateway, e-mail and internal copies over SMTP, the rest to
// the log; its start line says where each channel delivers, without a secret.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../store/db.js';
import { enqueueNotification } from '../../store/notifications.js';
import { seedDemo } from '../../store/seed/demo.js';
import { configFromEnv } from '../../workers/runtime/config.js';
import { startWorkers, type RunningWorkers } from '../../workers/runtime/runner.js';
import { SMTP_PASSWORD, SMTP_USER, startHttpSink, startSmtpSink, type HttpSink, type SmtpSink } from './delivery-sinks.js';
import { eventually, inProcessWorkersConfig } from './support.js';

const TOKEN = 'runtime-gateway-token';
const dir = mkdtempSync(join(tmpdir(), 'suqiu-delivery-runtime-'));
let smtp: SmtpSink;
let sink: HttpSink;
let store: Store;
let workers: RunningWorkers | undefined;
const lines: string[] = [];

beforeAll(async () => {
  smtp = await startSmtpSink();
  sink = await startHttpSink();
  store = openStore(join(dir, 'suqiu.db'));
  seedDemo(store.db, { accounts: false });
});

afterAll(async () => {
  await workers?.stop();
  store?.close();
  await smtp?.close();
  await sink?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the workers runtime with delivery settings', () => {
  it('delivers the outbox through the channels the environment configures', async () => {
    // given
    const person = (store.sqlite.prepare("select id from staff where unit_id = 'dingshan' order by id").get() as { id: string }).id;
    store.sqlite.prepare('update staff set email = ? where id = ?').run('zhang@dingshan.example', person);
    const sms = enqueueNotification(store.db, { channel: 'sms', recipient: '13800000000', text: '您的诉求已受理' });
    const email = enqueueNotification(store.db, { channel: 'email', recipient: 'wang@citizen.example', text: '您的诉求已办结' });
    const internal = enqueueNotification(store.db, { channel: 'internal', recipient: person, text: '诉求即将到期' });
    const wechat = enqueueNotification(store.db, { channel: 'wechat', recipient: '13900000000', text: '微信通知' });
    const config = inProcessWorkersConfig('grpc://127.0.0.1:1', {
      SUQIU_WORKERS_OUTBOX_INTERVAL_MS: '20',
      SUQIU_SMTP_URL: `smtp://${SMTP_USER}:${SMTP_PASSWORD}@127.0.0.1:${smtp.port}`,
      SUQIU_SMTP_FROM: 'noreply@bazhou.example',
      SUQIU_SMS_GATEWAY_URL: `${sink.url}?key=secret-in-query`,
      SUQIU_SMS_GATEWAY_TOKEN: TOKEN,
    });

    // when: the runtime with no job types (no engine needed), only the outbox
    workers = await startWorkers({ config, store, handlers: {}, log: (line) => lines.push(line) });
    const status = (id: number) => store.sqlite.prepare('select status, delivered_via from notifications where id = ?').get(id) as { status: string; delivered_via: string | null };
    await eventually(() => [sms, email, internal, wechat].every(({ id }) => status(id).status === 'sent'), `every notice to be sent:\n${lines.join('\n')}`);

    // then
    expect([sms, email, internal, wechat].map(({ id }) => status(id).delivered_via)).toEqual(['sms-gateway', 'smtp', 'inbox+smtp', 'log']);
    expect(sink.requests.map((r) => [r.headers.authorization, JSON.parse(r.body).to])).toEqual([[`Bearer ${TOKEN}`, '13800000000']]);
    expect(smtp.mails.map((m) => m.rcptTo).sort()).toEqual([['wang@citizen.example'], ['zhang@dingshan.example']]);
    expect(lines).toContain('[notify wechat → 139****0000] 微信通知');
    const start = lines.find((l) => l.startsWith('outbox: every 20 ms'));
    expect(start).toContain(`sms → sms-gateway POST ${sink.url} (bearer token)`);
    expect(start).toContain(`email → smtp smtp://127.0.0.1:${smtp.port} (with credentials) from noreply@bazhou.example`);
    expect(start).toContain('internal → inbox, with e-mail copies');
    expect(start).toContain('other → log');
    for (const secret of [TOKEN, SMTP_PASSWORD, 'secret-in-query']) expect(lines.join('\n')).not.toContain(secret);
  });

  it('says at start that notices go to the log and the inbox when no channel is configured', async () => {
    // given
    const quiet: string[] = [];
    const config = inProcessWorkersConfig('grpc://127.0.0.1:1', { SUQIU_WORKERS_OUTBOX_INTERVAL_MS: '1000' });

    // when
    const bare = await startWorkers({ config, store, handlers: {}, log: (line) => quiet.push(line) });
    await bare.stop();

    // then
    const start = quiet.find((l) => l.startsWith('outbox: '));
    expect(start).toBe(
      'outbox: every 1000 ms, up to 8 attempt(s) of at most 10000 ms, back-off 30000 ms doubling to 3600000 ms, 2 at a time per channel; ' +
        'sms → log (SUQIU_SMS_GATEWAY_URL not set); email → log (SUQIU_SMTP_URL not set); internal → inbox; other → log',
    );
  });
});

describe('delivery settings from the environment', () => {
  it('reads the channels, retries and time limits', () => {
    // when
    const config = configFromEnv({
      SUQIU_SMTP_URL: 'smtps://user:pw@mail.example:465',
      SUQIU_SMTP_FROM: '"诉求" <noreply@mail.example>',
      SUQIU_SMS_GATEWAY_URL: 'https://sms.example/send',
      SUQIU_SMS_GATEWAY_TOKEN: 'tok',
      SUQIU_WORKERS_OUTBOX_TIMEOUT_MS: '2000',
      SUQIU_WORKERS_OUTBOX_MAX_ATTEMPTS: '4',
      SUQIU_WORKERS_OUTBOX_BACKOFF_MS: '1000',
      SUQIU_WORKERS_OUTBOX_BACKOFF_MAX_MS: '8000',
      SUQIU_WORKERS_OUTBOX_CONCURRENCY: '3',
    });

    // then
    expect(config.delivery).toEqual({
      smtp: { url: 'smtps://user:pw@mail.example:465', from: '"诉求" <noreply@mail.example>' },
      smsGateway: { url: 'https://sms.example/send', token: 'tok' },
      timeoutMs: 2000,
      maxAttempts: 4,
      backoffMs: 1000,
      backoffMaxMs: 8000,
      concurrency: 3,
    });
    expect(configFromEnv({}).delivery).toEqual({ smtp: undefined, smsGateway: undefined, timeoutMs: 10_000, maxAttempts: 8, backoffMs: 30_000, backoffMaxMs: 3_600_000, concurrency: 2 });
  });

  it('refuses settings that cannot work, without repeating a password', () => {
    // when / then
    expect(() => configFromEnv({ SUQIU_SMTP_URL: 'smtp://u:pw@mail.example' })).toThrow(/SUQIU_SMTP_FROM/);
    expect(() => configFromEnv({ SUQIU_SMTP_URL: 'http://u:hunter2@mail.example', SUQIU_SMTP_FROM: 'a@b' })).toThrow(/^SUQIU_SMTP_URL must start with smtp:\/\/ or smtps:\/\/, got http:\/\/$/);
    expect(() => configFromEnv({ SUQIU_SMS_GATEWAY_URL: 'sms.example/send' })).toThrow(/SUQIU_SMS_GATEWAY_URL must be a URL/);
    expect(() => configFromEnv({ SUQIU_WORKERS_OUTBOX_BACKOFF_MS: '60000', SUQIU_WORKERS_OUTBOX_BACKOFF_MAX_MS: '1000' })).toThrow(/SUQIU_WORKERS_OUTBOX_BACKOFF_MAX_MS must be a whole number from 60000/);
  });
});
