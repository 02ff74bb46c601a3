// 延期: a unit asks for more time before its deadline, with a reason; the leader in charge approves
// or refuses (or the rule refuses a request made after the deadline). One row per request for an
// extension, written with its decision; an approved one carries the new deadline, which the
// caller also sets on the request (`setDeadline`).
import { asc, eq } from 'drizzle-orm';
import { appendCaseEvent } from './case-file.js';
import type { Conn } from './db.js';
import { extensions } from './schema.js';

export type Extension = typeof extensions.$inferSelect;

/** Who refused: the leader in charge, or the rule (asked after the deadline). */
export type RefusedBy = 'leader' | 'rule';

interface ExtensionAsked {
  requestId: string;
  /** the unit that asked (org-unit id) */
  unitId: string;
  days: number;
  reason: string;
  requestedAt: Date;
  /** the deadline in force when it was asked */
  oldDeadline: Date | null;
  decidedAt: Date;
  decisionNote?: string | null;
  /** one row per key: e.g. `<job type>:<job key>` */
  idempotencyKey: string;
  /** a staff id, a unit's candidate group or 'system' */
  actor?: string;
}

export type ExtensionDecision =
  | (ExtensionAsked & { approved: true; newDeadline: Date })
  | (ExtensionAsked & { approved: false; refusedBy: RefusedBy });

/**
 * Records an extension request with its decision and writes it into the case file
 * (`extension_granted` / `extension_refused`). Applied once per idempotency key.
 */
export function recordExtension(conn: Conn, e: ExtensionDecision): Extension {
  return conn.transaction((tx) => {
    const inserted = tx
      .insert(extensions)
      .values({
        requestId: e.requestId,
        unitId: e.unitId,
        days: e.days,
        reason: e.reason,
        requestedAt: e.requestedAt,
        oldDeadline: e.oldDeadline,
        approved: e.approved,
        decisionNote: e.decisionNote ?? null,
        newDeadline: e.approved ? e.newDeadline : null,
        decidedAt: e.decidedAt,
        idempotencyKey: e.idempotencyKey,
      })
      .onConflictDoNothing()
      .run().changes;
    const row = tx.select().from(extensions).where(eq(extensions.idempotencyKey, e.idempotencyKey)).get() as Extension;
    if (inserted > 0) {
      appendCaseEvent(tx, {
        requestId: e.requestId,
        kind: e.approved ? 'extension_granted' : 'extension_refused',
        actor: e.actor ?? 'system',
        at: e.decidedAt,
        detail: {
          extensionId: row.id,
          unitId: e.unitId,
          days: e.days,
          reason: e.reason,
          requestedAt: e.requestedAt.toISOString(),
          oldDeadline: e.oldDeadline?.toISOString() ?? null,
          ...(e.approved ? { newDeadline: e.newDeadline.toISOString() } : { refusedBy: e.refusedBy }),
          note: e.decisionNote ?? null,
        },
      });
    }
    return row;
  });
}

/** A request's extensions (asked, with their decisions), oldest first. */
export function extensionsOf(conn: Conn, requestId: string): Extension[] {
  return conn.select().from(extensions).where(eq(extensions.requestId, requestId)).orderBy(asc(extensions.requestedAt), asc(extensions.id)).all();
}
