// A unit's ledger (台账) as supervisors read it: each entry with its request and what became of it,
// the counts per unit and level, and the figures a weekly report (每周报送) is drafted from.
//
// What each figure counts, over the unit's `ledger_entries` opened in the window (`from`
// inclusive, `to` exclusive; both optional) and as things stand now:
//   open      entries not closed (`closed_at` null)
//   overdue   open entries whose request is marked overdue (`requests.overdue_at`, set by
//             suqiu.deadline.mark-overdue when the deadline passed; the mark is the request's and
//             stays once set, so it counts wherever the request is open now, as the rankings count it)
//   closed    entries closed as 销号 (`close_reason` 'closed'); a request re-handled and closed again
//             has one closed entry per handling round
//   movedUp   entries closed because the request moved a level up (`close_reason` 'escalated')
//   returned  returns (退单) the unit made in the window (`request_returns.returned_at`), whether the
//             special team re-dispatched or rejected them
//   rehandled re-handlings (二次交办) counted against the unit in the window (`rehandlings.unit_id`, `at`)
// Entries closed as re-dispatched (改派), invalid or merged (并单) count in none of the first four.
//
// Each entry of the list carries the same marks as flags, `returned` and `rehandled` read for that
// entry: the unit returned the request while this entry was open; the request was sent back to
// this unit at this level for re-handling once this entry had opened (the entry whose closure the
// citizen refused, and the entry the re-handling opened).
import { and, asc, desc, eq, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Difficulty, DomainArea, Level, ListType } from '../domain/index.js';
import type { Conn } from './db.js';
import { ledgerEntries, orgUnits, rehandlings, requestReturns, requests, type UnitReportFigures } from './schema.js';

export type LedgerState = 'open' | 'overdue' | 'closed' | 'moved_up' | 'returned' | 'rehandled';
export const LEDGER_STATES: readonly LedgerState[] = ['open', 'overdue', 'closed', 'moved_up', 'returned', 'rehandled'];

export type LedgerCloseReason = NonNullable<(typeof ledgerEntries.$inferSelect)['closeReason']>;

export interface LedgerFilter {
  /** whose ledgers: these units, or 'all' (every unit) */
  units: readonly string[] | 'all';
  level?: Level;
  /** entries opened at or after */
  from?: Date;
  /** entries opened before */
  to?: Date;
  domain?: DomainArea;
  listType?: ListType;
}

export interface LedgerListFilter extends LedgerFilter {
  /** only entries carrying this flag */
  state?: LedgerState;
}

export interface LedgerLine {
  entryId: number;
  requestId: string;
  text: string;
  listType: ListType | null;
  domain: DomainArea | null;
  difficulty: Difficulty | null;
  level: Level;
  unitId: string;
  unitName: string;
  openedAt: Date;
  closedAt: Date | null;
  closeReason: LedgerCloseReason | null;
  /** the request's deadline in force now */
  deadline: Date | null;
  open: boolean;
  overdue: boolean;
  closed: boolean;
  movedUp: boolean;
  returned: boolean;
  rehandled: boolean;
}

const isOpen = sql`${ledgerEntries.closedAt} is null`;
const FLAG: Readonly<Record<LedgerState, SQL>> = {
  open: isOpen,
  overdue: sql`(${isOpen} and ${requests.overdueAt} is not null)`,
  closed: sql`${ledgerEntries.closeReason} = 'closed'`,
  moved_up: sql`${ledgerEntries.closeReason} = 'escalated'`,
  returned: sql`exists (select 1 from request_returns x where x.request_id = ${ledgerEntries.requestId} and x.unit_id = ${ledgerEntries.unitId}
    and x.returned_at >= ${ledgerEntries.openedAt} and (${ledgerEntries.closedAt} is null or x.returned_at <= ${ledgerEntries.closedAt}))`,
  rehandled: sql`exists (select 1 from rehandlings h where h.request_id = ${ledgerEntries.requestId} and h.unit_id = ${ledgerEntries.unitId}
    and h.level = ${ledgerEntries.level} and h.at >= ${ledgerEntries.openedAt})`,
};

const unitIn = (column: typeof ledgerEntries.unitId | typeof requestReturns.unitId | typeof rehandlings.unitId, units: LedgerFilter['units']): SQL | undefined =>
  units === 'all' ? undefined : inArray(column, [...units]);

/** Conditions on the joined request (domain, list type), shared by entries, returns and re-handlings. */
const requestConditions = (f: LedgerFilter): (SQL | undefined)[] => [
  f.domain === undefined ? undefined : eq(requests.domain, f.domain),
  f.listType === undefined ? undefined : eq(requests.listType, f.listType),
];

