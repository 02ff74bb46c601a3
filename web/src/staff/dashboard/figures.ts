// What the dashboard reads and how it lays each answer out as a table: the answers of
// /api/figures/*, /api/ledgers/summary, /api/rankings and /api/interviews as the API gives them,
// and one `Table` per chart (its header and rows, shown beside the chart and downloaded as CSV).
// Nothing is counted or rated here: every number is the API's, rates only written as percentages.
import type { Cell } from '@shared/csv';
import { dateTime, percent } from '@shared/format';

export interface Coded {
  code: string;
  label: string;
}
export interface Counts {
  total: number;
  open: number;
  closed: number;
  overdue: number;
}
export type Rate = number | null;
export interface UnitRef {
  id: string;
  name: string;
  kind: string;
}
export interface FigureAnswer<T> {
  scope: { unit: UnitRef | null };
  period: { from: string | null; to: string | null };
  items: T[];
}
export type LevelsAnswer = FigureAnswer<Coded & Counts> & { unassessed: Counts };
export type DomainsAnswer = FigureAnswer<Coded & Counts> & { unassessed: Counts };
export type ChannelsAnswer = FigureAnswer<Coded & Counts>;
export interface UnitFigure extends Counts {
  unit: UnitRef;
  closureRate: Rate;
  overdueRate: Rate;
}
export type UnitsAnswer = FigureAnswer<UnitFigure>;
export type TrendAnswer = FigureAnswer<{ month: string; received: number; closed: number; closureRate: Rate }>;
export type SatisfactionAnswer = FigureAnswer<Coded & { count: number }> & { answered: number; satisfied: number; satisfactionRate: Rate };

export interface LedgerFigures {
  open: number;
  overdue: number;
  closed: number;
  movedUp: number;
  returned: number;
  rehandled: number;
}
export interface LedgerSummary {
  units: ({ unit: { id: string; name: string }; level: Coded } & LedgerFigures)[];
  levels: ({ level: Coded } & LedgerFigures)[];
  total: LedgerFigures;
}

export interface RankingLine {
  unit: UnitRef;
  rank: number | null;
  colour: 'red' | 'black' | 'none';
  assigned: number;
  closed: number;
  closureRate: Rate;
  satisfactionRate: Rate;
  overdueRate: Rate;
  rehandlingRate: Rate;
  nonReports: number;
  lateReports: number;
  reasons: string[];
}
export interface RankingAnswer {
  period: string | null;
  takenAt: string | null;
  items: RankingLine[];
}
export interface Interview {
  id: number;
  unit: { id: string; name: string };
  period: string;
  reasons: string[];
  state: 'scheduled' | 'held' | 'rectified' | 'not_rectified';
  interviewer: string | null;
  heldAt: string | null;
  findings: string | null;
  rectificationDeadline: string | null;
  checkedBy: string | null;
  checkedAt: string | null;
  rectified: boolean | null;
  checkNote: string | null;
}
export interface InterviewsAnswer {
  items: Interview[];
  total: number;
}

/** The filter as the page keeps it (and as it travels in the address: `?from=&to=&unit=`). */
export interface Filter {
  from: string;
  to: string;
  unitId: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The filter read from the address; anything that is not a date is dropped (the API would refuse it). */
export function filterOf(query: Record<string, unknown>): Filter {
  const text = (v: unknown): string => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '');
  const from = text(query.from);
  const to = text(query.to);
  return { from: DATE.test(from) ? from : '', to: DATE.test(to) ? to : '', unitId: text(query.unit) };
}

/** The query of a /api/figures/* call (Beijing dates, both inclusive, as the API takes them). */
export function figureQuery(f: Filter): Record<string, string | undefined> {
  return { from: f.from || undefined, to: f.to || undefined, unitId: f.unitId || undefined };
}

/** The day after a YYYY-MM-DD date, as a calendar date (no time zone involved). */
export function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/**
 * The query of /api/ledgers/summary for the same period: it takes instants (opened at or after
 * `from`, before `to`), so the inclusive Beijing dates become the midnights that bound them. The
 * unit: the one chosen, else every ledger the caller may read.
 */
