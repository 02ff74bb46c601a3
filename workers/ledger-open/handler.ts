// suqiu.ledger.open (建账): records the special team's assessment and the assignment on the
// request (list type, domain, difficulty, level, unit, time limit and deadline) and opens the
// ledger entry of the responsible unit at that level.
import { deadlineFrom, difficulties, domainAreas, levels, listTypes } from '../../domain/index.js';
import { appendCaseEvent } from '../../store/case-file.js';
import { openLedgerEntry } from '../../store/ledger.js';
import { assessRequest } from '../../store/requests.js';
import { jobKeyOf, onceForJob, type Handler } from '../shared/job.js';
import { requestOf } from '../shared/records.js';
import { unitOfGroup } from '../shared/units.js';
import { oneOf, text, wholeNumber } from '../shared/vars.js';

export const openLedger: Handler = async (job, deps) => {
  const requestId = text(job, 'requestId');
  const level = oneOf(job, 'level', levels.is);
  const responsibleUnit = text(job, 'responsibleUnit');
  const listType = oneOf(job, 'listType', listTypes.is);
  const domain = oneOf(job, 'domain', domainAreas.is);
  const difficulty = oneOf(job, 'difficulty', difficulties.is);
  const timeLimitDays = wholeNumber(job, 'timeLimitDays');
  return onceForJob(deps, job, requestId, (tx) => {
    const at = deps.clock();
    requestOf(tx, requestId);
    const unit = unitOfGroup(tx, responsibleUnit);
    assessRequest(tx, requestId, {
      listType,
      domain,
      difficulty,
      level,
      responsibleUnitId: unit.id,
      timeLimitDays,
      deadline: deadlineFrom(at, timeLimitDays),
    });
    appendCaseEvent(tx, {
      requestId,
      kind: 'assessed',
      actor: 'system',
      at,
      detail: { listType, domain, difficulty, level, unitId: unit.id, timeLimitDays },
      idempotencyKey: jobKeyOf(job),
    });
    const { entry } = openLedgerEntry(tx, requestId, level, unit.id, at);
    return { ledgerEntryId: String(entry.id) };
  });
};
