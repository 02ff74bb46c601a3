// The workers' settings, from the environment only, so the same service runs against the embedded
// engine (`npm start`) or a real Camunda 8 (set the SDK's usual variables: ZEEBE_GRPC_ADDRESS,
// CAMUNDA_AUTH_STRATEGY and, for OAuth, ZEEBE_CLIENT_ID / ZEEBE_CLIENT_SECRET / CAMUNDA_OAUTH_URL...).
//
//   ZEEBE_GRPC_ADDRESS                 Zeebe gateway, grpc:// (plaintext) or grpcs://   (default grpc://localhost:26500)
//   CAMUNDA_AUTH_STRATEGY              NONE, OAUTH, BASIC, BEARER, COOKIE               (default NONE)
//   ZEEBE_REST_ADDRESS                 passed on to the SDK if set (the workers use gRPC)
//   SUQIU_STORE_PATH                   the business store                               (default data/suqiu.db)
//   SUQIU_WORKERS_PORT                 health and metrics over HTTP, 0 = a free port    (default 9464)
//   SUQIU_WORKERS_HOST                 address the HTTP server listens on (default SUQIU_BIND_HOST, else 127.0.0.1:
//                                      it has no authentication, so only this machine may reach it)
//   SUQIU_WORKERS_CONCURRENCY          jobs at a time per job type                       (default 8)
//   SUQIU_WORKERS_TYPES                comma-separated job types to serve                (default all)
//   SUQIU_WORKERS_JOB_TIMEOUT_MS       how long a job is ours before the engine hands it out again (default 60000)
//   SUQIU_WORKERS_RETRY_BACKOFF_MS     back-off after the first failure, doubling after each (default 1000)
//   SUQIU_WORKERS_SHUTDOWN_GRACE_MS    how long a stop waits for jobs in flight          (default 10000)
//   SUQIU_WORKERS_OUTBOX_INTERVAL_MS   how often the notification outbox is delivered, 0 = never (default 5000)
//   SUQIU_WORKERS_POLL_INTERVAL_MS     how soon a worker asks again after a long poll answered (default 100)
//   SUQIU_WORKERS_CLOCK                system: the machine's time; simulated: the time a simulation
//                                      (npm run replay) wrote into the store   (default system)
//
// The outbox's channels (workers/delivery/; none set: every notice goes to the log or the inbox):
//   SUQIU_SMTP_URL                     smtp://user:password@host:587 or smtps://user:password@host:465 (default none)
//   SUQIU_SMTP_FROM                    the From of every e-mail, needed with SUQIU_SMTP_URL
//   SUQIU_SMS_GATEWAY_URL              http(s) URL each SMS is POSTed to as JSON       (default none)
//   SUQIU_SMS_GATEWAY_TOKEN            sent as `Authorization: Bearer <token>`          (default none)
//   SUQIU_WORKERS_OUTBOX_TIMEOUT_MS    how long one delivery attempt may take           (default 10000)
//   SUQIU_WORKERS_OUTBOX_MAX_ATTEMPTS  attempts before a notice is marked failed        (default 8)
//   SUQIU_WORKERS_OUTBOX_BACKOFF_MS    wait after the first failed attempt, doubling    (default 30000)
//   SUQIU_WORKERS_OUTBOX_BACKOFF_MAX_MS  the longest wait between attempts              (default 3600000)
//   SUQIU_WORKERS_OUTBOX_CONCURRENCY   attempts at a time per channel                   (default 2)

import type { DeliverySettings } from '../delivery/settings.js';

export interface WorkersConfig {
  /** settings handed to `new Camunda8(...)` (the SDK also reads the rest of its variables itself) */
  camunda: Record<string, string>;
  storePath: string;
  port: number;
  host: string;
  concurrency: number;
  /** undefined: every job type of the registry */
  types?: string[];
  jobTimeoutMs: number;
  retryBackoffMs: number;
  shutdownGraceMs: number;
  outboxIntervalMs: number;
  /** the outbox's channels, retries and time limits */
  delivery: DeliverySettings;
  clock: 'system' | 'simulated';
  pollIntervalMs: number;
}

/** SDK settings passed through when set. */
const CAMUNDA_KEYS = [
  'ZEEBE_GRPC_ADDRESS',
  'ZEEBE_REST_ADDRESS',
  'CAMUNDA_REST_ADDRESS',
  'CAMUNDA_AUTH_STRATEGY',
  'CAMUNDA_OAUTH_URL',
  'ZEEBE_CLIENT_ID',
  'ZEEBE_CLIENT_SECRET',
  'CAMUNDA_TOKEN_AUDIENCE',
  'ZEEBE_TOKEN_AUDIENCE',
  'CAMUNDA_TENANT_ID',
  'CAMUNDA_LOG_LEVEL',
  'CAMUNDA_SECURE_CONNECTION',
];

