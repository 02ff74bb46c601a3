// suqiu.return.redispatch (改派): the special team upheld a return and named the unit that takes the
// request (`redispatchTo`, a candidate-group name). The decision is recorded on the return, the
// ledger entry moves to that unit (the old one closed as 'redispatched', one opened at the new
// unit's level, a movement row, the request's unit and level), the request gets a fresh deadline
// from now (the diagram computes the process's own deadlines again), and both units are told.
// A `redispatchTo` that names no unit that handles requests, or the returning unit itself, is an
// incident: the special team must correct it, nothing moves.
import { deadlineFrom } from '../../domain/index.js';
import type { Conn } from '../../store/db.js';
import { redispatchLedger } from '../../store/ledger.js';
import { unitOfCandidateGroup, type OrgUnit } from '../../store/org-units.js';
import { setDeadline } from '../../store/requests.js';
import { decideReturn, getReturn, RETURN_REASON_LABELS, type ReturnReason } from '../../store/returns.js';
import { IncidentError, jobKeyOf, onceForJob, type Handler } from '../shared/job.js';
import { requestOf } from '../shared/records.js';
import { returnIdOf } from '../shared/return-id.js';
import { groupOfUnit, unitOfGroup } from '../shared/units.js';
import { optionalText, text } from '../shared/vars.js';

/** kinds of unit that take requests to handle (not the district itself, nor its bodies) */
const HANDLING_KINDS: readonly OrgUnit['kind'][] = ['village', 'community', 'township', 'street', 'department', 'special_team'];

function targetOf(conn: Conn, group: string): OrgUnit {
  const unit = unitOfCandidateGroup(conn, group);
  if (unit === undefined || !HANDLING_KINDS.includes(unit.kind)) {
    throw new IncidentError(`suqiu.return.redispatch: redispatchTo "${group}" names no unit that handles requests`);
  }
  return unit;
}

export const redispatchHandler: Handler = async (job, deps) => {
  const requestId = text(job, 'requestId');
  const returnId = returnIdOf(job);
  const redispatchTo = text(job, 'redispatchTo');
  const responsibleUnit = text(job, 'responsibleUnit');
  const note = optionalText(job, 'decisionNote');
  return onceForJob(deps, job, requestId, (tx) => {
    const at = deps.clock();
    const request = requestOf(tx, requestId);
    const from = unitOfGroup(tx, responsibleUnit);
    const target = targetOf(tx, redispatchTo);
    if (target.id === from.id || target.id === request.responsibleUnitId) {
      throw new IncidentError(`suqiu.return.redispatch: redispatchTo "${redispatchTo}" is the unit that returned request ${requestId}`);
    }
    const returned = getReturn(tx, returnId);
    if (returned === undefined || returned.requestId !== requestId) throw new IncidentError(`suqiu.return.redispatch: no return ${returnId} of request ${requestId}`);
    decideReturn(tx, returnId, { decision: 'redispatched', toUnitId: target.id, note, at });
    const moved = redispatchLedger(tx, requestId, {
      idempotencyKey: `${jobKeyOf(job)}#ledger`,
      toUnitId: target.id,
      reason: `退单改派(${RETURN_REASON_LABELS[returned.reason as ReturnReason] ?? returned.reason})`,
      at,
    });
    if (request.timeLimitDays !== null) setDeadline(tx, requestId, request.timeLimitDays, deadlineFrom(at, request.timeLimitDays));
    const because = note === undefined ? '' : `:${note}`;
    deps.notifier.notify(tx, { channel: 'internal', recipient: target.id, requestId, key: `${jobKeyOf(job)}:to`, text: `区专班将诉求 ${requestId} 改派至${target.name}${because},请受理办理` }, at);
    deps.notifier.notify(tx, { channel: 'internal', recipient: from.id, requestId, key: `${jobKeyOf(job)}:from`, text: `${from.name}退回的诉求 ${requestId} 已改派至${target.name}` }, at);
    return { responsibleUnit: groupOfUnit(target), responsibleUnitName: target.name, level: moved.to, ledgerEntryId: String(moved.entryId) };
  });
};
