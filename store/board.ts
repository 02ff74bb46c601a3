// The public board (公开榜): every request's progress for anyone to read, never who asked.
//
// A projection of `requests` (no cache of lines: it is current as soon as a step commits). What it
// never shows: the citizen's identity (`request_citizens` is read only to blank the citizen's own
// name, phone, ID number and address where they typed them into the text), staff names, the
// internal reason a request is blocked (only its kind: 资金受限 ...). Left out: invalid requests
// (screened out as not a request the sweep handles; the citizen was told in person) and merged ones
// (并单: the same matter as another request, which shows it; the study counts it with its master).
//
// Speed on 1,000,000 requests, with the schema's indexes: a page walks `requests_created` newest
// first (or `requests_township` / `requests_village` / `requests_unit` when that filter is given)
// and stops at the page; other filters (level, domain, list type, status) are checked as it walks.
// Nothing counts the whole set: the exact total comes with the last page only. A text query goes
// through the FTS5 index (text-index.ts) newest first; each hit must still match the text as the
// board shows it, so nobody finds a request by a name or number the board blanks.
import { sql, type SQL } from 'drizzle-orm';
import { maskIdentity, unitRates, type DomainArea, type Level, type ListType, type RequestStatus, type UnitRates } from '../domain/index.js';
import { gramSet, textGrams } from '../domain/similarity.js';
import type { Conn } from './db.js';
import { unitCounts, type UnitCountsWithReports } from './rankings.js';
import type { BlockedKind, UnitKind } from './schema.js';
import { matchAll } from './text-index.js';

/** One line of the public board: progress only, never the citizen. */
export interface BoardLine {
  id: string;
  townshipId: string;
  township: string;
  villageId: string | null;
  village: string | null;
  /** the request text with phone and ID numbers masked and the citizen's own identity blanked */
  text: string;
  listType: ListType | null;
  domain: DomainArea | null;
  level: Level | null;
  responsibleUnitId: string | null;
  responsibleUnit: string | null;
  status: RequestStatus;
  deadline: Date | null;
  /** went past its deadline (stays true after a late closure) */
  overdue: boolean;
  blocked: boolean;
  /** what blocks it (funding ...), never the internal reason; null when not blocked */
  blockedKind: BlockedKind | null;
  createdAt: Date;
  closedAt: Date | null;
}

/** open: not finished; closed: 已销号 or 已归档; overdue / blocked: still open and past the deadline / blocked. */
export type BoardStatus = 'open' | 'closed' | 'overdue' | 'blocked';

export interface BoardFilters {
  townshipId?: string;
  villageId?: string;
  /** the responsible unit */
  unitId?: string;
  level?: Level;
  domain?: DomainArea;
  listType?: ListType;
  status?: BoardStatus;
  /** a request number (or its beginning) or words of the text */
  q?: string;
  limit?: number;
  offset?: number;
}

export interface BoardPage {
  items: BoardLine[];
  /** whether lines follow this page */
  more: boolean;
  /** the exact number of lines: given with the last page only */
  total?: number;
}

const NUMBER = /^SQ\d{1,13}$/i;
export const BOARD_MAX_LIMIT = 100;

const columns = sql`r.id as id, r.township_id as townshipId, t.name as township, r.village_id as villageId, v.name as village,
  r.text as text, r.list_type as listType, r.domain as domain, r.level as level, r.responsible_unit_id as responsibleUnitId,
  u.name as responsibleUnit, r.status as status, r.deadline as deadline, r.overdue_at is not null as overdue,
  r.blocked_kind as blockedKind, r.blocked_reason is not null as blockedByReason, r.created_at as createdAt, r.closed_at as closedAt`;
const joins = sql`join org_units t on t.id = r.township_id left join org_units v on v.id = r.village_id left join org_units u on u.id = r.responsible_unit_id`;

interface RawLine extends Omit<BoardLine, 'deadline' | 'createdAt' | 'closedAt' | 'overdue' | 'blocked' | 'blockedKind'> {
  deadline: number | null;
  createdAt: number;
  closedAt: number | null;
  overdue: number;
  blockedKind: BlockedKind | null;
  blockedByReason: number;
}