export function ledgerQuery(f: Filter): Record<string, string | undefined> {
  return {
    unit: f.unitId || 'all',
    from: f.from ? `${f.from}T00:00:00+08:00` : undefined,
    to: f.to ? `${nextDay(f.to)}T00:00:00+08:00` : undefined,
  };
}

/** A table of a chart: its column headings, its rows, and which columns hold numbers (right-aligned). */
export interface Table {
  header: string[];
  rows: Cell[][];
  numeric: boolean[];
}

/** The page's words a table needs (the caller passes vue-i18n's `t`). */
export type Words = (key: string) => string;

const counts = (c: Counts): Cell[] => [c.total, c.open, c.closed, c.overdue];

function countsTable(t: Words, first: string, items: (Coded & Counts)[], unassessed?: Counts): Table {
  const rows: Cell[][] = items.map((i) => [i.label, ...counts(i)]);
  if (unassessed !== undefined) rows.push([t('dashboard.unassessed'), ...counts(unassessed)]);
  return { header: [first, t('dashboard.col.total'), t('dashboard.col.open'), t('dashboard.col.closed'), t('dashboard.col.overdue')], rows, numeric: [false, true, true, true, true] };
}

export const levelsTable = (t: Words, a: LevelsAnswer): Table => countsTable(t, t('dashboard.col.level'), a.items, a.unassessed);
export const domainsTable = (t: Words, a: DomainsAnswer): Table => countsTable(t, t('dashboard.col.domain'), a.items, a.unassessed);
export const channelsTable = (t: Words, a: ChannelsAnswer): Table => countsTable(t, t('dashboard.col.channel'), a.items);

export function ledgerTable(t: Words, a: LedgerSummary): Table {
  const figures = (f: LedgerFigures): Cell[] => [f.open, f.overdue, f.closed, f.movedUp, f.returned, f.rehandled];
  return {
    header: [t('dashboard.col.level'), t('dashboard.col.open'), t('dashboard.col.overdue'), t('dashboard.col.ledgerClosed'), t('dashboard.col.movedUp'), t('dashboard.col.returned'), t('dashboard.col.rehandled')],
    rows: [...a.levels.map((l) => [l.level.label, ...figures(l)]), [t('dashboard.allLevels'), ...figures(a.total)]],
    numeric: [false, true, true, true, true, true, true],
  };
}

export function trendTable(t: Words, a: TrendAnswer): Table {
  return {
    header: [t('dashboard.col.month'), t('dashboard.col.received'), t('dashboard.col.closedByNow'), t('dashboard.col.closureRate')],
    rows: a.items.map((m) => [m.month, m.received, m.closed, percent(m.closureRate)]),
    numeric: [false, true, true, true],
  };
}

export function unitsTable(t: Words, a: UnitsAnswer): Table {
  return {
    header: [t('dashboard.col.unit'), t('dashboard.col.total'), t('dashboard.col.open'), t('dashboard.col.closed'), t('dashboard.col.overdue'), t('dashboard.col.closureRate'), t('dashboard.col.overdueRate')],
    rows: a.items.map((u) => [u.unit.name, ...counts(u), percent(u.closureRate), percent(u.overdueRate)]),
    numeric: [false, true, true, true, true, true, true],
  };
}

export function overdueTable(t: Words, a: UnitsAnswer): Table {
  return {
    header: [t('dashboard.col.unit'), t('dashboard.col.overdue'), t('dashboard.col.open'), t('dashboard.col.total'), t('dashboard.col.overdueRate')],
    rows: a.items.map((u) => [u.unit.name, u.overdue, u.open, u.total, percent(u.overdueRate)]),
    numeric: [false, true, true, true, true],
  };
}

export function satisfactionTable(t: Words, a: SatisfactionAnswer): Table {
  return {
    header: [t('dashboard.col.answer'), t('dashboard.col.count')],
    rows: [
      ...a.items.map((i) => [i.label, i.count]),
      [t('dashboard.answered'), a.answered],
      [t('dashboard.satisfied'), a.satisfied],
      [t('dashboard.col.satisfactionRate'), percent(a.satisfactionRate)],
    ],
    numeric: [false, true],
  };
}

/** A code the API gives without a label (ranking and interview reasons, states): the page's word for it, else the code. */
export function wordOf(t: Words, group: string, code: string): string {
  const key = `dashboard.${group}.${code}`;
  const word = t(key);
  return word === key ? code : word;
}

