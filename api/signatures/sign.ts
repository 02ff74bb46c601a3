// 四方签字 as people's acts: each signature is recorded with who signed, how they proved it
// (their login, the citizen's lookup code, or a one-time code sent to the citizen's phone) and
// when, and only then is the signing task completed. One person cannot sign in two roles of one
// round. A refusal (signed = false) is recorded in the case file and sends the request back to
// handling, as the diagram says.
import { and, eq, ne } from 'drizzle-orm';
import { signOffRoles, type SignOffRole } from '../../domain/index.js';
import { appendCaseEvent } from '../../store/case-file.js';
import { signOffs } from '../../store/schema.js';
import { currentRound, recordSignOff } from '../../store/sign-offs.js';
import type { UserTask, UserTasks } from '../engine/user-tasks.js';
import { conflict, t } from '../problems.js';
import type { Api } from '../types.js';

export interface Signer {
  name: string;
  /** the member of staff who signed; none for the citizen */
  staffId?: string;
  method: 'login' | 'lookup_code' | 'sms_code';
}

export interface Signing {
  task: UserTask;
  requestId: string;
  role: SignOffRole;
  signer: Signer;
  signed: boolean;
  note?: string;
}

/** Refuses a second signature of the same person in another role of the same round. */
export function checkOnePersonOneRole(app: Api, requestId: string, role: SignOffRole, staffId: string): void {
  const round = currentRound(app.store.db, requestId);
  const other = app.store.db
    .select({ role: signOffs.role })
    .from(signOffs)
    .where(and(eq(signOffs.requestId, requestId), eq(signOffs.round, round), eq(signOffs.signerStaffId, staffId), ne(signOffs.role, role)))
    .get();
  if (other !== undefined) {
    throw conflict(t(`您已作为${signOffRoles.label(other.role)}签字,同一人不能代签${signOffRoles.label(role)}`, `you signed as ${other.role} already: one person cannot sign in two roles`));
  }
}

/** Records the signature (or the refusal), then completes the signing task. */
export async function sign(app: Api, tasks: UserTasks, s: Signing): Promise<void> {
  const now = app.now();
  if (s.signed && s.signer.staffId !== undefined) checkOnePersonOneRole(app, s.requestId, s.role, s.signer.staffId);
  app.store.db.transaction((tx) => {
    if (s.signed) {
      recordSignOff(tx, { requestId: s.requestId, role: s.role, signerName: s.signer.name, signerStaffId: s.signer.staffId, method: s.signer.method, at: now });
    } else {
      appendCaseEvent(tx, {
        requestId: s.requestId,
        kind: 'sign_refused',
        actor: s.signer.staffId ?? 'citizen',
        at: now,
        detail: { role: s.role, note: s.note ?? null, method: s.signer.method },
        idempotencyKey: `sign-refused:${s.task.userTaskKey}`,
      });
    }
  }, { behavior: 'immediate' });
  await tasks.complete(s.task.userTaskKey, { signed: s.signed, ...(s.note === undefined ? {} : { note: s.note }) });
}

/** The request's open signing task for the citizen, if its closure is being signed now. */
export async function openCitizenSigning(tasks: UserTasks, processInstanceKey: string | null): Promise<UserTask | undefined> {
  if (processInstanceKey === null) return undefined;
  const page = await tasks.search({ state: 'CREATED', elementId: 'sign-citizen', processInstanceKey }, { from: 0, limit: 1 });
  return page.items[0];
}
