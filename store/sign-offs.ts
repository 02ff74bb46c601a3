// Four-party sign-off (四方签字), per handling round: re-handling opens a new round that needs
// four fresh signatures.
import { and, asc, eq, max } from 'drizzle-orm';
import { checkSignOff, signOffRoles, type SignOffCheck, type SignOffRole } from '../domain/index.js';
import type { Conn } from './db.js';
import { appendCaseEvent } from './case-file.js';
import { rehandlings, signOffs } from './schema.js';

/** The handling round a request is in: 1, then 2 after the first re-handling, and so on. */
export function currentRound(conn: Conn, requestId: string): number {
  const row = conn.select({ last: max(rehandlings.round) }).from(rehandlings).where(eq(rehandlings.requestId, requestId)).get();
  return row?.last ?? 1;
}

export interface NewSignOff {
  requestId: string;
  role: SignOffRole;
  signerName: string;
  signerStaffId?: string;
  /** how the signer proved it was them (the workbench: 'login', the citizen: 'lookup_code' or 'sms_code') */
  method?: 'login' | 'lookup_code' | 'sms_code';
  /** defaults to the current round */
  round?: number;
  at?: Date;
}

/**
 * Records one signature. The first signature of a role in a round stands: signing again records
 * nothing. Returns whether this call recorded it and what is still missing.
 */
export function recordSignOff(conn: Conn, s: NewSignOff): { recorded: boolean; check: SignOffCheck } {
  return conn.transaction((tx) => {
    const round = s.round ?? currentRound(tx, s.requestId);
    const at = s.at ?? new Date();
    const recorded =
      tx
        .insert(signOffs)
        .values({ requestId: s.requestId, round, role: s.role, signerName: s.signerName, signerStaffId: s.signerStaffId, method: s.method, signedAt: at })
        .onConflictDoNothing()
        .run().changes > 0;
    if (recorded) {
      appendCaseEvent(tx, {
        requestId: s.requestId,
        kind: 'signed',
        actor: s.signerStaffId ?? (s.role === 'citizen' ? 'citizen' : 'system'),
        at,
        detail: { role: s.role, round, method: s.method ?? null },
      });
    }
    return { recorded, check: signOffCheck(tx, s.requestId, round) };
  });
}

/**
 * Who has signed and who is missing, for a round (the current one by default). A signature counts
 * only as a person's act: its row says how the signer proved it was them (`method`), and a staff
 * signature names the member of staff who gave it.
 */
export function signOffCheck(conn: Conn, requestId: string, round?: number): SignOffCheck {
  const r = round ?? currentRound(conn, requestId);
  const roles = conn
    .select({ role: signOffs.role, method: signOffs.method, signerStaffId: signOffs.signerStaffId })
    .from(signOffs)
    .where(and(eq(signOffs.requestId, requestId), eq(signOffs.round, r)))
    .all()
    .filter((row) => row.method !== null && (row.role === 'citizen' || row.signerStaffId !== null))
    .map((row) => row.role);
  return checkSignOff(roles);
}

export type SignOff = typeof signOffs.$inferSelect;

/** The signatures of a request, by round, in the roles' fixed order (citizen, handler, leaders). */
export function signOffsOf(conn: Conn, requestId: string): SignOff[] {
  const order = (role: SignOffRole): number => signOffRoles.codes.indexOf(role);
  return conn
    .select()
    .from(signOffs)
    .where(eq(signOffs.requestId, requestId))
    .orderBy(asc(signOffs.round))
    .all()
    .sort((a, b) => a.round - b.round || order(a.role) - order(b.role));
}