export function rankingTable(t: Words, a: RankingAnswer): Table {
  return {
    header: [
      t('dashboard.col.rank'),
      t('dashboard.col.unit'),
      t('dashboard.col.list'),
      t('dashboard.col.assigned'),
      t('dashboard.col.closed'),
      t('dashboard.col.closureRate'),
      t('dashboard.col.satisfactionRate'),
      t('dashboard.col.overdueRate'),
      t('dashboard.col.rehandlingRate'),
      t('dashboard.col.nonReports'),
      t('dashboard.col.lateReports'),
      t('dashboard.col.reasons'),
    ],
    rows: a.items.map((r) => [
      r.rank,
      r.unit.name,
      wordOf(t, 'colour', r.colour),
      r.assigned,
      r.closed,
      percent(r.closureRate),
      percent(r.satisfactionRate),
      percent(r.overdueRate),
      percent(r.rehandlingRate),
      r.nonReports,
      r.lateReports,
      r.reasons.map((code) => wordOf(t, 'reason', code)).join('、'),
    ]),
    numeric: [true, false, false, true, true, true, true, true, true, true, true, false],
  };
}

export function interviewsTable(t: Words, a: InterviewsAnswer): Table {
  const check = (i: Interview): string => (i.rectified === null ? '' : i.rectified ? t('dashboard.rectifiedYes') : t('dashboard.rectifiedNo'));
  return {
    header: [
      t('dashboard.col.unit'),
      t('dashboard.col.calledBy'),
      t('dashboard.col.reasons'),
      t('dashboard.col.state'),
      t('dashboard.col.heldAt'),
      t('dashboard.col.findings'),
      t('dashboard.col.rectificationDeadline'),
      t('dashboard.col.checkedAt'),
      t('dashboard.col.check'),
    ],
    rows: a.items.map((i) => [
      i.unit.name,
      i.period,
      i.reasons.map((code) => wordOf(t, 'reason', code)).join('、'),
      wordOf(t, 'state', i.state),
      dateTime(i.heldAt),
      i.findings ?? '',
      dateTime(i.rectificationDeadline),
      dateTime(i.checkedAt),
      [check(i), i.checkNote ?? ''].filter((s) => s !== '').join(': '),
    ]),
    numeric: [false, false, false, false, false, false, false, false, false],
  };
}

/** The choices of the unit filter, in groups. */
export interface UnitGroup {
  /** the township's or street's id, or `other` */
  key: string;
  /** the township's or street's name; null for the rest */
  name: string | null;
  units: { id: string; name: string }[];
}
export interface Places {
  places: { id: string; name: string; kind: string; villages: { id: string; name: string; kind: string }[] }[];
}

/**
 * The units one may narrow the figures to, from what the API answers: the units that own
 * requests in the caller's figures (`/api/figures/units`), the caller's own unit when it is not
 * the whole district, and, for the whole district (`scope.unit` null), every township with its
 * villages (`/api/public/places`). Grouped: townships and streets, each followed by its
 * villages; then the rest (departments, the special team...).
 */
export function unitGroups(units: UnitsAnswer, places: Places | undefined): UnitGroup[] {
  const known = new Map<string, { id: string; name: string; kind: string }>();
  const add = (u: { id: string; name: string; kind: string }) => {
    if (!known.has(u.id)) known.set(u.id, { id: u.id, name: u.name, kind: u.kind });
  };
  if (units.scope.unit !== null) add(units.scope.unit);
  for (const item of units.items) add(item.unit);
  const groups: UnitGroup[] = [];
  const placed = new Set<string>();
  for (const township of places?.places ?? []) {
    const members = [township, ...township.villages].filter((u) => units.scope.unit === null || known.has(u.id));
    if (members.length === 0) continue;
    groups.push({ key: township.id, name: township.name, units: members.map((u) => ({ id: u.id, name: u.name })) });
    for (const u of members) placed.add(u.id);
  }
  const rest = [...known.values()].filter((u) => !placed.has(u.id));
  if (rest.length > 0) groups.push({ key: 'other', name: null, units: rest.map((u) => ({ id: u.id, name: u.name })) });
  return groups;
}
