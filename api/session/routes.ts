// 登录: POST /api/session (username and password → the session cookie), DELETE /api/session,
// GET /api/me. Logins are rate-limited per address, and an account is locked for a while after
// repeated failures (the lock is kept in the database, so every API process honours it).
import { Type } from 'typebox';
import { accountByUsername, recordLoginFailure, recordLoginSuccess, staffIdentity } from '../../store/accounts.js';
import { DUMMY_HASH, verifyPasswordAsync } from '../../store/passwords.js';
import { requireStaff } from '../auth/access.js';
import { meOf, staffOf } from '../auth/staff.js';
import { ApiProblem, t } from '../problems.js';
import { beijing, problems } from '../schemas.js';
import type { Api } from '../types.js';

export const MAX_LOGIN_FAILURES = 5;
export const LOCK_MINUTES = 15;

const Me = Type.Object(
  {
    staffId: Type.String(),
    name: Type.String(),
    username: Type.Union([Type.String(), Type.Null()]),
    unit: Type.Object({ id: Type.String(), name: Type.String(), kind: Type.String(), level: Type.String(), candidateGroup: Type.String() }),
    roles: Type.Array(Type.String()),
    groups: Type.Array(Type.String(), { description: 'the candidate groups of the workflows this person belongs to' }),
    scope: Type.Object({ kind: Type.String(), unitId: Type.Optional(Type.String()) }, { description: 'whose requests this person may see' }),
    demo: Type.Boolean(),
  },
  { $id: 'Me' },
);

export interface SessionRouteOptions {
  loginRateLimit: { max: number; timeWindow: number };
}

export default async function sessionRoutes(app: Api, options: SessionRouteOptions): Promise<void> {
  app.addSchema(Me);
  const me = Type.Unsafe<unknown>({ $ref: 'Me#' });

  app.post(
    '/api/session',
    {
      config: { access: 'public', rateLimit: options.loginRateLimit },
      schema: {
        tags: ['session'],
        summary: '登录 Log in',
        description: `Sets the session cookie. After ${MAX_LOGIN_FAILURES} wrong passwords in a row the account is locked for ${LOCK_MINUTES} minutes (423).`,
        body: Type.Object({ username: Type.String({ minLength: 1, maxLength: 100 }), password: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
        response: { 200: me, ...problems(400, 401, 423, 429) },
      },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      request.audit.actor = `login:${username}`;
      request.audit.target = username;
      const now = app.now();
      const account = accountByUsername(app.store.db, username);
      if (account !== undefined && account.lockedUntil !== null && account.lockedUntil > now) {
        throw new ApiProblem('locked', t(`登录失败次数过多,账号已锁定至 ${beijing(account.lockedUntil)}`, `too many failed logins: locked until ${beijing(account.lockedUntil)}`), [], { lockedUntil: beijing(account.lockedUntil) });
      }
      const ok = await verifyPasswordAsync(password, account?.passwordHash ?? DUMMY_HASH);
      if (account === undefined || !ok || account.disabled) {
        if (account !== undefined) {
          const lockedUntil = recordLoginFailure(app.store.db, username, now, MAX_LOGIN_FAILURES, LOCK_MINUTES * 60_000);
          if (lockedUntil !== undefined) {
            throw new ApiProblem('locked', t(`登录失败次数过多,账号已锁定至 ${beijing(lockedUntil)}`, `too many failed logins: locked until ${beijing(lockedUntil)}`), [], { lockedUntil: beijing(lockedUntil) });
          }
        }
        throw new ApiProblem('login-failed');
      }
      const identity = staffIdentity(app.store.db, account.staffId);
      if (identity === undefined) throw new ApiProblem('login-failed');
      recordLoginSuccess(app.store.db, username);
      app.sessions.open(reply, request, account.staffId);
      request.audit.actor = account.staffId;
      return meOf(staffOf(identity));
    },
  );

  app.delete(
    '/api/session',
    {
      config: { access: 'public' },
      schema: { tags: ['session'], summary: '退出登录 Log out', response: { 204: Type.Null() } },
    },
    async (request, reply) => {
      app.sessions.close(reply, request);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/me',
    {
      config: { access: { staff: 'any' } },
      schema: { tags: ['session'], summary: '当前用户 Who am I', response: { 200: me, ...problems(401) } },
    },
    async (request) => meOf(requireStaff(request)),
  );
}
