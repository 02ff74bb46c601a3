// 受阻: staff mark a request blocked (funding, land, policy, other) with the internal reason, or
// clear the mark. The public board shows the kind (资金受限 ...), never the reason; the supervision
// group is told either way (store `setBlocked`).
import { Type } from 'typebox';
import { isFinished } from '../../domain/index.js';
import { getRequest, setBlocked } from '../../store/requests.js';
import type { BlockedKind } from '../../store/schema.js';
import { canSeeRequest } from '../../store/visibility.js';
import { requireStaff } from '../auth/access.js';
import type { Staff } from '../auth/staff.js';
import { blockedKinds } from '../board/blocked-kinds.js';
import { conflict, forbidden, invalidField, notFound, t } from '../problems.js';
import { problems } from '../schemas.js';
import type { Api } from '../types.js';

const Id = Type.String({ minLength: 1, maxLength: 64 });
/** The responsible unit's handler and leaders, or staff of a district unit (the supervision group, the special team) with one of these roles. */
const ROLES = ['handler', 'leader_in_charge', 'main_leader', 'supervisor'] as const;

const BlockedAnswer = Type.Object({
  requestId: Type.String(),
  blocked: Type.Boolean(),
  kind: Type.Union([Type.Object({ code: Type.String(), label: Type.String() }), Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()]),
  changed: Type.Boolean({ description: 'false when the request already carried this mark' }),
});

/** The request the caller may mark: 404 when they may not see it, 409 when it is finished or not yet assigned, 403 for another unit's. */
function markable(app: Api, staff: Staff, id: string) {
  const request = canSeeRequest(app.store.db, staff.scope, id) ? getRequest(app.store.db, id) : undefined;
  if (request === undefined) throw notFound(t(`没有诉求 ${id}`, `no request ${id}`));
  if (isFinished(request.status)) throw conflict(t('诉求已办结,不能再标记受阻', 'the request is finished'));
  if (request.responsibleUnitId === null) throw conflict(t('诉求尚未交办,没有责任单位', 'the request has no responsible unit yet'));
  if (staff.scope.kind !== 'district' && staff.unitId !== request.responsibleUnitId) {
    throw forbidden(t('只有责任单位或区级单位可以标记受阻', 'only the responsible unit or a district unit may mark it'));
  }
  return request;
}

export default async function blockedRoutes(app: Api): Promise<void> {
  app.put(
    '/api/requests/:id/blocked',
    {
      config: { access: { staff: ROLES } },
      schema: {
        tags: ['requests'],
        summary: '标记受阻 Mark a request blocked',
        description:
          'What keeps the request from being solved: funding 资金, land 用地, policy 政策 or other, with the reason (internal: staff only). ' +
          'By the responsible unit\'s handler or leaders, or district staff. The public board shows the kind only; the supervision group is told, ' +
          'and the case file records it. The same mark again changes nothing (`changed: false`). 404 for a request outside the caller\'s area, ' +
          '403 for another unit\'s, 409 for a finished or unassigned one.',
        params: Type.Object({ id: Id }),
        body: Type.Object(
          {
            kind: Type.Union(blockedKinds.codes.map((c) => Type.Literal(c))),
            reason: Type.String({ minLength: 1, maxLength: 500, description: 'e.g. 需区财政安排资金约 30 万元' }),
          },
          { additionalProperties: false },
        ),
        response: { 200: BlockedAnswer, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const staff = requireStaff(request);
      const { id } = request.params;
      request.audit.target = id;
      markable(app, staff, id);
      const kind = request.body.kind as BlockedKind;
      const reason = request.body.reason.trim();
      if (reason === '') throw invalidField('reason', t('须写明受阻原因', 'say what blocks it'));
      const changed = setBlocked(app.store.db, id, { kind, reason }, { actor: staff.staffId, at: app.now() });
      request.audit.detail = { kind, changed };
      return { requestId: id, blocked: true, kind: { code: kind, label: blockedKinds.label(kind) }, reason, changed };
    },
  );

  app.delete(
    '/api/requests/:id/blocked',
    {
      config: { access: { staff: ROLES } },
      schema: {
        tags: ['requests'],
        summary: '解除受阻 Clear the blocked mark',
        description: 'By the same people who may mark it; the supervision group is told. Clearing a request that is not blocked changes nothing (`changed: false`).',
        params: Type.Object({ id: Id }),
        response: { 200: BlockedAnswer, ...problems(401, 403, 404, 409) },
      },
    },
    async (request) => {
      const staff = requireStaff(request);
      const { id } = request.params;
      request.audit.target = id;
      markable(app, staff, id);
      const changed = setBlocked(app.store.db, id, null, { actor: staff.staffId, at: app.now() });
      request.audit.detail = { changed };
      return { requestId: id, blocked: false, kind: null, reason: null, changed };
    },
  );
}
