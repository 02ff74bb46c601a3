// 工作台消息 The workbench inbox: GET /api/notifications lists the internal notices (warnings, missed
// deadlines, follow-ups to make, ...) addressed to the caller's unit or to the caller, newest first,
// each with its request and its delivery state (sent once the deliverer has sent the e-mail
// copies, if any). Nobody sees another unit's or person's notices: the query is by the caller's
// own unit and staff id.
//
// There is no read mark: the notifications table has no column for it, and a notice to a unit is
// read by each of its members separately (a per-person mark needs a table of its own).
import { Type } from 'typebox';
import { inboxOf } from '../../store/notifications.js';
import { requireStaff } from '../auth/access.js';
import type { RouteOptions } from '../route-options.js';
import { beijing, DateTime, Nullable, problems } from '../schemas.js';
import type { Api } from '../types.js';

const Notice = Type.Object(
  {
    id: Type.Integer(),
    recipient: Type.Object({
      kind: Type.Union([Type.Literal('unit'), Type.Literal('staff')], { description: 'addressed to the unit, or to this person' }),
      id: Type.String(),
    }),
    text: Type.String(),
    requestId: Nullable(Type.String()),
    createdAt: DateTime,
    status: Type.Union([Type.Literal('pending'), Type.Literal('sent'), Type.Literal('failed')], { description: 'delivery state: the e-mail copies, if any' }),
    deliveredVia: Nullable(Type.String({ description: "'inbox', or 'inbox+smtp' when e-mail copies were sent" })),
    sentAt: Nullable(DateTime),
  },
  { additionalProperties: false },
);

const Inbox = Type.Object(
  {
    items: Type.Array(Notice),
    total: Type.Integer(),
    limit: Type.Integer(),
    offset: Type.Integer(),
  },
  { additionalProperties: false },
);

export default async function notificationsRoutes(app: Api, _options: RouteOptions): Promise<void> {
  app.get(
    '/api/notifications',
    {
      config: { access: { staff: 'any' } },
      schema: {
        tags: ['notifications'],
        summary: '工作台消息 My inbox',
        description: "The internal notices addressed to the caller's unit or to the caller, newest first.",
        querystring: Type.Object(
          {
            limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
            offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Inbox, ...problems(400, 401) },
      },
    },
    async (request) => {
      const me = requireStaff(request);
      const { limit, offset } = request.query;
      const { items, total } = inboxOf(app.store.db, { staffId: me.staffId, unitId: me.unitId }, { limit, offset });
      return {
        items: items.map((n) => ({ ...n, createdAt: beijing(n.createdAt), sentAt: beijing(n.sentAt) })),
        total,
        limit,
        offset,
      };
    },
  );
}