const isBlocked = sql`(r.blocked_kind is not null or r.blocked_reason is not null)`;
const statusCondition: Record<BoardStatus, SQL> = {
  open: sql`r.closed_at is null`,
  closed: sql`r.status in ('closed', 'archived')`,
  overdue: sql`r.closed_at is null and r.overdue_at is not null`,
  blocked: sql`r.closed_at is null and ${isBlocked}`,
};

function whereOf(f: BoardFilters): SQL {
  const parts: SQL[] = [sql`r.status not in ('invalid', 'merged')`];
  if (f.townshipId !== undefined) parts.push(sql`r.township_id = ${f.townshipId}`);
  if (f.villageId !== undefined) parts.push(sql`r.village_id = ${f.villageId}`);
  if (f.unitId !== undefined) parts.push(sql`r.responsible_unit_id = ${f.unitId}`);
  if (f.level !== undefined) parts.push(sql`r.level = ${f.level}`);
  if (f.domain !== undefined) parts.push(sql`r.domain = ${f.domain}`);
  if (f.listType !== undefined) parts.push(sql`r.list_type = ${f.listType}`);
  if (f.status !== undefined) parts.push(statusCondition[f.status]);
  return sql.join(parts, sql` and `);
}

/** Digits of a phone or ID number, allowing spaces and dashes between them as people type them. */
const spacedDigits = (digits: string): RegExp => new RegExp([...digits].map((d) => d.replace(/[^\dXx]/g, '')).join('[\\s-]*'), 'gi');
const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const BLANK = '***';

/** What of a citizen's identity to blank in their text: each recorded value of two characters or more. */
function identityPatterns(c: { name: string | null; phone: string | null; idNumber: string | null; address: string | null }): RegExp[] {
  const out: RegExp[] = [];
  for (const value of [c.name, c.address]) if (value !== null && [...value.trim()].length >= 2) out.push(new RegExp(escapeRegExp(value.trim()), 'g'));
  for (const value of [c.phone, c.idNumber]) {
    const digits = value?.replace(/[^\dXx]/g, '') ?? '';
    if (digits.length >= 5) out.push(spacedDigits(digits));
  }
  return out;
}

/**
 * The text as the board shows it, by request id: phone and ID numbers masked, the citizen's own
 * identity blanked. For every public answer that shows a request's text (Open311 too).
 */
export function boardTexts(conn: Conn, rows: readonly { id: string; text: string }[]): Map<string, string> {
  const out = new Map<string, string>();
  if (rows.length === 0) return out;
  const ids = sql.join(rows.map((r) => sql`${r.id}`), sql`, `);
  const citizens = conn.all<{ requestId: string; name: string | null; phone: string | null; idNumber: string | null; address: string | null }>(
    sql`select request_id as requestId, name, phone, id_number as idNumber, address from request_citizens where request_id in (${ids})`,
  );
  const patterns = new Map(citizens.map((c) => [c.requestId, identityPatterns(c)]));
  for (const r of rows) {
    let text = r.text;
    for (const p of patterns.get(r.id) ?? []) text = text.replace(p, BLANK);
    out.set(r.id, maskIdentity(text));
  }
  return out;
}

function toLine(r: RawLine, text: string): BoardLine {
  const { blockedByReason, ...rest } = r;
  const blocked = r.blockedKind !== null || blockedByReason === 1;
  return {
    ...rest,
    text,
    deadline: r.deadline === null ? null : new Date(r.deadline),
    createdAt: new Date(r.createdAt),
    closedAt: r.closedAt === null ? null : new Date(r.closedAt),
    overdue: r.overdue === 1,
    blocked,
    blockedKind: blocked ? (r.blockedKind ?? 'other') : null,
  };
}

/** Whether the text the board shows still holds every gram of the query (what FTS5 matched in the stored text). */
function showsQuery(shown: string, q: string): boolean {
  const grams = gramSet(shown);
  return textGrams(q).every((g) => grams.has(g) || ([...g].length === 1 && [...grams].some((s) => s.startsWith(g))));
}

/** How many FTS hits a text query reads at a time while it fills a page (hits the board blanks are skipped). */
const TEXT_BATCH = 200;

