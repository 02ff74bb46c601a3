// The first answer to an API call sent with an `Idempotency-Key` header, kept so that a retry with
// the same key gets the same answer instead of a twin. The caller stores the answer in the same
// transaction as the writes it answers for, so a key is either unused or bound to committed writes.
import { createHash } from 'node:crypto';
import { eq, lt } from 'drizzle-orm';
import type { Conn } from './db.js';
import { idempotentResponses } from './schema.js';

export interface StoredResponse {
  statusCode: number;
  body: unknown;
}

/** `<route>|<caller>|<key>`: a key is the caller's own, per route. */
export function idempotencyScope(route: string, caller: string, key: string): string {
  return `${route}|${caller}|${key}`;
}

/** A stable hash of a request body (keys sorted), to tell a true retry from a reused key. */
export function fingerprintOf(body: unknown): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(canonical) : v !== null && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical((v as Record<string, unknown>)[k])])) : v;
  return createHash('sha256').update(JSON.stringify(canonical(body ?? null))).digest('base64url');
}

export type Replay = { kind: 'none' } | { kind: 'replay'; response: StoredResponse } | { kind: 'mismatch' };

/** What an earlier call with this scope key answered, if any, and whether it had the same body. */
export function earlierResponse(conn: Conn, scopeKey: string, fingerprint: string): Replay {
  const row = conn.select().from(idempotentResponses).where(eq(idempotentResponses.scopeKey, scopeKey)).get();
  if (row === undefined) return { kind: 'none' };
  if (row.fingerprint !== fingerprint) return { kind: 'mismatch' };
  return { kind: 'replay', response: { statusCode: row.statusCode, body: row.body } };
}

export function saveResponse(conn: Conn, scopeKey: string, fingerprint: string, response: StoredResponse, at: Date): void {
  conn.insert(idempotentResponses).values({ scopeKey, fingerprint, statusCode: response.statusCode, body: response.body, createdAt: at }).run();
}

/** Forgets answers older than `before` (a retry a day later is a new request). */
export function purgeResponses(conn: Conn, before: Date): number {
  return conn.delete(idempotentResponses).where(lt(idempotentResponses.createdAt, before)).run().changes;
}
