// 退单: a unit returns a request it cannot own, with a stated reason; the special team re-dispatches
// it to another unit (改派, the ledger moves: see `redispatchLedger` in ledger.ts) or rejects the
// return (the unit keeps it). Returns are counted per unit for the rankings.
import { and, asc, eq, gte, isNull, lt, sql } from 'drizzle-orm';
import type { Level } from '../domain/index.js';
import { appendCaseEvent } from './case-file.js';
import type { Conn } from './db.js';
import { orgUnits, requestReturns } from './schema.js';

export type RequestReturn = typeof requestReturns.$inferSelect;

/** The reasons a unit may give (接诉即办: 属地不符, 权属不清, 职能交叉, and other with a note). */
export const RETURN_REASONS = ['wrong_locality', 'unclear_ownership', 'overlapping_duties', 'other'] as const;
export type ReturnReason = (typeof RETURN_REASONS)[number];

export const RETURN_REASON_LABELS: Readonly<Record<ReturnReason, string>> = {
  wrong_locality: '属地不符',
  unclear_ownership: '权属不清',
  overlapping_duties: '职能交叉',
  other: '其他',
};

export function isReturnReason(value: unknown): value is ReturnReason {
  return typeof value === 'string' && (RETURN_REASONS as readonly string[]).includes(value);
}

export interface NewReturn {
  requestId: string;
  /** the returning unit (org-unit id) */
  unitId: string;
  level: Level;
  reason: ReturnReason;
  note?: string | null;
  at: Date;
  /** one return per key: e.g. `<job type>:<job key>` */
  idempotencyKey: string;
  /** a staff id, a unit's candidate group or 'system' */
  actor?: string;
}

/**
 * Records a return against the unit and writes it into the case file. Applied once per
 * idempotency key: a repeated call returns the row the first call wrote.
 */
export function recordReturn(conn: Conn, r: NewReturn): RequestReturn {
  return conn.transaction((tx) => {
    const inserted = tx
      .insert(requestReturns)
      .values({
        requestId: r.requestId,
        unitId: r.unitId,
        level: r.level,
        reason: r.reason,
        note: r.note ?? null,
        returnedAt: r.at,
        idempotencyKey: r.idempotencyKey,
      })
      .onConflictDoNothing()
      .run().changes;
    const row = tx.select().from(requestReturns).where(eq(requestReturns.idempotencyKey, r.idempotencyKey)).get() as RequestReturn;
    if (inserted > 0) {
      appendCaseEvent(tx, {
        requestId: r.requestId,
        kind: 'returned',
        actor: r.actor ?? 'system',
        at: r.at,
        detail: { returnId: row.id, unitId: r.unitId, level: r.level, reason: r.reason, note: r.note ?? null },
      });
    }
    return row;
  });
}

export function getReturn(conn: Conn, id: number): RequestReturn | undefined {
  return conn.select().from(requestReturns).where(eq(requestReturns.id, id)).get();
}

export type ReturnDecision =
  | { decision: 'redispatched'; toUnitId: string; note?: string | null; at: Date; actor?: string }
  | { decision: 'rejected'; note?: string | null; at: Date; actor?: string };

/**
 * Records the special team's decision on a return. A rejection is written into the case file here;
 * a re-dispatch is written there by `redispatchLedger`, which moves the entry. Deciding again the
 * same way changes nothing; deciding a decided return the other way throws.
 */
export function decideReturn(conn: Conn, id: number, d: ReturnDecision): RequestReturn {
  return conn.transaction((tx) => {
    const row = getReturn(tx, id);
    if (row === undefined) throw new Error(`no return ${id}`);
    if (row.decision !== null) {
      if (row.decision !== d.decision) throw new Error(`return ${id} was already ${row.decision}`);
      return row;
    }
    tx.update(requestReturns)
      .set({
        decision: d.decision,
        decisionNote: d.note ?? null,
        redispatchedToUnitId: d.decision === 'redispatched' ? d.toUnitId : null,
        decidedAt: d.at,
      })
      .where(and(eq(requestReturns.id, id), isNull(requestReturns.decision)))
      .run();
    if (d.decision === 'rejected') {
      appendCaseEvent(tx, {
        requestId: row.requestId,
        kind: 'return_rejected',
        actor: d.actor ?? 'system',
        at: d.at,
        detail: { returnId: id, unitId: row.unitId, note: d.note ?? null },
      });
    }
    return getReturn(tx, id)!;
  });
}

/** A request's returns, oldest first (for its case file). */
export function returnsOf(conn: Conn, requestId: string): RequestReturn[] {
  return conn.select().from(requestReturns).where(eq(requestReturns.requestId, requestId)).orderBy(asc(requestReturns.returnedAt), asc(requestReturns.id)).all();
}

export interface UnitReturns {
  unitId: string;
  unitName: string;
  /** returns the unit made in the period */
  returns: number;
  /** of which the special team re-dispatched (the return was founded) */
  redispatched: number;
  /** of which it rejected (the unit had to keep the request) */
  rejected: number;
  /** of which it has not decided yet */
  pending: number;
}

/**
 * Returns counted per returning unit, by when they were made (`from` inclusive, `to` exclusive),
 * units with the most returns first. Units that returned nothing are not listed.
 */
export function returnsPerUnit(conn: Conn, period: { from?: Date; to?: Date } = {}): UnitReturns[] {
  const rows = conn
    .select({
      unitId: requestReturns.unitId,
      unitName: orgUnits.name,
      returns: sql<number>`count(*)`,
      redispatched: sql<number>`sum(case when ${requestReturns.decision} = 'redispatched' then 1 else 0 end)`,
      rejected: sql<number>`sum(case when ${requestReturns.decision} = 'rejected' then 1 else 0 end)`,
      pending: sql<number>`sum(case when ${requestReturns.decision} is null then 1 else 0 end)`,
    })
    .from(requestReturns)
    .innerJoin(orgUnits, eq(orgUnits.id, requestReturns.unitId))
    .where(
      and(
        period.from === undefined ? undefined : gte(requestReturns.returnedAt, period.from),
        period.to === undefined ? undefined : lt(requestReturns.returnedAt, period.to),
      ),
    )
    .groupBy(requestReturns.unitId, orgUnits.name)
    .orderBy(sql`count(*) desc`, asc(requestReturns.unitId))
    .all();
  return rows.map((r) => ({ ...r, returns: Number(r.returns), redispatched: Number(r.redispatched), rejected: Number(r.rejected), pending: Number(r.pending) }));
}
