// suqiu.ledger.close (销号): closes the request and its ledger entry, with the four signatures
// (citizen, handler, leader in charge, main leader). The diagram only comes here when all four are
// true; a job without them is a modelling or data error and raises an incident.
import { signOffRoles, type SignOffRole } from '../../domain/index.js';
import { appendCaseEvent } from '../../store/case-file.js';
import { closeRequest } from '../../store/requests.js';
import { currentRound } from '../../store/sign-offs.js';
import { IncidentError, jobKeyOf, onceForJob, type Handler } from '../shared/job.js';
import { isoUtc, requestOf } from '../shared/records.js';
import { bool, text } from '../shared/vars.js';

const SIGNED: Readonly<Record<SignOffRole, string>> = {
  citizen: 'citizenSigned',
  handler: 'handlerSigned',
  leader_in_charge: 'leaderInChargeSigned',
  main_leader: 'mainLeaderSigned',
};

export const closeLedger: Handler = async (job, deps) => {
  const requestId = text(job, 'requestId');
  const missing = signOffRoles.codes.filter((role) => !bool(job, SIGNED[role]));
  if (missing.length > 0) {
    throw new IncidentError(`request ${requestId} cannot be closed: not signed by ${missing.map((r) => signOffRoles.label(r)).join('、')}`);
  }
  return onceForJob(deps, job, requestId, (tx) => {
    const at = deps.clock();
    requestOf(tx, requestId);
    appendCaseEvent(tx, {
      requestId,
      kind: 'signed_off',
      actor: 'system',
      at,
      detail: { round: currentRound(tx, requestId), roles: signOffRoles.codes },
      idempotencyKey: jobKeyOf(job),
    });
    closeRequest(tx, requestId, at, 'closed');
    return { closedAt: isoUtc(requestOf(tx, requestId).closedAt ?? at) };
  });
};
