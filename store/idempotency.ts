// Exactly-once steps for at-least-once callers.
//
// Zeebe hands a job to a worker at least once: after a timeout or a lost completion the same job
// (same job key) comes back. A worker therefore wraps what it writes in `once(conn, key, ...)`:
// the writes and the row in `processed_steps` that records the key commit in one transaction, so
// either both happen or neither; a second call with the same key writes nothing and returns the
// first call's result (stored as JSON, so results must be JSON values).
//
// Keys: `<step>:<job key>` for a job worker (the job key is stable across retries of one job, and
// a new job, e.g. the same task reached again in a loop, has a new key); the API uses its own
// natural ids (e.g. `receive:<request id>`). Writes whose natural key already makes them
// idempotent (one open ledger entry per level, one signature per role and round, ...) need no key.
import { eq } from 'drizzle-orm';
import type { Conn } from './db.js';
import { processedSteps } from './schema.js';

export interface Once<T> {
  result: T;
  /** true when this call applied the step, false when it had been applied before */
  applied: boolean;
}

export function once<T>(
  conn: Conn,
  key: string,
  step: string,
  apply: (tx: Conn) => T,
  options: { requestId?: string; at?: Date } = {},
): Once<T> {
  return conn.transaction((tx) => {
    const done = tx.select().from(processedSteps).where(eq(processedSteps.key, key)).get();
    if (done !== undefined) return { result: done.result as T, applied: false };
    const result = apply(tx);
    tx.insert(processedSteps)
      .values({ key, step, requestId: options.requestId, result: result ?? null, at: options.at ?? new Date() })
      .run();
    return { result, applied: true };
  });
}

/** Whether a step with this key has been applied. */
export function wasProcessed(conn: Conn, key: string): boolean {
  return conn.select({ key: processedSteps.key }).from(processedSteps).where(eq(processedSteps.key, key)).get() !== undefined;
}
