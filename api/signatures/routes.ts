// The citizen's signature on the closure (诉求人签字), given by the citizen themselves:
// - online, with the request's lookup code: POST /api/public/requests/{id}/signature;
// - in person, with a one-time code sent to the phone on file: the unit asks for it
//   (POST /api/requests/{id}/citizen-signature/code), the citizen reads it out and the member of
//   staff types it in (POST /api/requests/{id}/citizen-signature).
// Either way the signature is recorded with how it was given, then the signing task is completed.
import { randomInt } from 'node:crypto';
import { Type } from 'typebox';
import { maskIdentity } from '../../domain/index.js';
import { checkLookupCode } from '../../store/lookup-codes.js';
import { enqueueNotification } from '../../store/notifications.js';
import { getCitizen, getRequest, type RequestRow } from '../../store/requests.js';
import { issueSigningCode, recentSigningCodes, SIGNING_CODES_PER_WINDOW, useSigningCode } from '../../store/signing-codes.js';
import { canSeeRequest } from '../../store/visibility.js';
import { requireStaff } from '../auth/access.js';
import type { Staff } from '../auth/staff.js';
import { userTasksOf, type UserTask } from '../engine/user-tasks.js';
import { ApiProblem, conflict, forbidden, notFound, t } from '../problems.js';
import type { RouteOptions } from '../route-options.js';
import { beijing, problems } from '../schemas.js';
import { mayWork } from '../tasks/authorise.js';
import type { Api } from '../types.js';
import { openCitizenSigning, sign } from './sign.js';

const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
const Decision = {
  signed: Type.Boolean({ description: 'true: the citizen signs the closure; false: the citizen refuses (the request goes back to handling)' }),
  note: Type.Optional(Type.String({ maxLength: 2000 })),
};

export default async function signaturesRoutes(app: Api, options: RouteOptions): Promise<void> {
  const tasks = userTasksOf(app);

  /** The request and its open citizen-signing task, for a member of staff of the unit collecting it. */
  async function signingForStaff(staff: Staff, id: string): Promise<{ row: RequestRow; task: UserTask }> {
    const row = getRequest(app.store.db, id);
    if (row === undefined || !canSeeRequest(app.store.db, staff.scope, id)) throw notFound(t('没有这件诉求', 'no such request'));
    const task = await openCitizenSigning(tasks, row.processInstanceKey);
    if (task === undefined) throw conflict(t('这件诉求现在不需要诉求人签字', 'the request is not waiting for the citizen\'s signature'));
    const check = mayWork(staff, task);
    if (!check.ok) throw forbidden(check.reason);
    return { row, task };
  }

  app.post(
    '/api/requests/:id/citizen-signature/code',
    {
      config: { access: { staff: ['handler', 'collector', 'clerk'] } },
      schema: {
        tags: ['tasks'],
        summary: '发送现场签字验证码 Send the citizen a one-time signing code',
        description: `A six-digit code, good for 10 minutes and one signature, sent by SMS to the phone on file (at most ${SIGNING_CODES_PER_WINDOW} in 10 minutes).`,
        params: IdParams,
        response: { 202: Type.Object({ sentTo: Type.String(), expiresAt: Type.String() }), ...problems(401, 403, 404, 409, 429) },
      },
    },
    async (request, reply) => {
      const staff = requireStaff(request);
      const { row } = await signingForStaff(staff, request.params.id);
      request.audit.target = row.id;
      const phone = getCitizen(app.store.db, row.id)?.phone;
      if (phone === null || phone === undefined) throw conflict(t('没有诉求人的手机号码:请诉求人用查询码在线签字', 'no phone number on file: the citizen signs online with the lookup code'));
      const now = app.now();
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      const sent = app.store.db.transaction((tx) => {
        if (recentSigningCodes(tx, row.id, now) >= SIGNING_CODES_PER_WINDOW) return undefined;
        const issued = issueSigningCode(tx, row.id, code, staff.staffId, now);
        enqueueNotification(tx, {
          channel: 'sms',
          recipient: phone,
          text: `【诉求办理】您的诉求 ${row.id} 已办结,签字确认验证码 ${code},10分钟内有效。如非本人办理请忽略。`,
          requestId: row.id,
          idempotencyKey: `signing-code:${issued.id}`,
          at: now,
        });
        return issued;
      }, { behavior: 'immediate' });
      if (sent === undefined) throw new ApiProblem('too-many-requests', t('验证码发送过于频繁,请稍后再试', 'too many codes sent: try again later'));
      return reply.code(202).send({ sentTo: maskIdentity(phone), expiresAt: beijing(sent.expiresAt) });
    },
  );

  app.post(
    '/api/requests/:id/citizen-signature',
    {
      config: { access: { staff: ['handler', 'collector', 'clerk'] } },
      schema: {
        tags: ['tasks'],
        summary: '现场签字 The citizen signs in person with the one-time code',
        params: IdParams,
        body: Type.Object({ code: Type.String({ pattern: '^[0-9]{6}$' }), ...Decision }, { additionalProperties: false }),
        response: { 204: Type.Null(), ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const staff = requireStaff(request);
      const { row, task } = await signingForStaff(staff, request.params.id);
      request.audit.target = row.id;
      const used = useSigningCode(app.store.db, row.id, request.body.code, app.now());
      if (used === 'none' || used === 'expired') throw conflict(t('验证码已失效,请重新发送', 'the code has expired or was used: send a new one'));
      if (used === 'wrong') throw new ApiProblem('wrong-code', t('验证码不正确', 'wrong code'), [{ field: 'code', message: t('验证码不正确', 'wrong code') }]);
      const name = getCitizen(app.store.db, row.id)?.name ?? '诉求人';
      await sign(app, tasks, { task, requestId: row.id, role: 'citizen', signer: { name, method: 'sms_code' }, signed: request.body.signed, note: request.body.note });
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/public/requests/:id/signature',
    {
      config: { access: 'public', rateLimit: options.publicRateLimit },
      schema: {
        tags: ['public'],
        summary: '诉求人在线签字 The citizen signs the closure online with the lookup code',
        params: IdParams,
        body: Type.Object({ lookupCode: Type.String({ minLength: 1, maxLength: 20 }), ...Decision }, { additionalProperties: false }),
        response: { 204: Type.Null(), ...problems(400, 403, 409, 423, 429) },
      },
    },
    async (request, reply) => {
      const id = request.params.id;
      request.audit.target = id;
      const check = checkLookupCode(app.store.db, id, request.body.lookupCode, app.now());
      if (!check.ok) {
        if (check.reason === 'locked') throw new ApiProblem('locked', t(`查询码错误次数过多,请于 ${beijing(check.until)} 后再试`, `too many wrong codes: try again after ${beijing(check.until)}`));
        throw new ApiProblem('wrong-code', t('诉求编号或查询码不正确', 'wrong request number or lookup code'), [{ field: 'lookupCode', message: t('查询码不正确', 'wrong lookup code') }]);
      }
      request.audit.actor = 'citizen';
      const row = getRequest(app.store.db, id)!;
      const task = await openCitizenSigning(tasks, row.processInstanceKey);
      if (task === undefined) throw conflict(t('这件诉求现在不需要您签字', 'the request is not waiting for your signature'));
      const name = getCitizen(app.store.db, id)?.name ?? '诉求人';
      await sign(app, tasks, { task, requestId: id, role: 'citizen', signer: { name, method: 'lookup_code' }, signed: request.body.signed, note: request.body.note });
      return reply.code(204).send(null);
    },
  );
}
