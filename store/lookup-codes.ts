// The citizen's lookup code (查询码): given once at intake, it lets the citizen follow the request,
// sign its closure and answer the follow-up without an account. Only a salted hash is kept; wrong
// codes are counted per request and lock the request's public door for a while.
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Conn } from './db.js';
import { requestAccess } from './schema.js';

/** Six digits: easy to read out and type on a phone; guessing is stopped by the lock below. */
export const LOOKUP_CODE_LENGTH = 6;
export const MAX_CODE_FAILURES = 5;
export const CODE_LOCK_MS = 15 * 60_000;

export function newLookupCode(): string {
  return String(randomInt(0, 10 ** LOOKUP_CODE_LENGTH)).padStart(LOOKUP_CODE_LENGTH, '0');
}

export function hashCode(code: string, salt: Buffer = randomBytes(16)): string {
  return `sha256$${salt.toString('base64')}$${createHash('sha256').update(salt).update(code).digest('base64')}`;
}

export function codeMatches(code: string, stored: string): boolean {
  const [scheme, salt, hash] = stored.split('$');
  if (scheme !== 'sha256' || salt === undefined || hash === undefined) return false;
  const actual = createHash('sha256').update(Buffer.from(salt, 'base64')).update(code).digest();
  const expected = Buffer.from(hash, 'base64');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Gives the request its lookup code (kept as a hash); returns the code to hand to the citizen. */
export function setLookupCode(conn: Conn, requestId: string, code: string = newLookupCode()): string {
  conn
    .insert(requestAccess)
    .values({ requestId, lookupCodeHash: hashCode(code) })
    .onConflictDoUpdate({ target: requestAccess.requestId, set: { lookupCodeHash: hashCode(code), failedAttempts: 0, lockedUntil: null } })
    .run();
  return code;
}

export type CodeCheck = { ok: true } | { ok: false; reason: 'wrong' | 'unknown' } | { ok: false; reason: 'locked'; until: Date };

/**
 * Checks a lookup code for a request. A wrong code counts a failure; the fifth in a row locks the
 * request's code until `at + CODE_LOCK_MS` (even the right code is refused meanwhile). An unknown
 * request answers like a wrong code would, so numbers cannot be probed.
 */
export function checkLookupCode(conn: Conn, requestId: string, code: string, at: Date): CodeCheck {
  return conn.transaction((tx) => {
    const row = tx.select().from(requestAccess).where(eq(requestAccess.requestId, requestId)).get();
    if (row === undefined) return { ok: false, reason: 'unknown' } as const;
    if (row.lockedUntil !== null && row.lockedUntil > at) return { ok: false, reason: 'locked', until: row.lockedUntil } as const;
    if (codeMatches(code, row.lookupCodeHash)) {
      if (row.failedAttempts > 0 || row.lockedUntil !== null) tx.update(requestAccess).set({ failedAttempts: 0, lockedUntil: null }).where(eq(requestAccess.requestId, requestId)).run();
      return { ok: true } as const;
    }
    const failed = tx
      .update(requestAccess)
      .set({ failedAttempts: sql`${requestAccess.failedAttempts} + 1` })
      .where(eq(requestAccess.requestId, requestId))
      .returning({ n: requestAccess.failedAttempts })
      .get()!.n;
    if (failed >= MAX_CODE_FAILURES) {
      const until = new Date(at.getTime() + CODE_LOCK_MS);
      tx.update(requestAccess).set({ failedAttempts: 0, lockedUntil: until }).where(eq(requestAccess.requestId, requestId)).run();
      return { ok: false, reason: 'locked', until } as const;
    }
    return { ok: false, reason: 'wrong' } as const;
  }, { behavior: 'immediate' });
}
