// The citizens' door (no account, rate-limited, no personal data in any answer): submit a request
// online, the places for the form, follow a request with its lookup code, answer the follow-up.
import { Type } from 'typebox';
import { isFinished, satisfactions } from '../../domain/index.js';
import { awaitedFollowUpRound } from '../../store/intake.js';
import { checkLookupCode } from '../../store/lookup-codes.js';
import { childrenOf, unitsOfKind } from '../../store/org-units.js';
import { ApiProblem, conflict, t } from '../problems.js';
import { IdempotencyHeaders, Taken } from '../requests/views.js';
import { idempotencyKeyOf, intakeProblems, takeIn, type NewIntake } from '../requests/intake.js';
import type { RouteOptions } from '../route-options.js';
import { beijing, problems } from '../schemas.js';
import type { Api } from '../types.js';
import { progressOf, Progress } from './progress.js';
import { publishAnswer } from './satisfaction.js';
import { openCitizenSigning } from '../signatures/sign.js';
import { userTasksOf } from '../engine/user-tasks.js';
import { getRequest } from '../../store/requests.js';

const Id = Type.String({ minLength: 1, maxLength: 64 });
const LookupCode = Type.String({ minLength: 1, maxLength: 20, description: 'the lookup code (查询码) handed over at intake' });

/** Whether `code` opens request `id`; a wrong code, and an unknown request alike, answer 403; too many wrong codes lock it (423). */
function requireCode(app: Api, id: string, code: string): void {
  const check = checkLookupCode(app.store.db, id, code, app.now());
  if (check.ok) return;
  if (check.reason === 'locked') {
    throw new ApiProblem('locked', t(`查询码错误次数过多,已锁定至 ${beijing(check.until)}`, `too many wrong codes: locked until ${beijing(check.until)}`), [], {
      lockedUntil: beijing(check.until),
    });
  }
  throw new ApiProblem('wrong-code', t('诉求编号或查询码不正确', 'wrong request number or lookup code'));
}

