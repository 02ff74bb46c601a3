// One-time codes for a citizen signing in person (现场签字): the unit asks for a code, it is sent to
// the citizen's phone, and the citizen reads it out to the member of staff, who types it in. Only
// a salted hash is kept; a code is good for one signature, a few tries and ten minutes.
import { and, desc, eq, gte, sql } from 'drizzle-orm';
import type { Conn } from './db.js';
import { codeMatches, hashCode } from './lookup-codes.js';
import { signingCodes } from './schema.js';

export const SIGNING_CODE_TTL_MS = 10 * 60_000;
export const SIGNING_CODE_MAX_TRIES = 5;
/** at most this many codes per request in one TTL window (an SMS costs, and annoys) */
export const SIGNING_CODES_PER_WINDOW = 3;

export function recentSigningCodes(conn: Conn, requestId: string, at: Date): number {
  return conn
    .select({ n: sql<number>`count(*)` })
    .from(signingCodes)
    .where(and(eq(signingCodes.requestId, requestId), gte(signingCodes.createdAt, new Date(at.getTime() - SIGNING_CODE_TTL_MS))))
    .get()!.n;
}

export function issueSigningCode(conn: Conn, requestId: string, code: string, staffId: string, at: Date): { id: number; expiresAt: Date } {
  const expiresAt = new Date(at.getTime() + SIGNING_CODE_TTL_MS);
  const { id } = conn
    .insert(signingCodes)
    .values({ requestId, codeHash: hashCode(code), requestedByStaffId: staffId, createdAt: at, expiresAt })
    .returning({ id: signingCodes.id })
    .get();
  return { id, expiresAt };
}

export type SigningCodeCheck = 'ok' | 'wrong' | 'expired' | 'none';

/**
 * Uses the request's latest code: right, unused and unexpired → 'ok' (and it is spent); wrong →
 * counted (after the last try it is spent too).
 */
export function useSigningCode(conn: Conn, requestId: string, code: string, at: Date): SigningCodeCheck {
  return conn.transaction((tx) => {
    const row = tx.select().from(signingCodes).where(eq(signingCodes.requestId, requestId)).orderBy(desc(signingCodes.createdAt), desc(signingCodes.id)).get();
    if (row === undefined || row.usedAt !== null) return 'none';
    if (row.expiresAt <= at || row.attempts >= SIGNING_CODE_MAX_TRIES) return 'expired';
    if (codeMatches(code, row.codeHash)) {
      tx.update(signingCodes).set({ usedAt: at }).where(eq(signingCodes.id, row.id)).run();
      return 'ok';
    }
    tx.update(signingCodes).set({ attempts: row.attempts + 1 }).where(eq(signingCodes.id, row.id)).run();
    return 'wrong';
  }, { behavior: 'immediate' });
}
