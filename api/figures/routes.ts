// Figures for the dashboard's charts at /api/figures/...: small JSON answers, one per chart, each
// over what the caller may see (a village itself, a township with its villages, a department what
// it owns, district units everything) or one unit inside that (`unitId`), for requests created in
// `from`..`to` (Beijing dates, inclusive). Codes with their Chinese labels, rates from 0 to 1.
import { Type, type TSchema } from 'typebox';
import { channels, domainAreas, levels, satisfactions } from '../../domain/index.js';
import * as figures from '../../store/dashboard-figures.js';
import { requireStaff } from '../auth/access.js';
import { periodOf } from '../board/period.js';
import type { RouteOptions } from '../route-options.js';
import { problems } from '../schemas.js';
import type { Api } from '../types.js';
import { figureScope, ScopeSchema } from './scope.js';

const ROLES = ['supervisor', 'leader_in_charge', 'main_leader', 'admin'] as const;
const Rate = Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()]);
const Counts = { total: Type.Integer(), open: Type.Integer(), closed: Type.Integer(), overdue: Type.Integer({ description: 'went past the deadline (also when closed late)' }) };
const CodedCounts = Type.Object({ code: Type.String(), label: Type.String(), ...Counts });
const UnitCounts = Type.Object({ unit: Type.Object({ id: Type.String(), name: Type.String(), kind: Type.String() }), ...Counts, closureRate: Rate, overdueRate: Rate });

const Query = Type.Object(
  {
    from: Type.Optional(Type.String({ format: 'date', maxLength: 10, description: 'created on or after (YYYY-MM-DD, Beijing time)' })),
    to: Type.Optional(Type.String({ format: 'date', maxLength: 10, description: 'created on or before (YYYY-MM-DD, Beijing time)' })),
    unitId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'one unit inside what the caller may see (a township: itself or one of its villages)' })),
  },
  { additionalProperties: false },
);

const answerOf = (extra: Record<string, TSchema>) =>
  Type.Object({ scope: ScopeSchema, period: Type.Object({ from: Type.Union([Type.String(), Type.Null()]), to: Type.Union([Type.String(), Type.Null()]) }), ...extra });

/** What a code with no request counts. */
const NO_COUNTS = { total: 0, open: 0, closed: 0, overdue: 0 } as const;

const coded = <C extends string>(v: { codes: readonly C[]; label(c: C): string }, counts: Map<string | null, figures.StatusCounts>) =>
  v.codes.map((code) => ({ code, label: v.label(code), ...(counts.get(code) ?? NO_COUNTS) }));

const unitView = (u: figures.UnitFigure) => ({
  unit: { id: u.unitId, name: u.name, kind: u.kind },
  total: u.total,
  open: u.open,
  closed: u.closed,
  overdue: u.overdue,
  closureRate: u.closureRate ?? null,
  overdueRate: u.overdueRate ?? null,
});

interface Chart {
  path: string;
  summary: string;
  description: string;
  answer: Record<string, TSchema>;
  compute(app: Api, scope: figures.FigurePeriod & { visibility: Parameters<typeof figures.byLevel>[1] }): Record<string, unknown>;
}

