// suqiu.ledger.close (销号): closes the request and its ledger entry, with the four signatures
// (citizen, handler, leader in charge, main leader). The diagram only comes here when all four are
// true; a job without them is a modelling or data error and raises an incident.
//
// The four signatures are recorded (store `sign_offs`, one row per role and handling round) as the
// process knows them: from the four `*Signed` flags, named by role and unit, since the process does
// not know the person. The workbench API, which does, may record a signature with the signer's name
// when the task is completed; the first signature of a role in a round stands, so that one is kept.
import { signOffRoles, type SignOffRole } from '../../domain/index.js';
import { appendCaseEvent } from '../../store/case-file.js';
import { getOrgUnit } from '../../store/org-units.js';
import { closeRequest } from '../../store/requests.js';
import { currentRound, recordSignOff, signOffCheck } from '../../store/sign-offs.js';
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
    const request = requestOf(tx, requestId);
    const round = currentRound(tx, requestId);
    const unit = request.responsibleUnitId === null ? undefined : getOrgUnit(tx, request.responsibleUnitId);
    for (const role of signOffRoles.codes) {
      const signerName = role === 'citizen' || unit === undefined ? signOffRoles.label(role) : `${unit.name}${signOffRoles.label(role)}`;
      recordSignOff(tx, { requestId, role, round, signerName, at });
    }
    if (!signOffCheck(tx, requestId, round).complete) throw new IncidentError(`request ${requestId}: the sign-off of round ${round} is not complete`);
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
