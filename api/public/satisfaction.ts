// The citizen's answer to the follow-up, as the message `satisfaction-answered` (correlation key:
// the request id, a message id per handling round, buffered for a day so an answer that arrives
// before the process waits for it is not lost). The rule that 基本满意 counts as satisfied lives in
// the diagram (the catch event's output mapping); the worker records all three answers.
import { ApiProblem, conflict, t } from '../problems.js';
import type { Api } from '../types.js';

export const ANSWER_MESSAGE = 'satisfaction-answered';
export const ANSWER_TTL_MS = 24 * 3_600_000;
/** How long the citizen waits for the engine before being asked to try again (503). */
const PUBLISH_WAIT_MS = 3_000;
const GRPC_ALREADY_EXISTS = 6;

export interface Answer {
  requestId: string;
  round: number;
  satisfaction: 'satisfied' | 'basically_satisfied' | 'unsatisfied';
  feedback?: string;
}

export async function publishAnswer(app: Api, a: Answer): Promise<void> {
  const publish = app.engine.zeebe.publishMessage({
    name: ANSWER_MESSAGE,
    correlationKey: a.requestId,
    messageId: `${ANSWER_MESSAGE}:${a.requestId}:${a.round}`,
    timeToLive: ANSWER_TTL_MS,
    // feedback goes along even when empty, so a comment of an earlier round is not taken for this one's
    // (null is JSON; the SDK's variable type just leaves it out)
    variables: { satisfaction: a.satisfaction, feedback: a.feedback ?? null } as Record<string, string>,
  });
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), PUBLISH_WAIT_MS);
  });
  try {
    const outcome = await Promise.race([publish, late]);
    if (outcome === 'late' || outcome === null || outcome === undefined) throw new ApiProblem('engine-unavailable');
  } catch (error) {
    const e = error as { code?: unknown; message?: unknown };
    if (e?.code === GRPC_ALREADY_EXISTS || (typeof e?.message === 'string' && e.message.startsWith('6 ALREADY_EXISTS'))) {
      throw conflict(t('本轮回访已收到您的评价', 'this follow-up has been answered already'));
    }
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
