// The simulated time shared by a simulation and the workers it drives (see `simulatedClock` in
// schema.ts). The engine has its own pinned clock; this is the business store's copy of it, so a
// worker in another process records the same instant the engine fired its timers at.
import { eq } from 'drizzle-orm';
import type { Conn } from './db.js';
import { preparedOn } from './prepared.js';
import { simulatedClock } from './schema.js';

/** read on every call of the API and every job of the workers in a replay: built once (prepared.ts) */
const readTime = (conn: Conn) => conn.select({ at: simulatedClock.at }).from(simulatedClock).where(eq(simulatedClock.id, 1)).prepare();

/** Sets the simulated time (the simulation calls it each time it pins the engine's clock). */
export function setSimulatedTime(conn: Conn, at: Date): void {
  conn.insert(simulatedClock).values({ id: 1, at }).onConflictDoUpdate({ target: simulatedClock.id, set: { at } }).run();
}

/** The simulated time, or undefined when no simulation has set one. */
export function simulatedTime(conn: Conn): Date | undefined {
  return preparedOn(conn, readTime).get()?.at;
}

/**
 * A clock reading the simulated time; fails loudly when none is set, because recording system time
 * in a simulated run would silently mix two timelines.
 */
export function simulatedClockOf(conn: Conn): () => Date {
  return () => {
    const at = simulatedTime(conn);
    if (at === undefined) throw new Error('SUQIU_WORKERS_CLOCK=simulated but the store has no simulated time: the simulation sets it');
    return at;
  };
}
