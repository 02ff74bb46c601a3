// The audit trail: after every write (POST, PUT, PATCH, DELETE) under /api and /open311, one row
// with who (the member of staff, or what a public route says: 'citizen', 'public'), what (method
// and route), on what (the route's target, else its first path parameter), the answer's status,
// when and from where (address, user agent). Refused and failed writes are recorded too.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { appendAudit } from '../../store/audit.js';

export interface AuditNote {
  /** who acted, when it is not the logged-in member of staff (e.g. 'citizen', or the username of a login attempt) */
  actor?: string;
  target?: string;
  detail?: Record<string, unknown>;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** what a route adds to its audit row */
    audit: AuditNote;
  }
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

async function auditPlugin(app: FastifyInstance): Promise<void> {
  app.decorateRequest('audit', null as unknown as AuditNote);
  app.addHook('onRequest', async (request) => {
    request.audit = {};
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url;
    if (!WRITES.has(request.method) || route === undefined || !(route.startsWith('/api/') || route.startsWith('/open311/'))) return;
    const params = (request.params ?? {}) as Record<string, unknown>;
    const firstParam = Object.values(params).find((v) => typeof v === 'string') as string | undefined;
    try {
      appendAudit(app.store.db, {
        at: app.now(),
        actor: request.staff?.staffId ?? request.audit.actor ?? 'public',
        actorUnitId: request.staff?.unitId,
        action: `${request.method} ${route}`,
        target: request.audit.target ?? firstParam,
        statusCode: reply.statusCode,
        ip: request.ip,
        userAgent: request.headers['user-agent']?.slice(0, 300),
        detail: request.audit.detail,
      });
    } catch (error) {
      request.log.error({ err: error }, 'could not write the audit row');
    }
  });
}

export default fp(auditPlugin, { name: 'suqiu-audit', fastify: '5.x', dependencies: ['suqiu-store', 'suqiu-session'] });
