// 移交纪委 Handing a stalled request to the discipline commission (区纪委监委).
//
//   POST /api/requests/:id/discipline-referral   a supervisor hands it over: only while it is open, overdue and has had a supervision order
//   GET  /api/discipline-referrals               the referrals, for the supervisors and the discipline commission
//
// The conditions and what a referral records: store/discipline-referrals.ts. The commission reads
// the request's case file at the address its notice gives.
import { Type } from 'typebox';
import { requestStatuses } from '../../domain/index.js';
import { DISCIPLINE_COMMISSION_GROUP, referralLine, referralLines, ReferralRefused, referToDiscipline, type ReferralBlocker, type ReferralLine } from '../../store/discipline-referrals.js';
import { canSeeRequest } from '../../store/visibility.js';
import { requireStaff } from '../auth/access.js';
import { hasAnyRole, type Staff } from '../auth/staff.js';
import { ApiProblem, badRequest, forbidden, notFound, t } from '../problems.js';
import type { RouteOptions } from '../route-options.js';
import { beijing, DateTime, problems } from '../schemas.js';
import type { Api } from '../types.js';

const caseFileUrl = (requestId: string) => `/api/requests/${requestId}/case-file`;

type Unmet = Exclude<ReferralBlocker, 'no_request'>;
const BLOCKER_TEXT: Readonly<Record<Unmet, { zh: string; en: string }>> = {
  finished: { zh: '诉求已办结(销号、归档、无效或并单),无需移交', en: 'the request is finished (closed, archived, invalid or merged)' },
  not_overdue: { zh: '诉求尚未超期', en: 'the request is not overdue' },
  not_urged: { zh: '诉求尚未下发督办单', en: 'no supervision order (督办单) has been sent for the request' },
  already_referred: { zh: '诉求已移交纪委', en: 'the request has been handed to the discipline commission already' },
};

const Referral = Type.Object(
  {
    id: Type.Integer(),
    request: Type.Object({ id: Type.String(), text: Type.String({ description: 'the beginning of the text' }), status: Type.Object({ code: Type.String(), label: Type.String() }) }, { additionalProperties: false }),
    unit: Type.Object({ id: Type.String(), name: Type.String() }, { additionalProperties: false, description: 'the unit responsible when it was handed over' }),
    reason: Type.String(),
    referredBy: Type.Object({ staffId: Type.String(), name: Type.String() }, { additionalProperties: false }),
    at: DateTime,
    caseFileUrl: Type.String({ description: 'where the record is read' }),
  },
  { additionalProperties: false },
);

const excerpt = (text: string) => ([...text].length > 200 ? `${[...text].slice(0, 200).join('')}…` : text);

/** The supervisors and the discipline commission's staff. */
const readsReferrals = (staff: Staff) => hasAnyRole(staff, ['supervisor']) || staff.unitGroup === DISCIPLINE_COMMISSION_GROUP;

export default async function disciplineRoutes(app: Api, _options: RouteOptions): Promise<void> {
  app.post(
    '/api/requests/:id/discipline-referral',
    {
      config: { access: { staff: ['supervisor'] } },
      schema: {
        tags: ['supervision'],
        summary: '移交纪委 Hand a stalled request to the discipline commission',
        description:
          'Only while the request is still open (not closed, archived, invalid or merged), overdue, and has had at least one supervision order (督办单); once per request. ' +
          '409 names every condition that fails (`conditions`: finished, not_overdue, not_urged, already_referred). Records the referral, a step `referred_to_discipline` in the case file, ' +
          'and a notice to 区纪委监委 naming the request and its case file.',
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }) }),
        body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 2000, description: '移交理由' }) }, { additionalProperties: false }),
        response: { 201: Referral, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const staff = requireStaff(request);
      const { id } = request.params;
      request.audit.target = id;
      if (!canSeeRequest(app.store.db, staff.scope, id)) throw notFound(t(`没有诉求 ${id}`, `no request ${id}`));
      let row;
      try {
        row = referToDiscipline(app.store.db, { requestId: id, reason: request.body.reason, referredByStaffId: staff.staffId, at: app.now(), caseFileUrl: caseFileUrl(id) });
      } catch (error) {
        if (!(error instanceof ReferralRefused)) throw error;
        if (error.blockers.includes('no_request')) throw notFound(t(`没有诉求 ${id}`, `no request ${id}`));
        const reasons = error.blockers.filter((b): b is Unmet => b !== 'no_request');
        const zh = reasons.map((b) => BLOCKER_TEXT[b].zh).join(';');
        const en = reasons.map((b) => BLOCKER_TEXT[b].en).join('; ');
        throw new ApiProblem('conflict', t(`不能移交纪委:${zh}`, `cannot hand it to the discipline commission: ${en}`), [], { conditions: reasons });
      }
      request.audit.detail = { referralId: row.id, unitId: row.unitId };
      return reply.code(201).send(referralView(referralLine(app.store.db, row.id)!));
    },
  );

  app.get(
    '/api/discipline-referrals',
    {
      config: { access: { staff: 'any' } },
      schema: {
        tags: ['supervision'],
        summary: '移交纪委记录 Requests handed to the discipline commission',
        description: 'The latest first; for supervisors and the staff of 区纪委监委 (anyone else: 403). Filters: `unit` (responsible when handed over), `from`/`to` (when).',
        querystring: Type.Object(
          {
            unit: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
            from: Type.Optional({ ...DateTime, description: 'handed over at or after' }),
            to: Type.Optional({ ...DateTime, description: 'handed over before' }),
            limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
            offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ items: Type.Array(Referral), total: Type.Integer(), limit: Type.Integer(), offset: Type.Integer() }, { additionalProperties: false }),
          ...problems(400, 401, 403),
        },
      },
    },
    async (request) => {
      const staff = requireStaff(request);
      if (!readsReferrals(staff)) throw forbidden(t('仅督导组和区纪委监委可查看', 'for the supervisors and the discipline commission only'));
      const q = request.query;
      const from = q.from === undefined ? undefined : new Date(q.from);
      const to = q.to === undefined ? undefined : new Date(q.to);
      if (from !== undefined && to !== undefined && from > to) throw badRequest(t('起始时间晚于结束时间', '`from` is after `to`'), 'from');
      const { items, total } = referralLines(app.store.db, { units: q.unit === undefined ? undefined : [q.unit], from, to }, { limit: q.limit, offset: q.offset });
      return { items: items.map(referralView), total, limit: q.limit, offset: q.offset };
    },
  );
}

function referralView(r: ReferralLine) {
  return {
    id: r.id,
    request: { id: r.requestId, text: excerpt(r.requestText), status: { code: r.requestStatus, label: requestStatuses.label(r.requestStatus) } },
    unit: { id: r.unitId, name: r.unitName },
    reason: r.reason,
    referredBy: { staffId: r.referredByStaffId, name: r.referredByName },
    at: beijing(r.at),
    caseFileUrl: caseFileUrl(r.requestId),
  };
}
