// 审计: GET /api/audit, for administrators only. Every write through the API leaves a row (the
// audit plugin), and so does every reading of a case file; this searches them, newest first, with
// times in Beijing time.
import { inArray } from 'drizzle-orm';
import { Type } from 'typebox';
import { searchAudit } from '../../store/audit.js';
import { staff } from '../../store/schema.js';
import { badRequest, t } from '../problems.js';
import type { RouteOptions } from '../route-options.js';
import { beijing, DateTime, Nullable, problems } from '../schemas.js';
import type { Api } from '../types.js';

export const MAX_AUDIT_PAGE = 500;

const AuditRow = Type.Object({
  id: Type.Integer(),
  at: DateTime,
  actor: Type.String({ description: "a staff id, 'citizen', 'public', 'login:<username>', 'open311:<key>'" }),
  actorName: Nullable(Type.String()),
  actorUnitId: Nullable(Type.String()),
  action: Type.String({ description: 'method and route, e.g. POST /api/requests/:id/attachments' }),
  target: Nullable(Type.String()),
  statusCode: Type.Integer(),
  ip: Nullable(Type.String()),
  userAgent: Nullable(Type.String()),
  detail: Nullable(Type.Object({}, { additionalProperties: true })),
});

export default async function auditRoutes(app: Api, _options: RouteOptions): Promise<void> {
  app.get(
    '/api/audit',
    {
      config: { access: { staff: ['admin'] } },
      schema: {
        tags: ['audit'],
        summary: '审计查询 Search the audit trail',
        description: '`action` matches a prefix (e.g. `POST /api/requests`); `from` is inclusive, `to` exclusive. Newest first.',
        querystring: Type.Object(
          {
            actor: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
            action: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
            target: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
            from: Type.Optional(DateTime),
            to: Type.Optional(DateTime),
            limit: Type.Integer({ minimum: 1, maximum: MAX_AUDIT_PAGE, default: 100 }),
            offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ items: Type.Array(AuditRow), limit: Type.Integer(), offset: Type.Integer() }),
          ...problems(400, 401, 403),
        },
      },
    },
    async (request) => {
      const q = request.query;
      const from = q.from === undefined ? undefined : new Date(q.from);
      const to = q.to === undefined ? undefined : new Date(q.to);
      if (from !== undefined && to !== undefined && from > to) throw badRequest(t('起始时间晚于结束时间', '`from` is after `to`'), 'from');
      const rows = searchAudit(app.store.db, { actor: q.actor, action: q.action, target: q.target, from, to, limit: q.limit, offset: q.offset });
      const ids = [...new Set(rows.map((r) => r.actor))];
      const names = new Map(
        ids.length === 0 ? [] : app.store.db.select({ id: staff.id, name: staff.name }).from(staff).where(inArray(staff.id, ids)).all().map((s) => [s.id, s.name] as const),
      );
      return {
        items: rows.map((r) => ({
          id: r.id,
          at: beijing(r.at),
          actor: r.actor,
          actorName: names.get(r.actor) ?? null,
          actorUnitId: r.actorUnitId,
          action: r.action,
          target: r.target,
          statusCode: r.statusCode,
          ip: r.ip,
          userAgent: r.userAgent,
          detail: r.detail ?? null,
        })),
        limit: q.limit,
        offset: q.offset,
      };
    },
  );
}
