// Builds the Suqiu API (Fastify 5), ready to be listened on (server.ts) or called with
// `app.inject()` (the tests). It never listens itself.
//
// Plugins, in order: errors (problem+json), the store and the clock, the engine's official clients,
// sessions, access declarations, the audit trail, rate limits, the OpenAPI document; then one
// module of routes per resource.
import rateLimit from '@fastify/rate-limit';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyServerOptions } from 'fastify';
import type { Store } from '../store/db.js';
import accessPlugin from './auth/access.js';
import sessionPlugin from './auth/session.js';
import type { ApiConfig } from './config.js';
import auditPlugin from './plugins/audit.js';
import docsPlugin from './plugins/docs.js';
import enginePlugin from './plugins/engine.js';
import errorsPlugin from './plugins/errors.js';
import finiteNumbersPlugin from './plugins/finite-numbers.js';
import storePlugin from './plugins/store.js';
import webPlugin from './plugins/web.js';
import { ApiProblem, t } from './problems.js';
import auditRoutes from './audit/routes.js';
import boardRoutes from './board/routes.js';
import claimsRoutes from './claims/routes.js';
import disciplineRoutes from './discipline/routes.js';
import figuresRoutes from './figures/routes.js';
import ledgersRoutes from './ledgers/routes.js';
import open311Routes from './open311/routes.js';
import spotChecksRoutes from './spot-checks/routes.js';
import supervisionRoutes from './supervision/routes.js';
import caseFileRoutes from './case-file/routes.js';
import healthRoutes from './health/routes.js';
import notificationsRoutes from './notifications/routes.js';
import publicRoutes from './public/routes.js';
import requestsRoutes from './requests/routes.js';
import type { RouteOptions } from './route-options.js';
import sessionRoutes from './session/routes.js';
import signaturesRoutes from './signatures/routes.js';
import tasksRoutes from './tasks/routes.js';
import type { Api } from './types.js';

export interface RateLimits {
  /** logins per address and minute */
  login: number;
  /** public submissions and look-ups per address and minute */
  public: number;
}

// logins: an office behind one address logs its staff in at nine; guessing is stopped by the account lock
export const DEFAULT_RATE_LIMITS: RateLimits = { login: 60, public: 30 };

export interface BuildOptions {
  config: ApiConfig;
  /** an open store to use instead of opening `config.storePath` (tests); the caller closes it */
  store?: Store;
  /** the time to record; overrides `config.clock` (tests) */
  clock?: () => Date;
  /** overrides `config.rateLimits` (tests) */
  rateLimits?: Partial<RateLimits>;
  logger?: FastifyServerOptions['logger'];
}

export async function buildApp(options: BuildOptions): Promise<Api> {
  const { config } = options;
  const limits = { ...DEFAULT_RATE_LIMITS, ...config.rateLimits, ...options.rateLimits };
  const app = Fastify({
    logger: options.logger ?? false,
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, useDefaults: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  await app.register(errorsPlugin);
  await app.register(finiteNumbersPlugin);
  await app.register(storePlugin, { store: options.store, path: config.storePath, clock: options.clock ?? config.clock });
  await app.register(enginePlugin, { camunda: config.camunda });
  await app.register(sessionPlugin, { idleMs: config.sessionIdleMs, secureCookie: config.cookieSecure });
  await app.register(accessPlugin);
  await app.register(auditPlugin);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new ApiProblem('too-many-requests', t(`请求过于频繁,请 ${Math.ceil(context.ttl / 1000)} 秒后再试`, `too many requests: try again in ${Math.ceil(context.ttl / 1000)} s`), [], {
        retryAfterSeconds: Math.ceil(context.ttl / 1000),
      }),
  });
  await app.register(docsPlugin);

  const minute = 60_000;
  await app.register(healthRoutes);
  await app.register(sessionRoutes, { loginRateLimit: { max: limits.login, timeWindow: minute } });
  const routeOptions: RouteOptions = { config, publicRateLimit: { max: limits.public, timeWindow: minute } };
  await app.register(requestsRoutes, routeOptions);
  await app.register(publicRoutes, routeOptions);
  await app.register(tasksRoutes, routeOptions);
  await app.register(signaturesRoutes, routeOptions);
  await app.register(caseFileRoutes, routeOptions);
  await app.register(notificationsRoutes, routeOptions);
  await app.register(auditRoutes, routeOptions);
  await app.register(ledgersRoutes, routeOptions);
  await app.register(supervisionRoutes, routeOptions);
  await app.register(spotChecksRoutes, routeOptions);
  await app.register(disciplineRoutes, routeOptions);
  await app.register(boardRoutes, routeOptions);
  await app.register(figuresRoutes, routeOptions);
  await app.register(claimsRoutes, routeOptions);
  await app.register(open311Routes, routeOptions);
  await app.register(webPlugin, { dir: config.webDir });

  return app;
}