const CHARTS: Chart[] = [
  {
    path: '/api/figures/levels',
    summary: '各层级诉求数 Requests per level',
    description: 'Per level (village, township, district): total, open, closed, overdue; `unassessed` counts requests not yet given a level.',
    answer: { items: Type.Array(CodedCounts), unassessed: Type.Object(Counts) },
    compute: (app, s) => {
      const counts = figures.byLevel(app.store.db, s.visibility, s);
      return { items: coded(levels, counts), unassessed: counts.get(null) ?? NO_COUNTS };
    },
  },
  {
    path: '/api/figures/units',
    summary: '各单位诉求数 Requests per unit',
    description: 'Per responsible unit (the one that owns each request now), most requests first: total, open, closed, overdue, closure and overdue rates.',
    answer: { items: Type.Array(UnitCounts) },
    compute: (app, s) => ({ items: figures.byUnit(app.store.db, s.visibility, s).map(unitView) }),
  },
  {
    path: '/api/figures/overdue',
    summary: '各单位超期情况 Overdue per unit',
    description: 'The units whose requests went past their deadline, most first (`open`: of all the unit\'s requests, those still open).',
    answer: { items: Type.Array(UnitCounts) },
    compute: (app, s) => ({ items: figures.overdueByUnit(app.store.db, s.visibility, s).map(unitView) }),
  },
  {
    path: '/api/figures/closure-trend',
    summary: '办结率月度趋势 Closure rate by month',
    description: 'Per month of receipt (Beijing time), oldest first: requests received, how many of them are closed by now, and the closure rate.',
    answer: { items: Type.Array(Type.Object({ month: Type.String({ description: 'YYYY-MM' }), received: Type.Integer(), closed: Type.Integer(), closureRate: Rate })) },
    compute: (app, s) => ({ items: figures.closureTrend(app.store.db, s.visibility, s).map((m) => ({ ...m, closureRate: m.closureRate ?? null })) }),
  },
  {
    path: '/api/figures/satisfaction',
    summary: '满意度 Satisfaction',
    description: 'The follow-ups (every handling round) of the requests counted, by answer (满意, 基本满意, 不满意, 未回应), and the satisfaction rate: 满意 and 基本满意 of those answered.',
    answer: {
      items: Type.Array(Type.Object({ code: Type.String(), label: Type.String(), count: Type.Integer() })),
      answered: Type.Integer(),
      satisfied: Type.Integer({ description: '满意 and 基本满意' }),
      satisfactionRate: Rate,
    },
    compute: (app, s) => {
      const f = figures.satisfaction(app.store.db, s.visibility, s);
      return {
        items: satisfactions.codes.map((code) => ({ code, label: satisfactions.label(code), count: f.outcomes[code] })),
        answered: f.answered,
        satisfied: f.content,
        satisfactionRate: f.satisfactionRate ?? null,
      };
    },
  },
  {
    path: '/api/figures/domains',
    summary: '十五个领域 Requests per domain',
    description: 'Each of the 15 domains (领域), zero ones included: total, open, closed, overdue; `unassessed` counts requests not yet given one.',
    answer: { items: Type.Array(CodedCounts), unassessed: Type.Object(Counts) },
    compute: (app, s) => {
      const counts = figures.byDomain(app.store.db, s.visibility, s);
      return { items: coded(domainAreas, counts), unassessed: counts.get(null) ?? NO_COUNTS };
    },
  },
  {
    path: '/api/figures/channels',
    summary: '各渠道诉求数 Requests per channel',
    description: 'Each channel (渠道), zero ones included: total, open, closed, overdue.',
    answer: { items: Type.Array(CodedCounts) },
    compute: (app, s) => ({ items: coded(channels, figures.byChannel(app.store.db, s.visibility, s)) }),
  },
];

export default async function figuresRoutes(app: Api, _options: RouteOptions): Promise<void> {
  for (const chart of CHARTS) {
    app.get(
      chart.path,
      {
        config: { access: { staff: ROLES } },
        schema: {
          tags: ['figures'],
          summary: chart.summary,
          description: `${chart.description} Supervisors, leaders, main leaders and administrators; each sees their own unit's scope, \`unitId\` narrows it to one unit inside (403 outside).`,
          querystring: Query,
          response: { 200: answerOf(chart.answer), ...problems(400, 401, 403) },
        },
      },
      async (request) => {
        const staff = requireStaff(request);
        const scope = figureScope(app.store.db, staff, request.query.unitId);
        const period = periodOf(request.query);
        return { scope: { unit: scope.view }, period: period.label, ...chart.compute(app, { visibility: scope.visibility, from: period.from, to: period.to }) };
      },
    );
  }
}
