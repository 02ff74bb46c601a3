// What a replay measured, queried from the business store after the run (never taken from the
// plans), the study's figures beside them, and a per-request check of the store against the plans:
// every request is there once, and every finished one ended where its plan said, with as many
// re-handlings and level moves as it had (nothing lost, nothing counted twice).
import { sql } from 'drizzle-orm';
import type { Conn } from '../store/db.js';
import { studyFigures } from '../store/figures.js';
import { BACKSTOP, CLOSURE_RATE, CLOSURE_RATE_END_2023, INVALID_TOTAL, LEDGER_SPLIT, VALID_PER_YEAR, VALID_TOTAL } from './study.js';
import type { RequestPlan } from './workload.js';
import { finalPlace } from './workload.js';

export interface Measured {
  validPerYear: Record<string, number>;
  valid: number;
  invalid: number;
  /** where valid requests are ledgered now; the district's backstop cases apart */
  ledger: { village: number; township: number; district: number; backstop: number };
  closed: number;
  closureRate: number;
  /** closed by the end of 2023, of the valid requests collected by then */
  closureRateEnd2023: number;
  overdue: number;
  rehandlings: number;
  /** requests re-handled at least once */
  rehandledRequests: number;
  movedUp: number;
  nonReports: number;
  /** requests whose citizen was content in the end: 满意 or 基本满意 (which the diagram counts as satisfied) */
  satisfied: number;
  /** of those, the requests answered 基本满意 */
  basicallySatisfied: number;
  noResponse: number;
}

const END_2023 = Date.parse('2023-12-31T16:00:00Z'); // 2024-01-01 00:00 Beijing

export function measure(conn: Conn): Measured {
  const base = studyFigures(conn);
  const backstop = base.backstop;
  const end2023 = conn.get<{ valid: number; closed: number }>(sql`
    select count(*) as valid, sum(closed_at is not null and closed_at < ${END_2023}) as closed
    from requests where status <> 'invalid' and created_at < ${END_2023}`);
  const one = (query: ReturnType<typeof sql>) => conn.get<{ n: number }>(query)?.n ?? 0;
  return {
    validPerYear: base.validPerYear,
    valid: base.valid,
    invalid: base.invalid,
    ledger: {
      village: base.ledgerByLevel.village,
      township: base.ledgerByLevel.township,
      district: base.ledgerByLevel.district - backstop,
      backstop,
    },
    closed: base.closed,
    closureRate: base.closureRate ?? 0,
    closureRateEnd2023: end2023 && end2023.valid > 0 ? (end2023.closed ?? 0) / end2023.valid : 0,
    overdue: base.overdue,
    rehandlings: base.rehandlings,
    rehandledRequests: one(sql`select count(distinct request_id) as n from rehandlings`),
    movedUp: one(sql`select count(distinct request_id) as n from ledger_movements`),
    nonReports: one(sql`select count(*) as n from department_reports where non_report_recorded_at is not null`),
    satisfied: one(sql`select count(distinct request_id) as n from follow_ups where outcome in ('satisfied', 'basically_satisfied')`),
    basicallySatisfied: one(sql`select count(distinct request_id) as n from follow_ups where outcome = 'basically_satisfied'`),
    noResponse: one(sql`select count(distinct request_id) as n from follow_ups where outcome = 'no_response'`),
  };
}

export interface Row {
  figure: string;
  study: string;
  measured: string;
}

const n = (x: number): string => x.toLocaleString('en-US');
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

