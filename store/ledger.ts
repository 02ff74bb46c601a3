// Ledgers (台账): each level keeps entries for the requests it owns; an entry moves up with escalation.
import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import { levelRank, nextLevelUp, type Level } from '../domain/index.js';
import type { Conn } from './db.js';
import { once } from './idempotency.js';
import { appendCaseEvent } from './case-file.js';
import { responsibleUnitFor } from './org-units.js';
import { requireRequest } from './requests.js';
import { ledgerEntries, ledgerMovements, orgUnits, requests } from './schema.js';

export type LedgerEntry = typeof ledgerEntries.$inferSelect;
export type LedgerMovement = typeof ledgerMovements.$inferSelect;

/**
 * Opens the ledger entry of a request at a level, owned by `unitId`. Does nothing if an open entry
 * for that request and level exists (a unique index on open entries guarantees it).
 */
export function openLedgerEntry(
  conn: Conn,
  requestId: string,
  level: Level,
  unitId: string,
  at = new Date(),
): { entry: LedgerEntry; opened: boolean } {
  return conn.transaction((tx) => {
    const changes = tx.insert(ledgerEntries).values({ requestId, level, unitId, openedAt: at }).onConflictDoNothing().run().changes;
    const entry = tx
      .select()
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.requestId, requestId), eq(ledgerEntries.level, level), isNull(ledgerEntries.closedAt)))
      .get() as LedgerEntry;
    if (changes > 0) {
      appendCaseEvent(tx, { requestId, kind: 'ledger_opened', actor: 'system', at, detail: { level, unitId } });
    }
    return { entry, opened: changes > 0 };
  });
}

/** The open entry of a request (the highest level's, should there be several). */
export function openEntryOf(conn: Conn, requestId: string): LedgerEntry | undefined {
  const open = conn
    .select()
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.requestId, requestId), isNull(ledgerEntries.closedAt)))
    .all();
  return open.sort((a, b) => levelRank(b.level) - levelRank(a.level))[0];
}

export type Escalation =
  | { moved: true; from: Level; to: Level; fromUnitId: string; toUnitId: string; entryId: number }
  | { moved: false; backstop: true; level: 'district' };

export interface EscalateOptions {
  /** one escalation per key: e.g. `escalate:<job key>` */
  idempotencyKey: string;
  /** the unit that takes it at the next level; by default the one the duty list and location give */
  toUnitId?: string;
  reason?: string;
  actor?: string;
  at?: Date;
}

/**
 * Moves the request's open ledger entry one level up (village → township → district): closes it as
 * 'escalated', opens the entry above, records the movement and re-assigns the request. At the
 * district nothing is higher: the request becomes (stays) a backstop case and nothing moves.
 * Applied once per idempotency key; a repeated call returns the first call's answer.
 */
export function escalateLedger(conn: Conn, requestId: string, options: EscalateOptions): Escalation {
  const at = options.at ?? new Date();
  return once(
    conn,
    options.idempotencyKey,
    'escalate',
    (tx): Escalation => {
      const request = requireRequest(tx, requestId);
      const current = openEntryOf(tx, requestId);
      const from = current?.level ?? request.level;
      if (from === null || from === undefined) throw new Error(`request ${requestId} has no level to escalate from`);
      const to = nextLevelUp(from);
      if (to === undefined) {
        appendCaseEvent(tx, { requestId, kind: 'backstop', actor: options.actor ?? 'system', at, detail: { reason: options.reason } });
        return { moved: false, backstop: true, level: 'district' };
      }
      const fromUnitId = current?.unitId ?? request.responsibleUnitId ?? request.townshipId;
      const toUnitId =
        options.toUnitId ??
        responsibleUnitFor(tx, { level: to, townshipId: request.townshipId, villageId: request.villageId, domain: request.domain });
      if (current !== undefined) {
        tx.update(ledgerEntries).set({ closedAt: at, closeReason: 'escalated' }).where(eq(ledgerEntries.id, current.id)).run();
      }
      const { entry } = openLedgerEntry(tx, requestId, to, toUnitId, at);
      tx.insert(ledgerMovements)
        .values({ requestId, fromLevel: from, toLevel: to, fromUnitId, toUnitId, reason: options.reason, movedAt: at })
        .run();
      tx.update(requests).set({ level: to, responsibleUnitId: toUnitId, status: 'assigned' }).where(eq(requests.id, requestId)).run();
      appendCaseEvent(tx, {
        requestId,
        kind: 'escalated',
        actor: options.actor ?? 'system',
        at,
        detail: { from, to, fromUnitId, toUnitId, reason: options.reason },
      });
      return { moved: true, from, to, fromUnitId, toUnitId, entryId: entry.id };
    },
    { requestId, at },
  ).result;
}

