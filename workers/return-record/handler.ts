// suqiu.return.record (登记退单): the responsible unit returned the request at 受理交办 with a stated
// reason (属地不符, 权属不清, 职能交叉, or other with a note). The return is recorded against the unit
// (store `request_returns`, counted per unit), written into the case file, and the special team is
// asked to review it. The ledger entry stays with the unit until the special team decides.
import { levels } from '../../domain/index.js';
import { isReturnReason, recordReturn, RETURN_REASON_LABELS } from '../../store/returns.js';
import { IncidentError, jobKeyOf, onceForJob, type Handler } from '../shared/job.js';
import { requestOf } from '../shared/records.js';
import { SPECIAL_TEAM_GROUP, unitOfGroup } from '../shared/units.js';
import { oneOf, optionalText, text } from '../shared/vars.js';

export const recordReturnHandler: Handler = async (job, deps) => {
  const requestId = text(job, 'requestId');
  const responsibleUnit = text(job, 'responsibleUnit');
  const level = oneOf(job, 'level', levels.is);
  const reason = oneOf(job, 'returnReason', isReturnReason);
  const note = optionalText(job, 'returnNote');
  // the form says so too; a return "for another reason" that does not say which cannot be reviewed
  if (reason === 'other' && note === undefined) throw new IncidentError(`${job.type}: a return for another reason (other) needs returnNote`);
  return onceForJob(deps, job, requestId, (tx) => {
    const at = deps.clock();
    requestOf(tx, requestId);
    const unit = unitOfGroup(tx, responsibleUnit);
    const team = unitOfGroup(tx, SPECIAL_TEAM_GROUP);
    const row = recordReturn(tx, { requestId, unitId: unit.id, level, reason, note, at, idempotencyKey: jobKeyOf(job) });
    deps.notifier.notify(
      tx,
      {
        channel: 'internal',
        recipient: team.id,
        requestId,
        key: jobKeyOf(job),
        text: `${unit.name}退回诉求 ${requestId}(${RETURN_REASON_LABELS[reason]}${note === undefined ? '' : `:${note}`}),请审核:改派其他单位或驳回退单`,
      },
      at,
    );
    return { returnId: String(row.id) };
  });
};