const entryConditions = (f: LedgerListFilter): SQL | undefined =>
  and(
    unitIn(ledgerEntries.unitId, f.units),
    f.level === undefined ? undefined : eq(ledgerEntries.level, f.level),
    f.from === undefined ? undefined : gte(ledgerEntries.openedAt, f.from),
    f.to === undefined ? undefined : lt(ledgerEntries.openedAt, f.to),
    ...requestConditions(f),
    f.state === undefined ? undefined : FLAG[f.state],
  );

const lineColumns = {
  entryId: ledgerEntries.id,
  requestId: ledgerEntries.requestId,
  text: requests.text,
  listType: requests.listType,
  domain: requests.domain,
  difficulty: requests.difficulty,
  level: ledgerEntries.level,
  unitId: ledgerEntries.unitId,
  unitName: orgUnits.name,
  openedAt: ledgerEntries.openedAt,
  closedAt: ledgerEntries.closedAt,
  closeReason: ledgerEntries.closeReason,
  deadline: requests.deadline,
  open: sql<number>`${FLAG.open}`,
  overdue: sql<number>`${FLAG.overdue}`,
  closed: sql<number>`${FLAG.closed}`,
  movedUp: sql<number>`${FLAG.moved_up}`,
  returned: sql<number>`${FLAG.returned}`,
  rehandled: sql<number>`${FLAG.rehandled}`,
};

type RawLine = Omit<LedgerLine, 'open' | 'overdue' | 'closed' | 'movedUp' | 'returned' | 'rehandled'> & Record<'open' | 'overdue' | 'closed' | 'movedUp' | 'returned' | 'rehandled', number>;

const lineOf = (r: RawLine): LedgerLine => ({
  ...r,
  open: Boolean(r.open),
  overdue: Boolean(r.overdue),
  closed: Boolean(r.closed),
  movedUp: Boolean(r.movedUp),
  returned: Boolean(r.returned),
  rehandled: Boolean(r.rehandled),
});

/** Where a page of the ledger starts after the last line of the one before (newest first). */
export interface LedgerCursor {
  openedAt: Date;
  entryId: number;
}

/**
 * One page of ledger entries, newest opened first (ties by entry id). Page with `offset`, or walk a
 * big ledger with `after` (the last line of the page before), which costs the same on every page.
 */
export function ledgerLines(conn: Conn, f: LedgerListFilter, page: { limit: number; offset?: number; after?: LedgerCursor }): LedgerLine[] {
  const after =
    page.after === undefined
      ? undefined
      : or(lt(ledgerEntries.openedAt, page.after.openedAt), and(eq(ledgerEntries.openedAt, page.after.openedAt), lt(ledgerEntries.id, page.after.entryId)));
  const rows = conn
    .select(lineColumns)
    .from(ledgerEntries)
    .innerJoin(requests, eq(requests.id, ledgerEntries.requestId))
    .innerJoin(orgUnits, eq(orgUnits.id, ledgerEntries.unitId))
    .where(and(entryConditions(f), after))
    .orderBy(desc(ledgerEntries.openedAt), desc(ledgerEntries.id))
    .limit(page.limit)
    .offset(page.offset ?? 0)
    .all() as RawLine[];
  return rows.map(lineOf);
}

/** Every line of the filter, fetched a page at a time (for exports): never the whole ledger in memory. */
export function* allLedgerLines(conn: Conn, f: LedgerListFilter, pageSize = 500): Generator<LedgerLine> {
  let after: LedgerCursor | undefined;
  for (;;) {
    const page = ledgerLines(conn, f, { limit: pageSize, after });
    yield* page;
    if (page.length < pageSize) return;
    const last = page[page.length - 1]!;
    after = { openedAt: last.openedAt, entryId: last.entryId };
  }
}

export function ledgerLineCount(conn: Conn, f: LedgerListFilter): number {
  const row = conn
    .select({ n: sql<number>`count(*)` })
    .from(ledgerEntries)
    .innerJoin(requests, eq(requests.id, ledgerEntries.requestId))
    .where(entryConditions(f))
    .get();
  return Number(row?.n ?? 0);
}

export interface UnitLedgerFigures extends UnitReportFigures {
  unitId: string;
  unitName: string;
  level: Level;
}

const zero = (): UnitReportFigures => ({ open: 0, overdue: 0, closed: 0, movedUp: 0, returned: 0, rehandled: 0 });