/** One page of the board, newest first (a number search: highest number first). */
export function boardPage(conn: Conn, f: BoardFilters = {}): BoardPage {
  const limit = Math.min(f.limit ?? 20, BOARD_MAX_LIMIT);
  const offset = f.offset ?? 0;
  const where = whereOf(f);
  const q = f.q?.trim() ?? '';
  const want = limit + 1;
  let lines: BoardLine[];
  if (q === '' || NUMBER.test(q)) {
    const range = q === '' ? sql`1 = 1` : sql`r.id >= ${q.toUpperCase()} and r.id < ${`${q.toUpperCase()}:`}`;
    const order = q === '' ? sql`r.created_at desc, r.rowid desc` : sql`r.id desc`;
    const rows = conn.all<RawLine>(sql`select ${columns} from requests r ${joins} where ${range} and ${where} order by ${order} limit ${want} offset ${offset}`);
    const texts = boardTexts(conn, rows);
    lines = rows.map((r) => toLine(r, texts.get(r.id)!));
  } else {
    lines = textPage(conn, where, q, offset + want).slice(offset);
  }
  const more = lines.length > limit;
  const items = lines.slice(0, limit);
  return !more && (items.length > 0 || offset === 0) ? { items, more, total: offset + items.length } : { items, more };
}

/** The first `wanted` lines whose shown text matches `q`, newest first. */
function textPage(conn: Conn, where: SQL, q: string, wanted: number): BoardLine[] {
  const match = matchAll(q);
  if (match === undefined) return [];
  const out: BoardLine[] = [];
  // the first read asks for just the page (the board blanks a hit rarely), the next ones for more
  for (let skip = 0, batch = wanted; out.length < wanted; skip += batch, batch = TEXT_BATCH) {
    const rows = conn.all<RawLine>(sql`select ${columns} from request_text_index f join requests r on r.rowid = f.rowid and r.id = f.request_id ${joins}
      where request_text_index match ${match} and ${where} order by f.rowid desc limit ${batch} offset ${skip}`);
    const texts = boardTexts(conn, rows);
    for (const r of rows) {
      const shown = texts.get(r.id)!;
      if (showsQuery(shown, q)) out.push(toLine(r, shown));
    }
    if (rows.length < batch) break;
  }
  return out.slice(0, wanted);
}

/** The board's first lines (newest first), for callers that want lines only: see `boardPage`. */
export function publicBoard(conn: Conn, options: Omit<BoardFilters, 'limit'> & { limit?: number } = {}): BoardLine[] {
  return boardPage(conn, { limit: BOARD_MAX_LIMIT, ...options }).items;
}

// ---------------------------------------------------------------- per-unit figures

/** Like with like: villages with villages, townships with townships, departments with departments. */
export type UnitGroup = 'village' | 'township' | 'department';

export const UNIT_GROUP_KINDS: Record<UnitGroup, UnitKind[]> = {
  village: ['village', 'community'],
  township: ['township', 'street'],
  department: ['department', 'special_team'],
};

export interface BoardUnitFigures extends UnitCountsWithReports, UnitRates {
  kind: UnitKind;
  /** the township or street of a village or community */
  parentName: string | null;
  /** assigned and not closed (open, or finished otherwise) */
  open: number;
}

/**
 * Per-unit closure and satisfaction figures of one group over a period (requests created in it),
 * counted by the rankings' one definition (`unitCounts`, `unitRates`).
 */
export function boardUnitFigures(conn: Conn, group: UnitGroup, period: { from?: Date; to?: Date }): BoardUnitFigures[] {
  const kinds = UNIT_GROUP_KINDS[group];
  const units = new Map(
    conn
      .all<{ id: string; kind: UnitKind; parentName: string | null }>(
        sql`select u.id as id, u.kind as kind, p.name as parentName from org_units u left join org_units p on p.id = u.parent_id where u.kind in (${sql.join(kinds.map((k) => sql`${k}`), sql`, `)})`,
      )
      .map((u) => [u.id, u]),
  );
  return unitCounts(conn, { ...period, kinds }).map((c) => ({
    ...c,
    ...unitRates(c),
    kind: units.get(c.unitId)?.kind ?? kinds[0]!,
    parentName: units.get(c.unitId)?.parentName ?? null,
    open: c.assigned - c.closed,
  }));
}

/** Grows whenever a step of any request is recorded (the newest case event): what cached figures are checked against. */
export function storeVersion(conn: Conn): number {
  return conn.get<{ v: number | null }>(sql`select max(id) as v from case_events`)?.v ?? 0;
}