/** A unit's ledger: its open entries (or all, with `includeClosed`), newest first. */
export function ledgerOf(conn: Conn, unitId: string, options: { includeClosed?: boolean } = {}): LedgerEntry[] {
  return conn
    .select()
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.unitId, unitId), options.includeClosed ? undefined : isNull(ledgerEntries.closedAt)))
    .orderBy(desc(ledgerEntries.openedAt), desc(ledgerEntries.id))
    .all();
}

/** Where a request's ledger entry has been: its entries and movements, oldest first. */
export function ledgerHistory(conn: Conn, requestId: string): { entries: LedgerEntry[]; movements: LedgerMovement[] } {
  return {
    entries: conn.select().from(ledgerEntries).where(eq(ledgerEntries.requestId, requestId)).orderBy(asc(ledgerEntries.id)).all(),
    movements: conn.select().from(ledgerMovements).where(eq(ledgerMovements.requestId, requestId)).orderBy(asc(ledgerMovements.id)).all(),
  };
}

export interface Redispatch {
  from: Level;
  to: Level;
  fromUnitId: string;
  toUnitId: string;
  entryId: number;
}

export interface RedispatchOptions {
  /** one re-dispatch per key: e.g. `<job type>:<job key>` */
  idempotencyKey: string;
  /** the unit that takes the request over; its ledger is the one at the unit's own level */
  toUnitId: string;
  reason?: string;
  actor?: string;
  at?: Date;
}

/**
 * 改派: moves the request's open ledger entry to another unit (after the special team upheld a
 * return): closes it as 'redispatched', opens one at the new unit's level, records the movement
 * and re-assigns the request (unit, level). The new unit may sit at another level (e.g. a village
 * returns what belongs to a district department). Throws for an unknown unit or the unit that
 * already holds it. Applied once per idempotency key; a repeated call returns the first answer.
 */
export function redispatchLedger(conn: Conn, requestId: string, options: RedispatchOptions): Redispatch {
  const at = options.at ?? new Date();
  return once(
    conn,
    options.idempotencyKey,
    'redispatch',
    (tx): Redispatch => {
      const request = requireRequest(tx, requestId);
      const target = tx.select().from(orgUnits).where(eq(orgUnits.id, options.toUnitId)).get();
      if (target === undefined) throw new Error(`no org unit ${options.toUnitId} to re-dispatch ${requestId} to`);
      const current = openEntryOf(tx, requestId);
      const from = current?.level ?? request.level;
      if (from === null || from === undefined) throw new Error(`request ${requestId} has no level to re-dispatch from`);
      const fromUnitId = current?.unitId ?? request.responsibleUnitId;
      if (fromUnitId === null || fromUnitId === undefined) throw new Error(`request ${requestId} has no unit to re-dispatch from`);
      if (fromUnitId === target.id) throw new Error(`request ${requestId} is already with ${target.id}`);
      const to = target.level;
      if (current !== undefined) {
        tx.update(ledgerEntries).set({ closedAt: at, closeReason: 'redispatched' }).where(eq(ledgerEntries.id, current.id)).run();
      }
      const { entry } = openLedgerEntry(tx, requestId, to, target.id, at);
      tx.insert(ledgerMovements).values({ requestId, fromLevel: from, toLevel: to, fromUnitId, toUnitId: target.id, reason: options.reason, movedAt: at }).run();
      tx.update(requests).set({ level: to, responsibleUnitId: target.id, status: 'assigned' }).where(eq(requests.id, requestId)).run();
      appendCaseEvent(tx, {
        requestId,
        kind: 'redispatched',
        actor: options.actor ?? 'system',
        at,
        detail: { from, to, fromUnitId, toUnitId: target.id, reason: options.reason },
      });
      return { from, to, fromUnitId, toUnitId: target.id, entryId: entry.id };
    },
    { requestId, at },
  ).result;
}