export default async function publicRoutes(app: Api, options: RouteOptions): Promise<void> {
  const rateLimit = options.publicRateLimit;

  app.post(
    '/api/public/requests',
    {
      config: { access: 'public', rateLimit },
      schema: {
        tags: ['public'],
        summary: '群众在线提交诉求 Submit a request online',
        description:
          'No account needed (channel qr_online, 扫码线上采). Answers the request number and the lookup code to follow it with; 201 once its process started, ' +
          '202 with the same body when the engine could not be reached (it starts when the engine is back). With an Idempotency-Key a retry gets the first answer again.',
        headers: IdempotencyHeaders,
        body: Type.Object(
          {
            text: Type.String({ minLength: 1, maxLength: 5000 }),
            townshipId: Id,
            villageId: Type.Optional(Id),
            citizen: Type.Optional(
              Type.Object({ name: Type.Optional(Type.String({ maxLength: 50 })), phone: Type.Optional(Type.String({ maxLength: 20 })) }, { additionalProperties: false }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 201: Taken, 202: Taken, ...problems(400, 422, 429) },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const intake: NewIntake = { channel: 'qr_online', text: b.text, townshipId: b.townshipId, villageId: b.villageId, citizen: b.citizen };
      const found = intakeProblems(app, intake);
      if (found.length > 0) throw new ApiProblem('validation', found[0]!.message, found);
      const answer = await takeIn(app, { route: 'POST /api/public/requests', caller: 'public', idempotencyKey: idempotencyKeyOf(request.headers), body: b, intake });
      request.audit.target = answer.body.id;
      const { id, lookupCode, status } = answer.body;
      return reply.code(answer.statusCode).send({ id, lookupCode, status });
    },
  );

  app.get(
    '/api/public/places',
    {
      config: { access: 'public', rateLimit },
      schema: {
        tags: ['public'],
        summary: '乡镇(街道)与村(社区) Places for the form',
        response: {
          200: Type.Object({
            places: Type.Array(
              Type.Object({
                id: Type.String(),
                name: Type.String(),
                kind: Type.String({ description: 'township or street' }),
                villages: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), kind: Type.String({ description: 'village or community' }) })),
              }),
            ),
          }),
        },
      },
    },
    async () => ({
      places: unitsOfKind(app.store.db, 'township', 'street').map((u) => ({
        id: u.id,
        name: u.name,
        kind: u.kind,
        villages: childrenOf(app.store.db, u.id)
          .filter((c) => c.kind === 'village' || c.kind === 'community')
          .map((c) => ({ id: c.id, name: c.name, kind: c.kind })),
      })),
    }),
  );

  const tasks = userTasksOf(app);
  /**
   * What the citizen is asked to do now, so that their page offers it: sign the closure (the
   * diagram's signing task for the citizen is open) or answer the follow-up (a round awaits it).
   * The look-up still answers when the engine does not: then no signature is offered until it is back.
   */
  async function citizenAwaits(id: string): Promise<{ signature: boolean; followUp: boolean }> {
    const followUp = awaitedFollowUpRound(app.store.db, id) !== undefined;
    const row = getRequest(app.store.db, id);
    // a finished request signs nothing more: the engine is asked only while it is open
    if (row === undefined || isFinished(row.status)) return { signature: false, followUp };
    try {
      const signing = await openCitizenSigning(tasks, row.processInstanceKey);
      return { signature: signing !== undefined, followUp };
    } catch (error) {
      app.log.warn({ err: error, requestId: id }, 'look-up: could not ask the engine whether the citizen is to sign');
      return { signature: false, followUp };
    }
  }

  app.post(
    '/api/public/requests/:id/lookup',
    {
      config: { access: 'public', rateLimit },
      schema: {
        tags: ['public'],
        summary: '凭查询码查询办理进度 Follow a request',
        description:
          'Status, level, responsible unit, deadline and the timeline (each step with its date and the unit that acted; no person is named). ' +
          'A merged request shows the progress of the one it was merged into. A wrong code (or an unknown number) answers 403; after 5 wrong codes the request is locked for 15 minutes (423).',
        params: Type.Object({ id: Id }),
        body: Type.Object({ lookupCode: LookupCode }, { additionalProperties: false }),
        response: { 200: Progress, ...problems(400, 403, 423, 429) },
      },
    },
    async (request) => {
      const { id } = request.params;
      request.audit.actor = 'citizen';
      request.audit.target = id;
      requireCode(app, id, request.body.lookupCode);
      const progress = progressOf(app.store.db, id);
      if (progress === undefined) throw new ApiProblem('wrong-code', t('诉求编号或查询码不正确', 'wrong request number or lookup code'));
      return { ...progress, awaits: await citizenAwaits(id) };
    },
  );

  app.post(
    '/api/public/requests/:id/satisfaction',
    {
      config: { access: 'public', rateLimit },
      schema: {
        tags: ['public'],
        summary: '满意度评价 Answer the follow-up',
        description:
          'satisfied 满意, basically_satisfied 基本满意 (counts as satisfied), unsatisfied 不满意 (the request is handled again). ' +
          'Accepted while the follow-up of the current round awaits the answer (the request was closed and the citizen asked); otherwise 409.',
        params: Type.Object({ id: Id }),
        body: Type.Object(
          { lookupCode: LookupCode, answer: Type.Union(['satisfied', 'basically_satisfied', 'unsatisfied'].map((a) => Type.Literal(a))), comment: Type.Optional(Type.String({ maxLength: 500 })) },
          { additionalProperties: false },
        ),
        response: { 202: Type.Object({ answer: Type.Object({ code: Type.String(), label: Type.String() }) }), ...problems(400, 403, 409, 423, 429, 503) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const { lookupCode, answer, comment } = request.body;
      request.audit.actor = 'citizen';
      request.audit.target = id;
      requireCode(app, id, lookupCode);
      const round = awaitedFollowUpRound(app.store.db, id);
      if (round === undefined) throw conflict(t('目前没有待您评价的回访', 'no follow-up awaits an answer now'));
      await publishAnswer(app, { requestId: id, round, satisfaction: answer as 'satisfied' | 'basically_satisfied' | 'unsatisfied', feedback: comment });
      request.audit.detail = { answer, round };
      const code = answer as 'satisfied' | 'basically_satisfied' | 'unsatisfied';
      return reply.code(202).send({ answer: { code, label: satisfactions.label(code) } });
    },
  );
}