function whole(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  return value;
}

function clockOf(raw: string | undefined): WorkersConfig['clock'] {
  const value = raw?.trim() || 'system';
  if (value !== 'system' && value !== 'simulated') throw new Error(`SUQIU_WORKERS_CLOCK must be "system" or "simulated", got "${raw}"`);
  return value;
}

function urlOf(env: NodeJS.ProcessEnv, name: string, protocols: string[]): string | undefined {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`${name} must be a URL (${protocols.map((p) => `${p}//`).join(' or ')}...)`);
  }
  // the value itself may hold a password: never repeat it in the error
  if (!protocols.includes(url.protocol)) throw new Error(`${name} must start with ${protocols.map((p) => `${p}//`).join(' or ')}, got ${url.protocol}//`);
  return raw;
}

function deliveryOf(env: NodeJS.ProcessEnv): DeliverySettings {
  const smtpUrl = urlOf(env, 'SUQIU_SMTP_URL', ['smtp:', 'smtps:']);
  const from = env.SUQIU_SMTP_FROM?.trim() || undefined;
  if (smtpUrl !== undefined && from === undefined) throw new Error('SUQIU_SMTP_URL is set but SUQIU_SMTP_FROM is not: say whom the e-mails come from (e.g. "诉求系统" <noreply@example.org>)');
  const gatewayUrl = urlOf(env, 'SUQIU_SMS_GATEWAY_URL', ['http:', 'https:']);
  const token = env.SUQIU_SMS_GATEWAY_TOKEN?.trim() || undefined;
  const backoffMs = whole(env, 'SUQIU_WORKERS_OUTBOX_BACKOFF_MS', 30_000, 1);
  return {
    smtp: smtpUrl === undefined ? undefined : { url: smtpUrl, from: from! },
    smsGateway: gatewayUrl === undefined ? undefined : { url: gatewayUrl, ...(token === undefined ? {} : { token }) },
    timeoutMs: whole(env, 'SUQIU_WORKERS_OUTBOX_TIMEOUT_MS', 10_000, 100, 600_000),
    maxAttempts: whole(env, 'SUQIU_WORKERS_OUTBOX_MAX_ATTEMPTS', 8, 1, 100),
    backoffMs,
    backoffMaxMs: whole(env, 'SUQIU_WORKERS_OUTBOX_BACKOFF_MAX_MS', Math.max(3_600_000, backoffMs), backoffMs),
    concurrency: whole(env, 'SUQIU_WORKERS_OUTBOX_CONCURRENCY', 2, 1, 100),
  };
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): WorkersConfig {
  const camunda: Record<string, string> = {};
  for (const key of CAMUNDA_KEYS) {
    const value = env[key];
    if (value !== undefined && value !== '') camunda[key] = value;
  }
  camunda.CAMUNDA_AUTH_STRATEGY ??= 'NONE';
  camunda.CAMUNDA_LOG_LEVEL ??= 'error';
  const types = env.SUQIU_WORKERS_TYPES?.split(',').map((t) => t.trim()).filter((t) => t !== '');
  return {
    camunda,
    storePath: env.SUQIU_STORE_PATH || 'data/suqiu.db',
    port: whole(env, 'SUQIU_WORKERS_PORT', 9464, 0, 65535),
    host: env.SUQIU_WORKERS_HOST?.trim() || env.SUQIU_BIND_HOST?.trim() || '127.0.0.1',
    concurrency: whole(env, 'SUQIU_WORKERS_CONCURRENCY', 8, 1, 1000),
    types: types === undefined || types.length === 0 ? undefined : types,
    jobTimeoutMs: whole(env, 'SUQIU_WORKERS_JOB_TIMEOUT_MS', 60_000, 1000),
    retryBackoffMs: whole(env, 'SUQIU_WORKERS_RETRY_BACKOFF_MS', 1000),
    shutdownGraceMs: whole(env, 'SUQIU_WORKERS_SHUTDOWN_GRACE_MS', 10_000),
    outboxIntervalMs: whole(env, 'SUQIU_WORKERS_OUTBOX_INTERVAL_MS', 5000),
    delivery: deliveryOf(env),
    clock: clockOf(env.SUQIU_WORKERS_CLOCK),
    pollIntervalMs: whole(env, 'SUQIU_WORKERS_POLL_INTERVAL_MS', 100, 1, 60_000),
  };
}
