// The district backstop (兜底): cases no level could solve, the joint meeting's plan (一案一策),
// its monthly reviews (月度调度) and the resolution.
//
// Who writes what: `suqiu.backstop.enter` opens the case; the workbench API records the plan, each
// review and the resolution when staff complete the tasks `backstop-plan`, `monthly-review` and
// `backstop-resolve` (the forms carry them; no job runs there).
import { and, asc, count, desc, eq, isNull, max } from 'drizzle-orm';
import type { Conn } from './db.js';
import { appendCaseEvent } from './case-file.js';
import { once } from './idempotency.js';
import { backstopCases, backstopReviews } from './schema.js';

export type BackstopCase = typeof backstopCases.$inferSelect;
export type BackstopReview = typeof backstopReviews.$inferSelect;
export type BackstopCaseWithReviews = BackstopCase & { reviews: BackstopReview[] };

export interface OpenBackstopCase {
  requestId: string;
  ledgerEntryId?: number;
  /** one case per key: e.g. `<job type>:<job key>` */
  idempotencyKey: string;
  actor?: string;
  at?: Date;
}

/**
 * Opens a backstop case for a request: `BS-<request id>-<n>`, n counting the times the request
 * entered the backstop. Once per key; a repeated call answers the first call's id.
 */
export function openBackstopCase(conn: Conn, c: OpenBackstopCase): { caseId: string } {
  const at = c.at ?? new Date();
  return once(
    conn,
    c.idempotencyKey,
    'backstop',
    (tx) => {
      const n = (tx.select({ n: count() }).from(backstopCases).where(eq(backstopCases.requestId, c.requestId)).get()?.n ?? 0) + 1;
      const caseId = `BS-${c.requestId}-${n}`;
      tx.insert(backstopCases).values({ id: caseId, requestId: c.requestId, ledgerEntryId: c.ledgerEntryId, enteredAt: at }).run();
      appendCaseEvent(tx, { requestId: c.requestId, kind: 'backstop_entered', actor: c.actor ?? 'system', at, detail: { backstopCaseId: caseId, ledgerEntryId: c.ledgerEntryId } });
      return { caseId };
    },
    { requestId: c.requestId, at },
  ).result;
}

export function getBackstopCase(conn: Conn, caseId: string): BackstopCaseWithReviews | undefined {
  const row = conn.select().from(backstopCases).where(eq(backstopCases.id, caseId)).get();
  return row === undefined ? undefined : { ...row, reviews: reviewsOf(conn, caseId) };
}

/** The request's backstop cases, oldest first, each with its reviews. */
export function backstopCasesOf(conn: Conn, requestId: string): BackstopCaseWithReviews[] {
  return conn
    .select()
    .from(backstopCases)
    .where(eq(backstopCases.requestId, requestId))
    .orderBy(asc(backstopCases.enteredAt), asc(backstopCases.id))
    .all()
    .map((row) => ({ ...row, reviews: reviewsOf(conn, row.id) }));
}

/** The request's unresolved backstop case (the latest), if it has one. */
export function openBackstopCaseOf(conn: Conn, requestId: string): BackstopCase | undefined {
  return conn
    .select()
    .from(backstopCases)
    .where(and(eq(backstopCases.requestId, requestId), isNull(backstopCases.resolvedAt)))
    .orderBy(desc(backstopCases.enteredAt), desc(backstopCases.id))
    .get();
}

function requireCase(conn: Conn, caseId: string): BackstopCase {
  const row = conn.select().from(backstopCases).where(eq(backstopCases.id, caseId)).get();
  if (row === undefined) throw new Error(`no backstop case ${caseId}`);
  return row;
}

/** Records the joint meeting's plan. The first plan stands; returns whether this call recorded it. */
export function recordBackstopPlan(conn: Conn, caseId: string, plan: string, options: { actor?: string; at?: Date } = {}): boolean {
  const at = options.at ?? new Date();
  return conn.transaction((tx) => {
    const c = requireCase(tx, caseId);
    const changed = tx
      .update(backstopCases)
      .set({ plan, plannedAt: at })
      .where(and(eq(backstopCases.id, caseId), isNull(backstopCases.plannedAt)))
      .run().changes;
    if (changed > 0) appendCaseEvent(tx, { requestId: c.requestId, kind: 'backstop_plan', actor: options.actor ?? 'system', at, detail: { backstopCaseId: caseId, plan } });
    return changed > 0;
  });
}

export interface NewBackstopReview {
  caseId: string;
  note?: string;
  /** one review per key: e.g. `review:<user task key>` */
  idempotencyKey?: string;
  actor?: string;
  at?: Date;
}

/** Records a monthly review as the case's next (1, 2, ...). Once per key; returns its number. */
export function recordBackstopReview(conn: Conn, r: NewBackstopReview): { seq: number; recorded: boolean } {
  const at = r.at ?? new Date();
  return conn.transaction((tx) => {
    if (r.idempotencyKey !== undefined) {
      const done = tx.select({ seq: backstopReviews.seq }).from(backstopReviews).where(eq(backstopReviews.idempotencyKey, r.idempotencyKey)).get();
      if (done !== undefined) return { seq: done.seq, recorded: false };
    }
    const c = requireCase(tx, r.caseId);
    const seq = (tx.select({ last: max(backstopReviews.seq) }).from(backstopReviews).where(eq(backstopReviews.caseId, r.caseId)).get()?.last ?? 0) + 1;
    tx.insert(backstopReviews).values({ caseId: r.caseId, seq, note: r.note, reviewedAt: at, idempotencyKey: r.idempotencyKey }).run();
    appendCaseEvent(tx, { requestId: c.requestId, kind: 'backstop_review', actor: r.actor ?? 'system', at, detail: { backstopCaseId: r.caseId, seq, note: r.note } });
    return { seq, recorded: true };
  });
}

/** Marks the case resolved. The first resolution stands; returns whether this call recorded it. */
export function resolveBackstopCase(conn: Conn, caseId: string, options: { note?: string; actor?: string; at?: Date } = {}): boolean {
  const at = options.at ?? new Date();
  return conn.transaction((tx) => {
    const c = requireCase(tx, caseId);
    const changed = tx
      .update(backstopCases)
      .set({ resolvedAt: at, resolutionNote: options.note })
      .where(and(eq(backstopCases.id, caseId), isNull(backstopCases.resolvedAt)))
      .run().changes;
    if (changed > 0) appendCaseEvent(tx, { requestId: c.requestId, kind: 'backstop_resolved', actor: options.actor ?? 'system', at, detail: { backstopCaseId: caseId, note: options.note } });
    return changed > 0;
  });
}

function reviewsOf(conn: Conn, caseId: string): BackstopReview[] {
  return conn.select().from(backstopReviews).where(eq(backstopReviews.caseId, caseId)).orderBy(asc(backstopReviews.seq)).all();
}
