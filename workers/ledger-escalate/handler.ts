// suqiu.ledger.escalate (台账上移一级): the level could not solve the request (or the citizen
// refused twice); its ledger entry moves up one level (village → township → district) to the unit
// there, and the new level gets the full time limit from now.
import { deadlineFrom } from '../../domain/index.js';
import { escalateLedger, openEntryOf } from '../../store/ledger.js';
import { setDeadline } from '../../store/requests.js';
import { IncidentError, jobKeyOf, onceForJob, type Handler } from '../shared/job.js';
import { requestOf } from '../shared/records.js';
import { groupOfUnit, requireUnit } from '../shared/units.js';
import { optionalText, text } from '../shared/vars.js';

export const escalate: Handler = async (job, deps) => {
  const requestId = text(job, 'requestId');
  const responsibleUnit = text(job, 'responsibleUnit');
  const reason = optionalText(job, 'reason');
  return onceForJob(deps, job, requestId, (tx) => {
    const at = deps.clock();
    requestOf(tx, requestId);
    const moved = escalateLedger(tx, requestId, { idempotencyKey: `${jobKeyOf(job)}#ledger`, reason, at });
    const entry = openEntryOf(tx, requestId);
    if (entry === undefined) throw new IncidentError(`request ${requestId} has no open ledger entry after escalation`);
    if (!moved.moved) {
      // the store already has it at the district: nothing higher, the entry stays where it is, with
      // the unit that holds it (a request re-dispatched to a district department while its process
      // still says village comes back with that department, not the village)
      return { level: 'district', responsibleUnit: groupOfUnit(requireUnit(tx, entry.unitId)) ?? responsibleUnit, ledgerEntryId: String(entry.id) };
    }
    const request = requestOf(tx, requestId);
    if (request.timeLimitDays !== null) setDeadline(tx, requestId, request.timeLimitDays, deadlineFrom(at, request.timeLimitDays));
    return { level: moved.to, responsibleUnit: groupOfUnit(requireUnit(tx, moved.toUnitId)), ledgerEntryId: String(entry.id) };
  });
};
