// The API's settings, from the environment only (as the workers' are), so the same service runs on
// the embedded engine (`npm start`) or a real Camunda 8 (the SDK's usual variables).
//
//   SUQIU_API_PORT                port of the API and the pages, 0 = a free one           (default 3000)
//   SUQIU_API_HOST                address it listens on: the only door open to people      (default 0.0.0.0)
//   SUQIU_STORE_PATH              the business store                                       (default data/suqiu.db)
//   SUQIU_ATTACHMENTS_DIR         where attachment files are kept, by content hash         (default data/attachments)
//   SUQIU_WEB_DIR                 the built pages (npm run build:web)                       (default web/dist)
//   SUQIU_API_COOKIE_SECURE       true: the session cookie only travels over HTTPS         (default false)
//   SUQIU_API_SESSION_IDLE_MINUTES  a session ends after this long without a request       (default 480)
//   SUQIU_API_TRUST_PROXY         true: client addresses from X-Forwarded-For (behind a proxy) (default false)
//   SUQIU_API_CLOCK               system, or simulated: the time a simulation wrote into the store (default system)
//   SUQIU_API_LOGIN_LIMIT         logins per address and minute                            (default 60)
//   SUQIU_API_PUBLIC_LIMIT        public submissions and look-ups per address and minute   (default 30)
//   ZEEBE_GRPC_ADDRESS, ZEEBE_REST_ADDRESS, CAMUNDA_REST_ADDRESS, CAMUNDA_AUTH_STRATEGY, ...  the engine (the SDK's own)

import { fileURLToPath } from 'node:url';

export interface ApiConfig {
  port: number;
  host: string;
  storePath: string;
  attachmentsDir: string;
  /** the built pages (web/dist), served at /, /board, /workbench and /dashboard */
  webDir: string;
  cookieSecure: boolean;
  sessionIdleMs: number;
  trustProxy: boolean;
  clock: 'system' | 'simulated';
  /** per address and minute */
  rateLimits: { login: number; public: number };
  /** settings handed to `new Camunda8(...)` */
  camunda: Record<string, string>;
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

function whole(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  return value;
}

function flag(env: NodeJS.ProcessEnv, name: string): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '' || raw === 'false' || raw === '0') return false;
  if (raw === 'true' || raw === '1') return true;
  throw new Error(`${name} must be true or false, got "${env[name]}"`);
}

export function apiConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const camunda: Record<string, string> = {};
  for (const key of CAMUNDA_KEYS) {
    const value = env[key];
    if (value !== undefined && value !== '') camunda[key] = value;
  }
  camunda.CAMUNDA_AUTH_STRATEGY ??= 'NONE';
  camunda.CAMUNDA_LOG_LEVEL ??= 'error';
  // the REST client of the SDK reads either name; give it both
  if (camunda.CAMUNDA_REST_ADDRESS === undefined && camunda.ZEEBE_REST_ADDRESS !== undefined) camunda.CAMUNDA_REST_ADDRESS = camunda.ZEEBE_REST_ADDRESS;
  if (camunda.ZEEBE_REST_ADDRESS === undefined && camunda.CAMUNDA_REST_ADDRESS !== undefined) camunda.ZEEBE_REST_ADDRESS = camunda.CAMUNDA_REST_ADDRESS;
  const clock = env.SUQIU_API_CLOCK?.trim() || 'system';
  if (clock !== 'system' && clock !== 'simulated') throw new Error(`SUQIU_API_CLOCK must be "system" or "simulated", got "${env.SUQIU_API_CLOCK}"`);
  return {
    port: whole(env, 'SUQIU_API_PORT', 3000, 0, 65535),
    host: env.SUQIU_API_HOST?.trim() || '0.0.0.0',
    storePath: env.SUQIU_STORE_PATH || 'data/suqiu.db',
    attachmentsDir: env.SUQIU_ATTACHMENTS_DIR || 'data/attachments',
    webDir: env.SUQIU_WEB_DIR || fileURLToPath(new URL('../web/dist', import.meta.url)),
    cookieSecure: flag(env, 'SUQIU_API_COOKIE_SECURE'),
    sessionIdleMs: whole(env, 'SUQIU_API_SESSION_IDLE_MINUTES', 480, 1, 60 * 24 * 30) * 60_000,
    trustProxy: flag(env, 'SUQIU_API_TRUST_PROXY'),
    clock,
    rateLimits: { login: whole(env, 'SUQIU_API_LOGIN_LIMIT', 60, 1, 1_000_000), public: whole(env, 'SUQIU_API_PUBLIC_LIMIT', 30, 1, 1_000_000) },
    camunda,
  };
}