/** The study's figures (scaled) beside the measured ones. */
export function comparison(m: Measured, scale: number): Row[] {
  const s = (x: number) => n(Math.round(x * scale));
  const rows: Row[] = [];
  for (const [year, count] of Object.entries(VALID_PER_YEAR)) {
    rows.push({ figure: `valid requests ${year}${year === '2024' ? ' (Jan–Aug)' : ''}`, study: s(count), measured: n(m.validPerYear[year] ?? 0) });
  }
  rows.push(
    { figure: 'valid requests, four years', study: s(VALID_TOTAL), measured: n(m.valid) },
    { figure: 'screened out as invalid', study: s(INVALID_TOTAL), measured: n(m.invalid) },
    { figure: 'ledgered at village/community', study: s(LEDGER_SPLIT.village), measured: n(m.ledger.village) },
    { figure: 'ledgered at township/street', study: s(LEDGER_SPLIT.township), measured: n(m.ledger.township) },
    { figure: 'ledgered at the district', study: s(LEDGER_SPLIT.district), measured: n(m.ledger.district) },
    { figure: 'district backstop (兜底)', study: s(BACKSTOP), measured: n(m.ledger.backstop) },
    { figure: 'closure rate (to Aug 2024)', study: pct(CLOSURE_RATE), measured: pct(m.closureRate) },
    { figure: 'closure rate of 2021–2023 by end of 2023', study: pct(CLOSURE_RATE_END_2023), measured: pct(m.closureRateEnd2023) },
    { figure: 'went overdue', study: 'not reported', measured: `${n(m.overdue)} (${pct(m.valid ? m.overdue / m.valid : 0)})` },
    { figure: 're-handled (二次交办)', study: 'not reported', measured: `${n(m.rehandledRequests)} requests, ${n(m.rehandlings)} times (${pct(m.valid ? m.rehandledRequests / m.valid : 0)})` },
    { figure: 'moved up a level', study: 'not reported', measured: n(m.movedUp) },
    { figure: 'departments not reporting in time (recorded)', study: 'not reported', measured: n(m.nonReports) },
    { figure: 'satisfied (of them 基本满意) / no answer to the follow-up', study: 'not reported', measured: `${n(m.satisfied)} (${n(m.basicallySatisfied)}) / ${n(m.noResponse)}` },
  );
  return rows;
}

export function renderTable(rows: readonly Row[]): string {
  const widths = [6, 5, 8].map((w, i) => Math.max(w, ...rows.map((r) => [r.figure, r.study, r.measured][i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(['figure', 'study', 'measured']), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map((r) => line([r.figure, r.study, r.measured]))].join('\n');
}

export interface Mismatch {
  requestId: string;
  problem: string;
}

/**
 * Checks every planned request against the store: present exactly once; invalid ones closed as
 * invalid; finished ones at the level their plan ends at, moved up as often as their path says and
 * re-handled as often as their citizen refused. The API numbers the requests it takes in:
 * `requestIdOf` maps a plan's id to that number (undefined: never taken in).
 */
export function checkAgainstPlans(conn: Conn, plans: readonly RequestPlan[], requestIdOf: (planId: string) => string | undefined): Mismatch[] {
  const rows = conn.all<{ id: string; status: string; level: string | null; closed_at: number | null; moves: number; rehandlings: number; received: number; backstop: number }>(sql`
    select r.id, r.status, r.level, r.closed_at,
      (select count(*) from ledger_movements m where m.request_id = r.id) as moves,
      (select count(*) from rehandlings h where h.request_id = r.id) as rehandlings,
      (select count(*) from case_events e where e.request_id = r.id and e.kind = 'received') as received,
      (select count(*) from backstop_cases b where b.request_id = r.id) as backstop
    from requests r`);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const problems: Mismatch[] = [];
  const planned = new Set<string>();
  for (const plan of plans) {
    const requestId = requestIdOf(plan.id);
    const problem = (text: string) => problems.push({ requestId: requestId === undefined ? plan.id : `${requestId} (plan ${plan.id})`, problem: text });
    if (requestId === undefined) {
      problem('never taken in');
      continue;
    }
    planned.add(requestId);
    const row = byId.get(requestId);
    if (!row) {
      problem('not in the store');
      continue;
    }
    if (row.received !== 1) problem(`received ${row.received} times`);
    const place = finalPlace(plan);
    if (place === 'invalid') {
      if (row.status !== 'invalid') problem(`planned invalid, status ${row.status}`);
      continue;
    }
    if (row.status === 'invalid') problem('planned valid, closed as invalid');
    if (row.closed_at === null) continue;
    const level = place === 'backstop' ? 'district' : place;
    if (row.level !== level) problem(`closed at ${row.level}, planned ${level}`);
    if (row.moves !== plan.path.length - 1) problem(`moved up ${row.moves} times, planned ${plan.path.length - 1}`);
    if (row.backstop !== (plan.backstop ? 1 : 0)) problem(`entered the backstop ${row.backstop} times, planned ${plan.backstop ? 1 : 0}`);
    const refusals = plan.escalations.filter((e) => e === 'refused_twice').length * 2 + (plan.rehandledOnce && !plan.backstop ? 1 : 0);
    if (row.rehandlings !== refusals) problem(`re-handled ${row.rehandlings} times, planned ${refusals}`);
  }
  for (const row of rows) if (!planned.has(row.id)) problems.push({ requestId: row.id, problem: 'in the store but never planned' });
  return problems;
}
