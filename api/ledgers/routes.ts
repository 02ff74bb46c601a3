// 台账 Ledgers per unit and level, for the units and their supervisors.
//
//   GET /api/ledgers           the entries of a unit's ledger (default the caller's own), with flags; filters, paging
//   GET /api/ledgers/summary   the counts per unit, per level and in all (the weekly report's figures)
//   GET /api/ledgers.csv       the same list as the first, as a CSV file Excel opens (streamed page by page)
//
// Whose ledgers: see scope.ts (own unit; a township also its villages'; the district every unit's);
// another unit's answers 403. What each flag and count means: store/unit-ledger.ts.
import { Type, type Static } from 'typebox';
import { domainAreas, levels, listTypes, type Level } from '../../domain/index.js';
import { getOrgUnit } from '../../store/org-units.js';
import { allLedgerLines, ledgerFigures, ledgerLineCount, ledgerLines, LEDGER_STATES, sumFigures, type LedgerListFilter } from '../../store/unit-ledger.js';
import { requireStaff } from '../auth/access.js';
import { CSV_CONTENT_TYPE, csvDisposition, csvStream } from '../csv.js';
import { badRequest, t } from '../problems.js';
import type { RouteOptions } from '../route-options.js';
import { beijing, DateTime, problems } from '../schemas.js';
import type { Api } from '../types.js';
import { ledgerUnitsFor } from './scope.js';
import { CSV_HEADER, figuresOf, LedgerItem, LedgerSummary, ledgerCsvRow, ledgerItemView, levelFiguresView, unitFiguresView } from './views.js';

const literals = <C extends string>(codes: readonly C[]) => Type.Union(codes.map((c) => Type.Literal(c)));

const FilterFields = {
  unit: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: "a unit id, or `all` (every ledger you may read); default: your own unit's" })),
  level: Type.Optional(literals(levels.codes)),
  from: Type.Optional({ ...DateTime, description: 'entries opened at or after (ISO 8601 with offset); returns and re-handlings made at or after' }),
  to: Type.Optional({ ...DateTime, description: 'entries opened before; returns and re-handlings made before' }),
  domain: Type.Optional(literals(domainAreas.codes)),
  listType: Type.Optional(literals(listTypes.codes)),
};
const ListFilterFields = {
  ...FilterFields,
  state: Type.Optional({ ...literals(LEDGER_STATES), description: 'only entries carrying this flag: open, overdue, closed, moved_up, returned, rehandled' }),
};

const ListQuery = Type.Object(
  { ...ListFilterFields, limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }), offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }) },
  { additionalProperties: false },
);
const CsvQuery = Type.Object(ListFilterFields, { additionalProperties: false });
const SummaryQuery = Type.Object(FilterFields, { additionalProperties: false });

type Filters = Static<typeof CsvQuery>;

export default async function ledgersRoutes(app: Api, _options: RouteOptions): Promise<void> {
  /** The store's filter for what was asked, within what the caller may read. */
  const filterOf = (request: Parameters<typeof requireStaff>[0], q: Filters): LedgerListFilter => {
    const staff = requireStaff(request);
    const from = q.from === undefined ? undefined : new Date(q.from);
    const to = q.to === undefined ? undefined : new Date(q.to);
    if (from !== undefined && to !== undefined && from > to) throw badRequest(t('起始时间晚于结束时间', '`from` is after `to`'), 'from');
    return { units: ledgerUnitsFor(app.store.db, staff, q.unit), level: q.level, from, to, domain: q.domain, listType: q.listType, state: 'state' in q ? q.state : undefined };
  };

  app.get(
    '/api/ledgers',
    {
      config: { access: { staff: 'any' } },
      schema: {
        tags: ['ledgers'],
        summary: '台账 A unit’s ledger',
        description:
          "The entries of a unit's ledger, newest opened first: each with its request (number, the beginning of its text), list type, domain, difficulty, level, unit, " +
          'opened and closed dates, close reason, deadline and the flags open, overdue, closed, movedUp, returned, rehandled. ' +
          "Default: your own unit's; a township's staff may also ask for each of its villages (`unit`) or `unit=all`; the district's units for any unit. Another unit's: 403.",
        querystring: ListQuery,
        response: {
          200: Type.Object({ items: Type.Array(LedgerItem), total: Type.Integer(), limit: Type.Integer(), offset: Type.Integer() }, { additionalProperties: false }),
          ...problems(400, 401, 403),
        },
      },
    },
    async (request) => {
      const { limit, offset, ...q } = request.query;
      const filter = filterOf(request, q);
      return {
        items: ledgerLines(app.store.db, filter, { limit, offset }).map(ledgerItemView),
        total: ledgerLineCount(app.store.db, filter),
        limit,
        offset,
      };
    },
  );

  app.get(
    '/api/ledgers/summary',
    {
      config: { access: { staff: 'any' } },
      schema: {
        tags: ['ledgers'],
        summary: '台账统计 Ledger counts per unit and level',
        description:
          'Per unit and level, per level and in all: open, overdue, closed, movedUp over the entries opened in the window (as things stand now), ' +
          'returned and rehandled made in the window. The same figures a weekly report is drafted from. Same `unit` rule as the list.',
        querystring: SummaryQuery,
        response: { 200: LedgerSummary, ...problems(400, 401, 403) },
      },
    },
    async (request) => {
      const rows = ledgerFigures(app.store.db, filterOf(request, request.query));
      const perLevel = levels.codes
        .map((level: Level) => ({ level, rows: rows.filter((r) => r.level === level) }))
        .filter((l) => l.rows.length > 0)
        .map((l) => levelFiguresView(l.level, sumFigures(l.rows)));
      return { units: rows.map(unitFiguresView), levels: perLevel, total: figuresOf(sumFigures(rows)) };
    },
  );

  app.get(
    '/api/ledgers.csv',
    {
      config: { access: { staff: 'any' } },
      schema: {
        tags: ['ledgers'],
        summary: '导出台账 Export a ledger as CSV',
        description:
          'The list of `GET /api/ledgers` with the same filters (no paging: every entry), as `text/csv`: UTF-8 with a BOM (Excel opens the Chinese), CRLF, RFC 4180 quoting, ' +
          'Chinese headers, Beijing times, 是/否 for the flags, the whole request text; cells starting with = + - @ are prefixed with an apostrophe. Streamed a page at a time.',
        querystring: CsvQuery,
        produces: ['text/csv'],
        response: { 200: Type.Unsafe<unknown>({ type: 'string', description: 'the CSV file' }), ...problems(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const filter = filterOf(request, request.query);
      const day = beijing(app.now()).slice(0, 10);
      const unit = filter.units === 'all' || filter.units.length !== 1 ? undefined : getOrgUnit(app.store.db, filter.units[0]!);
      const ascii = `ledger-${unit?.id ?? 'all'}-${day}.csv`;
      const chinese = `台账-${unit?.name ?? '全部'}-${day}.csv`;
      const rows = (function* () {
        for (const line of allLedgerLines(app.store.db, filter)) yield ledgerCsvRow(line);
      })();
      return reply
        .header('content-type', CSV_CONTENT_TYPE)
        .header('content-disposition', csvDisposition(ascii, chinese))
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .send(csvStream(CSV_HEADER, rows));
    },
  );
}
