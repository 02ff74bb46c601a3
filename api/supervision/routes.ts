// 督办 for staff: the units' weekly reports (每周报送: drafted by the supervision cycle from each
// unit's ledger, submitted by its leader; late ones counted), the red and black lists the cycle
// publishes (per period: week, month, year; per group: villages with villages), and the
// interviews (约谈) with their rectification checks. Who is ranked how and who is interviewed is
// the diagram's rule (workflows/supervision-cycle.bpmn); these routes read and record.
import { Type } from 'typebox';
import { interviewState, listInterviews, getInterview, type Interview } from '../../store/interviews.js';
import { publishedRanking, rankingPeriods, type PublishedRankingRow } from '../../store/rankings.js';
import type { UnitKind } from '../../store/schema.js';
import { lateReportCounts, listUnitReports, submitUnitReport, unitReport, type UnitReport } from '../../store/unit-reports.js';
import { requireStaff } from '../auth/access.js';
import type { Staff } from '../auth/staff.js';
import { ledgerUnitsFor } from '../ledgers/scope.js';
import { conflict, forbidden, notFound, t } from '../problems.js';
import type { RouteOptions } from '../route-options.js';
import { beijing, DateTime, Nullable, problems } from '../schemas.js';
import type { Api } from '../types.js';

const Rate = Nullable(Type.Number({ minimum: 0, maximum: 1 }));
const Figures = Type.Object(
  { open: Type.Integer(), overdue: Type.Integer(), closed: Type.Integer(), movedUp: Type.Integer(), returned: Type.Integer(), rehandled: Type.Integer() },
  { additionalProperties: false, description: 'the unit\'s ledger this year when the report was drafted: 在办, 超期, 办结, 上移, 退单, 重办' },
);
const Report = Type.Object(
  {
    id: Type.Integer(),
    unit: Type.Object({ id: Type.String(), name: Type.String() }),
    period: Type.String({ description: 'ISO week, Beijing time, e.g. 2025-W10' }),
    dueAt: DateTime,
    draft: Figures,
    content: Nullable(Type.String()),
    submittedBy: Nullable(Type.String({ description: 'staff id of the leader who submitted it' })),
    submittedAt: Nullable(DateTime),
    late: Type.Boolean({ description: 'not submitted by its due time (recorded by the cycle), or submitted after it' }),
  },
  { additionalProperties: false },
);

const reportView = (r: UnitReport) => ({
  id: r.id,
  unit: { id: r.unitId, name: r.unitName },
  period: r.period,
  dueAt: beijing(r.dueAt),
  draft: r.draft,
  content: r.content,
  submittedBy: r.submittedByStaffId,
  submittedAt: beijing(r.submittedAt),
  late: r.late,
});

const GROUPS: Readonly<Record<string, readonly UnitKind[]>> = {
  village: ['village', 'community'],
  township: ['township', 'street'],
  department: ['department'],
};
const GroupParam = Type.Union([Type.Literal('village'), Type.Literal('township'), Type.Literal('department')], {
  description: 'like with like: villages and communities, townships and streets, district departments',
});

const RankingLine = Type.Object(
  {
    unit: Type.Object({ id: Type.String(), name: Type.String(), kind: Type.String() }),
    rank: Nullable(Type.Integer({ description: 'null: nothing assigned in the period, not ranked' })),
    colour: Type.Union([Type.Literal('red'), Type.Literal('black'), Type.Literal('none')], { description: '红榜, 黑榜, neither' }),
    assigned: Type.Integer(),
    closed: Type.Integer(),
    closureRate: Rate,
    satisfactionRate: Rate,
    overdueRate: Rate,
    rehandlingRate: Rate,
    nonReports: Type.Integer({ description: 'times a department did not report in time in joint handling' }),
    lateReports: Type.Integer({ description: 'weekly reports late this year' }),
    reasons: Type.Array(Type.String()),
  },
  { additionalProperties: false },
);

