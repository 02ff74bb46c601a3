// suqiu.ledger.close (销号): closes the request and its ledger entry once the four signatures of the
// current handling round are in the store (citizen, handler, leader in charge, main leader).
//
// A signature is a person's act: the API records each one (store `sign_offs`, one row per role and
// round) with who signed and how they proved it (staff by their login, the citizen with the lookup
// code or a one-time code), before it completes the signing task. This worker records none. The
// diagram comes here only when the four `*Signed` flags are true; a flag without its signature in
// the store (a signing task completed past the API) is an incident naming the missing ones, and
// nothing is closed.
import { signOffRoles, type SignOffRole } from '../../domain/index.js';
import { appendCaseEvent } from '../../store/case-file.js';
import { closeRequest } from '../../store/requests.js';
import { currentRound, signOffCheck } from '../../store/sign-offs.js';
import { IncidentError, jobKeyOf, onceForJob, type Handler } from '../shared/job.js';
import { isoUtc, requestOf } from '../shared/records.js';
import { bool, text } from '../shared/vars.js';

const SIGNED: Readonly<Record<SignOffRole, string>> = {
  citizen: 'citizenSigned',
  handler: 'handlerSigned',
  leader_in_charge: 'leaderInChargeSigned',
  main_leader: 'mainLeaderSigned',
};

const labels = (roles: readonly SignOffRole[]): string => roles.map((r) => signOffRoles.label(r)).join('、');

export const closeLedger: Handler = async (job, deps) => {
  const requestId = text(job, 'requestId');
  const refused = signOffRoles.codes.filter((role) => !bool(job, SIGNED[role]));
  if (refused.length > 0) {
    throw new IncidentError(`request ${requestId} cannot be closed: not signed by ${labels(refused)}`);
  }
  return onceForJob(deps, job, requestId, (tx) => {
    const at = deps.clock();
    requestOf(tx, requestId);
    const round = currentRound(tx, requestId);
    const { missing } = signOffCheck(tx, requestId, round);
    if (missing.length > 0) {
      throw new IncidentError(
        `request ${requestId} cannot be closed: the store holds no signature of ${labels(missing)} for round ${round} ` +
          '(each is given through the API: staff with their login, the citizen with the lookup code or a one-time code)',
      );
    }
    appendCaseEvent(tx, {
      requestId,
      kind: 'signed_off',
      actor: 'system',
      at,
      detail: { round, roles: signOffRoles.codes },
      idempotencyKey: jobKeyOf(job),
    });
    closeRequest(tx, requestId, at, 'closed');
    return { closedAt: isoUtc(requestOf(tx, requestId).closedAt ?? at) };
  });
};
