// suqiu.followup.ask (满意度回访): asks the citizen. With a phone number on file an SMS goes out;
// otherwise (the elderly, proxy entries) the responsible unit is asked to call or visit. The
// answer comes back as the message `satisfaction-answered`.
import { appendCaseEvent } from '../../store/case-file.js';
import { getCitizen } from '../../store/requests.js';
import { jobKeyOf, onceForJob, type Handler } from '../shared/job.js';
import { isoUtc, requestOf } from '../shared/records.js';
import { text } from '../shared/vars.js';

export const askSatisfaction: Handler = async (job, deps) => {
  const requestId = text(job, 'requestId');
  return onceForJob(deps, job, requestId, (tx) => {
    const at = deps.clock();
    const request = requestOf(tx, requestId);
    const phone = getCitizen(tx, requestId)?.phone ?? null;
    const key = jobKeyOf(job);
    if (phone !== null) {
      deps.notifier.notify(
        tx,
        { channel: 'sms', recipient: phone, requestId, key, text: `您反映的诉求(编号 ${requestId})已办结。请回复:1 满意,2 基本满意,3 不满意。` },
        at,
      );
    } else {
      const unitId = request.responsibleUnitId ?? request.villageId ?? request.townshipId;
      deps.notifier.notify(
        tx,
        { channel: 'internal', recipient: unitId, requestId, key, text: `请电话或上门回访诉求人(诉求 ${requestId}),并登记满意度` },
        at,
      );
    }
    appendCaseEvent(tx, { requestId, kind: 'follow_up_asked', actor: 'system', at, detail: { by: phone !== null ? 'sms' : 'staff' }, idempotencyKey: key });
    return { followUpAskedAt: isoUtc(at) };
  });
};