const InterviewView = Type.Object(
  {
    id: Type.Integer(),
    unit: Type.Object({ id: Type.String(), name: Type.String() }),
    period: Type.String({ description: 'the ranking that called it' }),
    reasons: Type.Array(Type.String({ description: 'black_list, low_closure_rate, low_satisfaction_rate, high_rehandling_rate' })),
    state: Type.Union([Type.Literal('scheduled'), Type.Literal('held'), Type.Literal('rectified'), Type.Literal('not_rectified')]),
    interviewer: Nullable(Type.String()),
    heldAt: Nullable(DateTime),
    findings: Nullable(Type.String()),
    rectificationDeadline: Nullable(DateTime),
    checkedBy: Nullable(Type.String()),
    checkedAt: Nullable(DateTime),
    rectified: Nullable(Type.Boolean()),
    checkNote: Nullable(Type.String()),
  },
  { additionalProperties: false },
);

const interviewView = (i: Interview) => ({
  id: i.id,
  unit: { id: i.unitId, name: i.unitName },
  period: i.period,
  reasons: i.reasons,
  state: interviewState(i),
  interviewer: i.interviewerStaffId,
  heldAt: beijing(i.heldAt),
  findings: i.findings,
  rectificationDeadline: beijing(i.rectificationDeadline),
  checkedBy: i.checkedByStaffId,
  checkedAt: beijing(i.checkedAt),
  rectified: i.rectified,
  checkNote: i.checkNote,
});

const Paging = {
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
};
const UnitParam = Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: "a unit id, 'all' (every unit you may read) or nothing (your own)" }));

/** Whether `staff` may read what concerns `unitId` (the ledger's line: own unit, a township's villages, the district all). */
function mayRead(app: Api, staff: Staff, unitId: string): boolean {
  const units = ledgerUnitsFor(app.store.db, staff, 'all');
  return units === 'all' || units.includes(unitId);
}

