// Finding requests for staff: the search of the workbench (text, number, status, level, dates,
// overdue) and the likely duplicates shown at intake. Both see only what `visibleRequests` allows.
//
// Speed on 1,000,000 requests, with the indexes the schema has (township/village/unit/created):
// - the district, a township or a department walks `requests_created` newest first, checks each
//   row against `visibleRequests` and stops at the page; with a text query FTS5 hands over its
//   matches newest first (rowid order, see text-index.ts) and the page stops that walk too. A
//   township holds about a twentieth of the district, a department about a hundredth, so the walk
//   is short;
// - a village holds a few hundredths of a percent: walking the whole district to fill its page
//   would take a second. Its list is drawn from what indexes reach instead: the requests located
//   in it (`requests_village`, newest first), those it owns now (`requests_unit`), those it
//   returned (`request_returns_unit`) and those it owned once elsewhere (`ledger_entries_unit`:
//   it came by 改派 and has moved on since); each branch stops at the page. Every row still passes
//   `visibleRequests`. A text query is checked as the branches walk (see `matchesOf` and
//   `rowMatches`: a rare word's matches collected first, a common word's row by row).
// - a common status (most are `archived`) is not worth its index: walking newest first finds the
//   page sooner than sorting every request of that status (see `statusTerm`).
// Nothing counts the whole set: the exact total comes with the last page only, every other page
// says that more follow.
import { and, eq, gte, isNotNull, isNull, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import { diceSimilarity, gramSet } from '../domain/similarity.js';
import type { Level, RequestStatus } from '../domain/index.js';
import type { Conn } from './db.js';
import { requests } from './schema.js';
import { gramPatterns, matchAll } from './text-index.js';
import { visibleRequests, type Visibility } from './visibility.js';

/** A one-character query cannot use the bigram index: it is looked for with LIKE among this many newest visible requests. */
export const LIKE_WINDOW = 5000;
/** A status with more requests than this is filtered while walking newest first rather than through its index. */
const COMMON_STATUS = 5000;

export interface SearchFilters {
  /** a request number (or its beginning, e.g. SQ20250303) or words of the text */
  q?: string;
  status?: RequestStatus;
  level?: Level;
  /** received at or after */
  from?: Date;
  /** received before */
  to?: Date;
  /** true: only overdue ones; false: only those not overdue */
  overdue?: boolean;
  limit: number;
  offset: number;
}

export interface SearchHit {
  id: string;
  text: string;
  channel: string;
  status: RequestStatus;
  level: Level | null;
  townshipId: string;
  villageId: string | null;
  responsibleUnitId: string | null;
  responsibleUnitName: string | null;
  deadline: Date | null;
  overdue: boolean;
  blocked: boolean;
  createdAt: Date;
  closedAt: Date | null;
  mergedInto: string | null;
}

export interface SearchResult {
  items: SearchHit[];
  /** the exact number of matches: given with the last page only */
  total?: number;
  /** whether matches follow this page */
  more: boolean;
}

/** A request number or the beginning of one: searched by the primary key, not the text. */
const NUMBER = /^SQ\d{1,13}$/i;

const columns = sql`${requests.id} as id, ${requests.text} as text, ${requests.channel} as channel, ${requests.status} as status,
  ${requests.level} as level, ${requests.townshipId} as townshipId, ${requests.villageId} as villageId,
  ${requests.responsibleUnitId} as responsibleUnitId,
  (select name from org_units u where u.id = ${requests.responsibleUnitId}) as responsibleUnitName,
  ${requests.deadline} as deadline, ${requests.overdueAt} is not null as overdue, ${requests.blockedReason} is not null as blocked,
  ${requests.createdAt} as createdAt, ${requests.closedAt} as closedAt, ${requests.mergedInto} as mergedInto, ${requests}.rowid as receivedSeq`;
const newestFirst = sql`${requests.createdAt} desc, ${requests}.rowid desc`;

interface RawHit extends Omit<SearchHit, 'deadline' | 'createdAt' | 'closedAt' | 'overdue' | 'blocked'> {
  deadline: number | null;
  createdAt: number;
  closedAt: number | null;
  overdue: number;
  blocked: number;
  receivedSeq: number;
}

const toHit = ({ receivedSeq: _seq, ...r }: RawHit): SearchHit => ({
  ...r,
  deadline: r.deadline === null ? null : new Date(r.deadline),
  createdAt: new Date(r.createdAt),
  closedAt: r.closedAt === null ? null : new Date(r.closedAt),
  overdue: r.overdue === 1,
  blocked: r.blocked === 1,
});

const all = (...parts: (SQL | undefined)[]): SQL => and(...parts) ?? sql`1 = 1`;

/**
 * `status = ?`, or for a status many requests have `+status = ?` (the unary plus keeps SQLite off
 * `requests_status`): sorting 50,000 archived requests to show 20 costs more than walking the
 * newest until 20 are found. Counting up to COMMON_STATUS entries of the index tells the two apart.
 */
function statusTerm(conn: Conn, status: RequestStatus): SQL {
  const n = conn.get<{ n: number }>(sql`select count(*) as n from (select 1 from ${requests} where ${requests.status} = ${status} limit ${COMMON_STATUS + 1})`).n;
  return n > COMMON_STATUS ? sql`+${requests.status} = ${status}` : eq(requests.status, status);
}

function filtersOf(conn: Conn, f: SearchFilters): SQL | undefined {
  return and(
    f.status === undefined ? undefined : statusTerm(conn, f.status),
    f.level === undefined ? undefined : eq(requests.level, f.level),
    f.from === undefined ? undefined : gte(requests.createdAt, f.from),
    f.to === undefined ? undefined : lt(requests.createdAt, f.to),
    f.overdue === undefined ? undefined : f.overdue ? isNotNull(requests.overdueAt) : isNull(requests.overdueAt),
  );
}

const likeOf = (q: string): SQL => sql`${requests.text} like ${`%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} escape '\\'`;

/** A text query with more matches than this is checked row by row in a village's walk (rowMatches), not collected first (inMatches). */
const FEW_MATCHES = 5000;

/**
 * For a village's branches, which walk a few thousand rows of their own index newest first, a
 * query's matches are checked in one of two ways, whichever reads less:
 * - few matches (a rare word): collected once (`matchesOf`), and each row is looked up in them;
 * - many (路灯: a twentieth of a million requests): each row's grams pass the LIKE patterns of
 *   the query's CJK grams first (a lookup of the row in the index by rowid), then the FTS5 match
 *   of that one row decides. Collecting them all would cost more than the walk.
 */
const matchesOf = (match: string): SQL => sql`with matches as materialized (select rowid as rid from request_text_index where request_text_index match ${match}) `;
const inMatches = sql`+${requests}.rowid in (select rid from matches)
  and exists (select 1 from request_text_index f where f.rowid = ${requests}.rowid and f.request_id = ${requests.id})`;
const rowMatches = (match: string, patterns: readonly string[]): SQL => {
  const grams = sql`(select ' ' || g.grams || ' ' from request_text_index g where g.rowid = ${requests}.rowid)`;
  const likes = patterns.map((p) => sql`${grams} like ${p}`);
  const exact = sql`exists (select 1 from request_text_index f where f.rowid = ${requests}.rowid and f.request_id = ${requests.id} and request_text_index match ${match})`;
  return all(...likes, exact);
};

function hasManyMatches(conn: Conn, match: string): boolean {
  const n = conn.get<{ n: number }>(sql`select count(*) as n from (select 1 from request_text_index where request_text_index match ${match} limit ${FEW_MATCHES + 1})`).n;
  return n > FEW_MATCHES;
}

/**
 * The branches a village's list is drawn from, each reachable by an index and disjoint from the
 * ones before it (see the head of this file); undefined for the other scopes, which walk newest first.
 */
function branchesOf(scope: Visibility): SQL[] | undefined {
  if (scope.kind !== 'village') return undefined;
  const elsewhere = sql`${requests.villageId} is not ${scope.unitId}`;
  const returned = sql`${requests.id} in (select request_id from request_returns where unit_id = ${scope.unitId})`;
  const notNow = sql`${requests.responsibleUnitId} is not ${scope.unitId}`;
  const ownedOnce = sql`${requests.id} in (select request_id from ledger_entries where unit_id = ${scope.unitId})`;
  return [
    eq(requests.villageId, scope.unitId),
    all(eq(requests.responsibleUnitId, scope.unitId), elsewhere),
    all(returned, elsewhere, notNow),
    all(ownedOnce, elsewhere, notNow, sql`not (${returned})`),
  ];
}

/** The query of one page of rows matching `where`, newest first (for a village: merged from its branches). */
function pageSql(scope: Visibility, where: SQL, limit: number, offset: number, prelude: SQL = sql``): SQL {
  const branches = branchesOf(scope);
  if (branches === undefined) return sql`${prelude}select ${columns} from ${requests} where ${where} order by ${newestFirst} limit ${limit} offset ${offset}`;
  const k = offset + limit;
  const parts = branches.map((b) => sql`select * from (select ${columns} from ${requests} where ${b} and ${where} order by ${newestFirst} limit ${k})`);
  return sql`${prelude}select * from (${sql.join(parts, sql` union all `)}) order by createdAt desc, receivedSeq desc limit ${limit} offset ${offset}`;
}

function resultOf(rows: RawHit[], f: SearchFilters): SearchResult {
  const more = rows.length > f.limit;
  const items = rows.slice(0, f.limit).map(toHit);
  return !more && (items.length > 0 || f.offset === 0) ? { items, total: f.offset + items.length, more } : { items, more };
}

/** The requests `scope` may see that match `f`, newest first (a number search: by number, highest first). */
export function searchRequests(conn: Conn, scope: Visibility, f: SearchFilters): SearchResult {
  const where = all(visibleRequests(scope), filtersOf(conn, f));
  const q = f.q?.trim() ?? '';
  const limit = f.limit + 1;
  const rows = (): RawHit[] => {
    if (q === '') return conn.all<RawHit>(pageSql(scope, where, limit, f.offset));
    if (NUMBER.test(q)) {
      // every id that starts with the prefix sorts at or after it and before the prefix followed by ':' (the character after '9')
      const prefix = q.toUpperCase();
      const range = sql`${requests.id} >= ${prefix} and ${requests.id} < ${`${prefix}:`}`;
      return conn.all<RawHit>(sql`select ${columns} from ${requests} where ${range} and ${where} order by ${requests.id} desc limit ${limit} offset ${f.offset}`);
    }
    if ([...q].length === 1) {
      const recent = sql`select receivedSeq from (${pageSql(scope, where, LIKE_WINDOW, 0)})`;
      return conn.all<RawHit>(sql`select ${columns} from ${requests} where ${requests}.rowid in (${recent}) and ${likeOf(q)} order by ${newestFirst} limit ${limit} offset ${f.offset}`);
    }
    const match = matchAll(q);
    if (match === undefined) return [];
    if (branchesOf(scope) !== undefined) {
      return hasManyMatches(conn, match)
        ? conn.all<RawHit>(pageSql(scope, all(where, rowMatches(match, gramPatterns(q))), limit, f.offset))
        : conn.all<RawHit>(pageSql(scope, all(where, inMatches), limit, f.offset, matchesOf(match)));
    }
    return conn.all<RawHit>(sql`select ${columns} from request_text_index join ${requests} on ${requests}.rowid = request_text_index.rowid and ${requests.id} = request_text_index.request_id
      where request_text_index match ${match} and ${where} order by request_text_index.rowid desc limit ${limit} offset ${f.offset}`);
  };
  return resultOf(rows(), f);
}

// ---------------------------------------------------------------- duplicates

/**
 * How alike a text must be to be suggested as a duplicate (Dice over grams, domain/similarity.ts).
 * Low on purpose: the candidates are already narrowed to one village (or township) and 90 days,
 * a few dozen requests at the study's rates, and at most five are shown, best first, so a weak
 * suggestion costs a glance while a missed duplicate costs a second handling. Retold duplicates
 * score 0.3–0.6 (村口路灯坏了三天了 / 村口的路灯坏了: 0.57; 黄梁村三组路灯不亮,晚上出行不便 /
 * 三组的路灯一直不亮,晚上走路不方便: 0.30); unrelated requests mostly under 0.2, though shared
 * stock phrases (村民反映…) can lift one to 0.4.
 */
export const DUPLICATE_THRESHOLD = 0.25;
/** Requests closed longer ago than this are not suggested (a new request about an old matter is new work). */
export const DUPLICATE_WINDOW_DAYS = 90;
export const MAX_DUPLICATES = 5;
/** The newest this many requests of the place are compared; older open ones are rare (time limits are 15–90 days). */
export const DUPLICATE_CANDIDATES = 1000;

export interface DuplicateQuery {
  townshipId: string;
  /** the same village or community; without one, the whole township */
  villageId?: string | null;
  text: string;
  now: Date;
  /** a request not to suggest (the one being screened) */
  exceptId?: string;
}

export interface Duplicate {
  id: string;
  text: string;
  status: RequestStatus;
  similarity: number;
  villageId: string | null;
  createdAt: Date;
  closedAt: Date | null;
}

/**
 * Likely duplicates of a new text among the requests `scope` may see: the same village (or the
 * township when no village is named), still open or closed in the last 90 days, not merged
 * themselves, similar above DUPLICATE_THRESHOLD; best first, at most MAX_DUPLICATES.
 */
export function likelyDuplicates(conn: Conn, scope: Visibility, d: DuplicateQuery): Duplicate[] {
  const grams = gramSet(d.text);
  if (grams.size === 0) return [];
  const cutoff = new Date(d.now.getTime() - DUPLICATE_WINDOW_DAYS * 86_400_000);
  const place = d.villageId ? eq(requests.villageId, d.villageId) : eq(requests.townshipId, d.townshipId);
  const rows = conn
    .select({ id: requests.id, text: requests.text, status: requests.status, villageId: requests.villageId, createdAt: requests.createdAt, closedAt: requests.closedAt })
    .from(requests)
    .where(
      and(
        place,
        ne(requests.status, 'merged'),
        or(isNull(requests.closedAt), gte(requests.closedAt, cutoff)),
        d.exceptId === undefined ? undefined : ne(requests.id, d.exceptId),
        visibleRequests(scope),
      ),
    )
    .orderBy(sql`${requests.createdAt} desc`)
    .limit(DUPLICATE_CANDIDATES)
    .all();
  return rows
    .map((r) => ({ ...r, similarity: Math.round(diceSimilarity(grams, gramSet(r.text)) * 100) / 100 }))
    .filter((r) => r.similarity >= DUPLICATE_THRESHOLD)
    .sort((a, b) => b.similarity - a.similarity || b.createdAt.getTime() - a.createdAt.getTime())
    .slice(0, MAX_DUPLICATES);
}
