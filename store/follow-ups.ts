// Follow-up (回访) and re-handling (重办).
import { and, asc, count, eq, lt } from 'drizzle-orm';
import { decideAfterFollowUp, type FollowUpDecision, type Level, type Satisfaction } from '../domain/index.js';
import type { Conn } from './db.js';
import { appendCaseEvent } from './case-file.js';
import { once } from './idempotency.js';
import { openLedgerEntry } from './ledger.js';
import { requireRequest } from './requests.js';
import { followUps, rehandlings, requests } from './schema.js';
import { currentRound } from './sign-offs.js';

export type FollowUp = typeof followUps.$inferSelect;

export interface NewFollowUp {
  requestId: string;
  outcome: Satisfaction;
  askedBy?: string;
  note?: string;
  at?: Date;
}

/**
 * Records the citizen's answer for the current handling round and says what follows (archive,
 * re-handle at the same level, escalate, backstop: see `decideAfterFollowUp`). One follow-up per
 * round: a second call records nothing and returns the decision for the answer already recorded.
 */
export function recordFollowUp(conn: Conn, f: NewFollowUp): { recorded: boolean; followUp: FollowUp; decision: FollowUpDecision } {
  return conn.transaction((tx) => {
    const request = requireRequest(tx, f.requestId);
    const round = currentRound(tx, f.requestId);
    const level: Level = request.level ?? 'village';
    const at = f.at ?? new Date();
    const recorded =
      tx
        .insert(followUps)
        .values({ requestId: f.requestId, round, outcome: f.outcome, level, askedBy: f.askedBy, note: f.note, at })
        .onConflictDoNothing()
        .run().changes > 0;
    const followUp = tx
      .select()
      .from(followUps)
      .where(and(eq(followUps.requestId, f.requestId), eq(followUps.round, round)))
      .get() as FollowUp;
    const refusalsBefore = tx
      .select({ n: count() })
      .from(followUps)
      .where(
        and(
          eq(followUps.requestId, f.requestId),
          eq(followUps.level, followUp.level),
          eq(followUps.outcome, 'unsatisfied'),
          lt(followUps.round, round),
        ),
      )
      .get()?.n ?? 0;
    if (recorded) {
      appendCaseEvent(tx, { requestId: f.requestId, kind: 'follow_up', actor: f.askedBy ?? 'system', at, detail: { outcome: f.outcome, round } });
    }
    return { recorded, followUp, decision: decideAfterFollowUp(followUp.outcome, followUp.level, refusalsBefore) };
  });
}

export interface CountRehandling {
  requestId: string;
  /** one re-handling per key: e.g. `rehandle:<job key>` */
  idempotencyKey: string;
  reason?: string;
  /** defaults to the request's current responsible unit */
  unitId?: string;
  actor?: string;
  at?: Date;
}

/**
 * Counts a re-handling (二次交办): opens the next handling round at the request's current level,
 * puts the request back to `rehandling` and reopens it. Once per key. Returns the round it opened,
 * how many re-handlings the request has had (`total`) and how many at its current level
 * (`atLevel`: what decides escalation, since each level gets its own two chances).
 */
export function countRehandling(conn: Conn, r: CountRehandling): { round: number; total: number; atLevel: number } {
  const at = r.at ?? new Date();
  return once(
    conn,
    r.idempotencyKey,
    'rehandle',
    (tx) => {
      const request = requireRequest(tx, r.requestId);
      const round = currentRound(tx, r.requestId) + 1;
      const level: Level = request.level ?? 'village';
      tx.insert(rehandlings)
        .values({ requestId: r.requestId, round, level, unitId: r.unitId ?? request.responsibleUnitId, reason: r.reason, at })
        .run();
      tx.update(requests).set({ status: 'rehandling', closedAt: null }).where(eq(requests.id, r.requestId)).run();
      const unitId = r.unitId ?? request.responsibleUnitId;
      if (unitId !== null) openLedgerEntry(tx, r.requestId, level, unitId, at);
      appendCaseEvent(tx, { requestId: r.requestId, kind: 'rehandling', actor: r.actor ?? 'system', at, detail: { round, level, reason: r.reason } });
      return { round, total: rehandlingCount(tx, r.requestId), atLevel: rehandlingCount(tx, r.requestId, level) };
    },
    { requestId: r.requestId, at },
  ).result;
}

/** Re-handlings of a request: all of them, or those at one level. */
export function rehandlingCount(conn: Conn, requestId: string, level?: Level): number {
  return (
    conn
      .select({ n: count() })
      .from(rehandlings)
      .where(and(eq(rehandlings.requestId, requestId), level === undefined ? undefined : eq(rehandlings.level, level)))
      .get()?.n ?? 0
  );
}

/** All follow-ups of a request, by round. */
export function followUpsOf(conn: Conn, requestId: string): FollowUp[] {
  return conn.select().from(followUps).where(eq(followUps.requestId, requestId)).orderBy(asc(followUps.round)).all();
}
