// The public board (公开榜) at /api/public/board: every request's progress without the citizen, and
// per-unit closure and satisfaction figures. No login, rate-limited like the other public routes.
import { Type } from 'typebox';
import { domainAreas, levels, listTypes, type DomainArea, type Level, type ListType } from '../../domain/index.js';
import { boardPage, BOARD_MAX_LIMIT, type BoardStatus } from '../../store/board.js';
import { invalidField, t } from '../problems.js';
import type { RouteOptions } from '../route-options.js';
import { problems } from '../schemas.js';
import type { Api } from '../types.js';
import { boardLineView, BoardLineSchema } from './lines.js';
import { UnitFiguresAnswer, unitFiguresRoute } from './units.js';

const literals = <C extends string>(codes: readonly C[]) => Type.Union(codes.map((c) => Type.Literal(c)));
const Id = Type.String({ minLength: 1, maxLength: 64 });
const BOARD_STATUSES = ['open', 'closed', 'overdue', 'blocked'] as const satisfies readonly BoardStatus[];

export default async function boardRoutes(app: Api, options: RouteOptions): Promise<void> {
  const rateLimit = options.publicRateLimit;

  app.get(
    '/api/public/board',
    {
      config: { access: 'public', rateLimit },
      schema: {
        tags: ['public'],
        summary: '公开榜 The public board',
        description:
          'Every request\'s progress, newest first: number, status, level, list type and domain, the responsible unit, the place, dates, overdue, and ' +
          'whether it is blocked and by what (资金受限 ...; never the internal reason). Never the citizen: the text has phone and ID numbers masked and ' +
          'the citizen\'s own name, phone, ID number and address blanked (***). Invalid and merged requests are left out. ' +
          '`status`: open (not finished), closed (已销号/已归档), overdue (open and past its deadline), blocked (open and blocked). ' +
          '`q`: a request number (or its beginning, e.g. SQ20250303) or words of the text as the board shows it. ' +
          '`total` comes with the last page only; `more` says whether another page follows. Current as requests move (no cache).',
        querystring: Type.Object(
          {
            townshipId: Type.Optional(Id),
            villageId: Type.Optional(Id),
            unitId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'the responsible unit' })),
            level: Type.Optional(literals(levels.codes)),
            domain: Type.Optional(literals(domainAreas.codes)),
            listType: Type.Optional(literals(listTypes.codes)),
            status: Type.Optional(literals(BOARD_STATUSES)),
            q: Type.Optional(Type.String({ maxLength: 100 })),
            limit: Type.Integer({ minimum: 1, maximum: BOARD_MAX_LIMIT, default: 20 }),
            offset: Type.Integer({ minimum: 0, maximum: 10_000, default: 0 }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ items: Type.Array(BoardLineSchema), more: Type.Boolean(), total: Type.Optional(Type.Integer()) }),
          ...problems(400, 429),
        },
      },
    },
    async (request) => {
      const q = request.query;
      // the schema's coercion lets a huge number such as 1e309 through as Infinity
      for (const name of ['limit', 'offset'] as const) {
        if (!Number.isSafeInteger(q[name])) throw invalidField(`querystring.${name}`, t('须为整数', 'must be a whole number'));
      }
      const page = boardPage(app.store.db, {
        townshipId: q.townshipId,
        villageId: q.villageId,
        unitId: q.unitId,
        level: q.level as Level | undefined,
        domain: q.domain as DomainArea | undefined,
        listType: q.listType as ListType | undefined,
        status: q.status as BoardStatus | undefined,
        q: q.q,
        limit: q.limit,
        offset: q.offset,
      });
      return { items: page.items.map(boardLineView), more: page.more, ...(page.total === undefined ? {} : { total: page.total }) };
    },
  );

  app.get(
    '/api/public/board/units',
    {
      config: { access: 'public', rateLimit },
      schema: {
        tags: ['public'],
        summary: '各单位办结率与满意率 Closure and satisfaction per unit',
        description:
          'Per unit: requests assigned (created in the period, the unit responsible now; invalid ones left out), closed, overdue, open, the closure rate ' +
          '(closed / assigned) and the satisfaction rate (满意 and 基本满意 / follow-ups answered), the rankings\' own definitions. Grouped like with like: ' +
          'villages and communities, townships and streets, departments and the special team. This year (Beijing time) by default, a `year`, or `from`/`to` ' +
          '(dates, both inclusive). A rate is null when nothing counts towards it. Computed at most every few seconds per query (`computedAt`).',
        querystring: Type.Object(
          {
            group: Type.Optional(literals(['village', 'township', 'department'] as const)),
            year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
            from: Type.Optional(Type.String({ format: 'date', maxLength: 10, description: 'YYYY-MM-DD, Beijing time, inclusive' })),
            to: Type.Optional(Type.String({ format: 'date', maxLength: 10, description: 'YYYY-MM-DD, Beijing time, inclusive' })),
          },
          { additionalProperties: false },
        ),
        response: { 200: UnitFiguresAnswer, ...problems(400, 429) },
      },
    },
    unitFiguresRoute(app),
  );
}