export default async function supervisionRoutes(app: Api, _options: RouteOptions): Promise<void> {
  app.get(
    '/api/reports',
    {
      config: { access: { staff: 'any' } },
      schema: {
        tags: ['supervision'],
        summary: '每周报送 Weekly reports of units',
        description: 'Your unit\'s reports by default; `unit=all` every unit you may read (a township its villages too, the district every unit).',
        querystring: Type.Object(
          { unit: UnitParam, period: Type.Optional(Type.String({ pattern: '^\\d{4}-W\\d{2}$', maxLength: 8 })), late: Type.Optional(Type.Boolean()), ...Paging },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(Report), total: Type.Integer() }), ...problems(400, 401, 403) },
      },
    },
    async (request) => {
      const staff = requireStaff(request);
      const q = request.query;
      const units = ledgerUnitsFor(app.store.db, staff, q.unit);
      const page = listUnitReports(app.store.db, { units: units === 'all' ? undefined : units, period: q.period, late: q.late, limit: q.limit, offset: q.offset });
      return { items: page.items.map(reportView), total: page.total };
    },
  );

  app.get(
    '/api/reports/:id',
    {
      config: { access: { staff: 'any' } },
      schema: { tags: ['supervision'], summary: '一份每周报送 A weekly report', params: Type.Object({ id: Type.Integer({ minimum: 1 }) }), response: { 200: Report, ...problems(401, 404) } },
    },
    async (request) => {
      const staff = requireStaff(request);
      const report = unitReport(app.store.db, request.params.id);
      if (report === undefined || !mayRead(app, staff, report.unitId)) throw notFound(t('没有这份报送', 'no such report'));
      return reportView(report);
    },
  );

  app.post(
    '/api/reports/:id/submission',
    {
      config: { access: { staff: ['leader_in_charge', 'main_leader'] } },
      schema: {
        tags: ['supervision'],
        summary: '提交每周报送 Submit the unit\'s weekly report',
        description: 'By a leader of the report\'s unit, once. After its due time it is accepted and counted late.',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        body: Type.Object({ content: Type.String({ minLength: 1, maxLength: 10_000, description: 'progress, problems, next steps' }) }, { additionalProperties: false }),
        response: { 200: Report, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const staff = requireStaff(request);
      const report = unitReport(app.store.db, request.params.id);
      if (report === undefined || !mayRead(app, staff, report.unitId)) throw notFound(t('没有这份报送', 'no such report'));
      request.audit.target = `report:${report.id}`;
      if (report.unitId !== staff.unitId) throw forbidden(t(`此报送由${report.unitName}的领导提交`, `a leader of ${report.unitName} submits this report`));
      const outcome = submitUnitReport(app.store.db, report.id, { content: request.body.content, staffId: staff.staffId, at: app.now() });
      if (!outcome.ok) throw conflict(t('此报送已提交', 'the report was submitted already'));
      return reportView(outcome.report);
    },
  );

  app.get(
    '/api/rankings',
    {
      config: { access: { staff: 'any' } },
      schema: {
        tags: ['supervision'],
        summary: '红黑榜 The red and black lists',
        description:
          'As the weekly supervision cycle published them: `period` a week (2025-W10: the 7 days to the cycle), a month (2025-03) or a year (2025), each to date when taken; ' +
          '`group` the units ranked together. Without `period`: the newest year. The shares of the lists are the diagram\'s (督办规则).',
        querystring: Type.Object(
          { period: Type.Optional(Type.String({ pattern: '^\\d{4}(-W\\d{2}|-\\d{2})?$', maxLength: 8 })), group: Type.Optional(GroupParam) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ period: Nullable(Type.String()), takenAt: Nullable(DateTime), items: Type.Array(RankingLine) }),
          ...problems(400, 401),
        },
      },
    },
    async (request) => {
      requireStaff(request);
      const periods = rankingPeriods(app.store.db);
      const period = request.query.period ?? periods.find((p) => /^\d{4}$/.test(p.period))?.period;
      if (period === undefined) return { period: null, takenAt: null, items: [] };
      const rows = publishedRanking(app.store.db, period, request.query.group === undefined ? undefined : GROUPS[request.query.group]);
      const late = lateReportCounts(app.store.db, `${period.slice(0, 4)}-W00`);
      const line = (r: PublishedRankingRow) => ({
        unit: { id: r.unitId, name: r.unitName, kind: r.unitKind },
        rank: r.rank,
        colour: r.colour,
        assigned: r.assigned,
        closed: r.closed,
        closureRate: r.closureRate,
        satisfactionRate: r.satisfactionRate,
        overdueRate: r.overdueRate,
        rehandlingRate: r.rehandlingRate,
        nonReports: r.nonReports,
        lateReports: late.get(r.unitId) ?? 0,
        reasons: r.reasons ?? [],
      });
      return { period, takenAt: beijing(periods.find((p) => p.period === period)?.takenAt ?? null), items: rows.map(line) };
    },
  );

  app.get(
    '/api/rankings/periods',
    {
      config: { access: { staff: 'any' } },
      schema: {
        tags: ['supervision'],
        summary: '已发布的排名期次 Periods with a published ranking',
        response: { 200: Type.Array(Type.Object({ period: Type.String(), takenAt: DateTime })), ...problems(401) },
      },
    },
    async (request) => {
      requireStaff(request);
      return rankingPeriods(app.store.db).map((p) => ({ period: p.period, takenAt: beijing(p.takenAt) }));
    },
  );

  app.get(
    '/api/interviews',
    {
      config: { access: { staff: 'any' } },
      schema: {
        tags: ['supervision'],
        summary: '约谈 Interviews and their rectification checks',
        description: 'Your unit\'s by default; `unit=all` every unit you may read (the district, the supervision group and the discipline commission read every unit\'s).',
        querystring: Type.Object({ unit: UnitParam, period: Type.Optional(Type.String({ maxLength: 8 })), ...Paging }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(InterviewView), total: Type.Integer() }), ...problems(400, 401, 403) },
      },
    },
    async (request) => {
      const staff = requireStaff(request);
      const q = request.query;
      const units = ledgerUnitsFor(app.store.db, staff, q.unit);
      const page = listInterviews(app.store.db, { units: units === 'all' ? undefined : units, period: q.period, limit: q.limit, offset: q.offset });
      return { items: page.items.map(interviewView), total: page.total };
    },
  );

  app.get(
    '/api/interviews/:id',
    {
      config: { access: { staff: 'any' } },
      schema: { tags: ['supervision'], summary: '一次约谈 An interview', params: Type.Object({ id: Type.Integer({ minimum: 1 }) }), response: { 200: InterviewView, ...problems(401, 404) } },
    },
    async (request) => {
      const staff = requireStaff(request);
      const interview = getInterview(app.store.db, request.params.id);
      if (interview === undefined || !mayRead(app, staff, interview.unitId)) throw notFound(t('没有这次约谈', 'no such interview'));
      return interviewView(interview);
    },
  );
}
