// Every route under /api and /open311 declares who may call it (`config.access`); a route that
// does not is refused when the app is built, so no route is open by forgetting. The declaration
// also goes into the OpenAPI document (`x-suqiu-access`, and the session cookie as security).
//
//   access: 'public'                          anyone (citizens, the public board): rate-limited, no personal data
//   access: { staff: 'any' }                  any logged-in member of staff
//   access: { staff: ['handler', ...] }       staff holding one of these roles
//
// Which unit's data a member of staff may touch is checked by each route against `request.staff`
// (its scope and candidate groups); this only says who may knock.
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import type { StaffRole } from '../../store/schema.js';
import { ApiProblem, t } from '../problems.js';
import { hasAnyRole, type Staff } from './staff.js';

export type Access = 'public' | { staff: 'any' | readonly StaffRole[] };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
}

const GUARDED_PREFIXES = ['/api', '/open311'];

export function requireStaff(request: FastifyRequest): Staff {
  if (request.staff === null) throw new ApiProblem('unauthenticated', t('请先登录', 'log in first'));
  return request.staff;
}

async function accessPlugin(app: FastifyInstance): Promise<void> {
  app.addHook('onRoute', (route: RouteOptions) => {
    if (!GUARDED_PREFIXES.some((p) => route.url === p || route.url.startsWith(`${p}/`))) return;
    const access = (route.config as { access?: Access } | undefined)?.access;
    if (access === undefined) throw new Error(`route ${route.method} ${route.url} declares no access (config.access): say who may call it`);
    const schema = (route.schema ??= {}) as Record<string, unknown>;
    schema['x-suqiu-access'] = access === 'public' ? 'public' : { staff: access.staff };
    if (access !== 'public') schema.security = [{ session: [] }];
    const roles = access === 'public' ? undefined : access.staff;
    const check = async (request: FastifyRequest) => {
      if (roles === undefined) return;
      const staff = requireStaff(request);
      if (roles !== 'any' && !hasAnyRole(staff, roles)) {
        throw new ApiProblem('forbidden', t(`需要以下角色之一: ${roles.join(', ')}`, `needs one of the roles ${roles.join(', ')}`));
      }
    };
    // on request, before the body is even read: a caller without the right to knock learns nothing
    // from how their body would have been judged (the session is resolved by the app-wide hook first)
    const existing = route.onRequest;
    route.onRequest = existing === undefined ? [check] : [check, ...(Array.isArray(existing) ? existing : [existing])];
  });
}

export default fp(accessPlugin, { name: 'suqiu-access', fastify: '5.x', dependencies: ['suqiu-session'] });