/**
 * The figures (see the top of this file) per unit and level, for every unit with something in the
 * window, ordered by level (village first) and unit id.
 */
export function ledgerFigures(conn: Conn, f: LedgerFilter): UnitLedgerFigures[] {
  const byKey = new Map<string, UnitLedgerFigures>();
  const row = (unitId: string, unitName: string, level: Level) => {
    const key = `${unitId}\u0000${level}`;
    let r = byKey.get(key);
    if (r === undefined) byKey.set(key, (r = { unitId, unitName, level, ...zero() }));
    return r;
  };
  const levelIs = (column: typeof ledgerEntries.level | typeof requestReturns.level | typeof rehandlings.level) => (f.level === undefined ? undefined : eq(column, f.level));

  const entries = conn
    .select({
      unitId: ledgerEntries.unitId,
      unitName: orgUnits.name,
      level: ledgerEntries.level,
      open: sql<number>`sum(${FLAG.open})`,
      overdue: sql<number>`sum(${FLAG.overdue})`,
      closed: sql<number>`sum(${FLAG.closed})`,
      movedUp: sql<number>`sum(${FLAG.moved_up})`,
    })
    .from(ledgerEntries)
    .innerJoin(requests, eq(requests.id, ledgerEntries.requestId))
    .innerJoin(orgUnits, eq(orgUnits.id, ledgerEntries.unitId))
    .where(entryConditions({ ...f, state: undefined }))
    .groupBy(ledgerEntries.unitId, ledgerEntries.level)
    .all();
  for (const e of entries) Object.assign(row(e.unitId, e.unitName, e.level), { open: Number(e.open), overdue: Number(e.overdue), closed: Number(e.closed), movedUp: Number(e.movedUp) });

  const returns = conn
    .select({ unitId: requestReturns.unitId, unitName: orgUnits.name, level: requestReturns.level, n: sql<number>`count(*)` })
    .from(requestReturns)
    .innerJoin(requests, eq(requests.id, requestReturns.requestId))
    .innerJoin(orgUnits, eq(orgUnits.id, requestReturns.unitId))
    .where(
      and(
        unitIn(requestReturns.unitId, f.units),
        levelIs(requestReturns.level),
        f.from === undefined ? undefined : gte(requestReturns.returnedAt, f.from),
        f.to === undefined ? undefined : lt(requestReturns.returnedAt, f.to),
        ...requestConditions(f),
      ),
    )
    .groupBy(requestReturns.unitId, requestReturns.level)
    .all();
  for (const r of returns) row(r.unitId, r.unitName, r.level).returned = Number(r.n);

  const rehandled = conn
    .select({ unitId: orgUnits.id, unitName: orgUnits.name, level: rehandlings.level, n: sql<number>`count(*)` })
    .from(rehandlings)
    .innerJoin(requests, eq(requests.id, rehandlings.requestId))
    .innerJoin(orgUnits, eq(orgUnits.id, rehandlings.unitId))
    .where(
      and(
        unitIn(rehandlings.unitId, f.units),
        levelIs(rehandlings.level),
        f.from === undefined ? undefined : gte(rehandlings.at, f.from),
        f.to === undefined ? undefined : lt(rehandlings.at, f.to),
        ...requestConditions(f),
      ),
    )
    .groupBy(rehandlings.unitId, rehandlings.level)
    .all();
  for (const h of rehandled) row(h.unitId, h.unitName, h.level).rehandled = Number(h.n);

  const rank: Record<Level, number> = { village: 0, township: 1, district: 2 };
  return [...byKey.values()].sort((a, b) => rank[a.level] - rank[b.level] || (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0));
}

/** Adds figures up (e.g. a unit's over its levels, or a level's over its units). */
export function sumFigures(rows: readonly UnitReportFigures[]): UnitReportFigures {
  const total = zero();
  for (const r of rows) for (const k of Object.keys(total) as (keyof UnitReportFigures)[]) total[k] += r[k];
  return total;
}

/** A unit's own ledger figures for the window (what its weekly report is drafted from). */
export function unitLedgerFigures(conn: Conn, unitId: string, window: { from?: Date; to?: Date } = {}): UnitReportFigures {
  return sumFigures(ledgerFigures(conn, { units: [unitId], from: window.from, to: window.to }));
}

/** Units whose ledgers a reader of `unitId`'s area may read: the unit and, for a township or street, its villages and communities. */
export function ledgerUnitsUnder(conn: Conn, unitId: string): string[] {
  const children = conn.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.parentId, unitId)).orderBy(asc(orgUnits.id)).all();
  return [unitId, ...children.map((c) => c.id)];
}
