// Sessions of staff: a random token in an httpOnly, SameSite=Strict cookie; the database keeps only
// its SHA-256, with the member of staff, an idle expiry that slides on and an absolute one.
// `request.staff` is the logged-in member of staff (or null) on every request.
import { createHash, randomBytes } from 'node:crypto';
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { createSession, deleteSession, liveSession, staffIdentity, touchSession } from '../../store/accounts.js';
import { staffOf, type Staff } from './staff.js';

export const SESSION_COOKIE = 'suqiu_session';
/** however active, a session ends a week after login */
const ABSOLUTE_MS = 7 * 86_400_000;
/** the idle expiry is written at most this often (not on every request) */
const TOUCH_EVERY_MS = 60_000;

declare module 'fastify' {
  interface FastifyRequest {
    /** the logged-in member of staff, or null */
    staff: Staff | null;
  }
  interface FastifyInstance {
    sessions: Sessions;
  }
}

export interface SessionPluginOptions {
  idleMs: number;
  secureCookie: boolean;
}

export interface Sessions {
  /** opens a session for the member of staff and sets its cookie on the reply */
  open(reply: FastifyReply, request: FastifyRequest, staffId: string): void;
  /** ends the request's session (if any) and clears the cookie */
  close(reply: FastifyReply, request: FastifyRequest): void;
}

const hashOf = (token: string): string => createHash('sha256').update(token).digest('base64url');

async function sessionPlugin(app: FastifyInstance, options: SessionPluginOptions): Promise<void> {
  await app.register(cookie);
  const cookieOptions = { httpOnly: true, sameSite: 'strict' as const, secure: options.secureCookie, path: '/' };

  app.decorateRequest('staff', null);
  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token === undefined || token === '') return;
    const tokenHash = hashOf(token);
    const now = app.now();
    const session = liveSession(app.store.db, tokenHash, now);
    if (session === undefined) return;
    const identity = staffIdentity(app.store.db, session.staffId);
    if (identity === undefined) return;
    request.staff = staffOf(identity);
    if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
      const absolute = session.createdAt.getTime() + ABSOLUTE_MS;
      touchSession(app.store.db, tokenHash, now, new Date(Math.min(absolute, now.getTime() + options.idleMs)));
    }
  });

  app.decorate<Sessions>('sessions', {
    open(reply, request, staffId) {
      const token = randomBytes(32).toString('base64url');
      const now = app.now();
      createSession(app.store.db, {
        tokenHash: hashOf(token),
        staffId,
        at: now,
        expiresAt: new Date(now.getTime() + options.idleMs),
        ip: request.ip,
        userAgent: request.headers['user-agent']?.slice(0, 300),
      });
      reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions, maxAge: Math.floor(ABSOLUTE_MS / 1000) });
    },
    close(reply, request) {
      const token = request.cookies[SESSION_COOKIE];
      if (token !== undefined && token !== '') deleteSession(app.store.db, hashOf(token));
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
    },
  });
}

export default fp(sessionPlugin, { name: 'suqiu-session', fastify: '5.x', dependencies: ['suqiu-store'] });
