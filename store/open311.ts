// Open311 GeoReport v2: the keys of the civic apps allowed to submit requests, the record of what
// came in through that door (the service asked for and the token answered), and the read side the
// GET requests answer from: every request's progress, its place by name, never its citizen.
//
// A key is kept as its SHA-256 hash only. Unlike a password it is a long random secret handed to an
// app, so a fast unsalted hash suffices and lets the key be looked up by its hash.
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { isFinished, requestStatuses, type DomainArea, type ListType, type RequestStatus } from '../domain/index.js';
import type { Conn } from './db.js';
import { open311Keys, open311Requests, orgUnits, type BlockedKind } from './schema.js';

export function hashOpen311Key(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export interface Open311Key {
  id: number;
  name: string;
}

/** Adds a key (by its hash); adding the same key again changes nothing and returns the existing one. */
export function addOpen311Key(conn: Conn, k: { name: string; key: string; at: Date; demo?: boolean }): Open311Key {
  const keyHash = hashOpen311Key(k.key);
  conn
    .insert(open311Keys)
    .values({ name: k.name, keyHash, createdAt: k.at, demo: k.demo ?? false })
    .onConflictDoNothing()
    .run();
  return conn.select({ id: open311Keys.id, name: open311Keys.name }).from(open311Keys).where(eq(open311Keys.keyHash, keyHash)).get()!;
}

/** Revokes a key: from then on it opens nothing. Returns whether this call revoked it. */
export function revokeOpen311Key(conn: Conn, id: number, at: Date): boolean {
  return (
    conn
      .update(open311Keys)
      .set({ revokedAt: at })
      .where(and(eq(open311Keys.id, id), isNull(open311Keys.revokedAt)))
      .run().changes > 0
  );
}

/** The key an `api_key` stands for, unless it is unknown or revoked. */
export function open311KeyFor(conn: Conn, key: string): Open311Key | undefined {
  return conn
    .select({ id: open311Keys.id, name: open311Keys.name })
    .from(open311Keys)
    .where(and(eq(open311Keys.keyHash, hashOpen311Key(key)), isNull(open311Keys.revokedAt)))
    .get();
}

/**
 * Records that a request came in through Open311, with a fresh random token. Idempotent by request:
 * recording it again (a retried submission) keeps and returns the first token.
 */
export function recordOpen311Request(conn: Conn, r: { requestId: string; serviceCode: string; keyId: number; at: Date }): { token: string } {
  conn
    .insert(open311Requests)
    .values({ requestId: r.requestId, serviceCode: r.serviceCode, token: randomBytes(16).toString('base64url'), keyId: r.keyId, createdAt: r.at })
    .onConflictDoNothing({ target: open311Requests.requestId })
    .run();
  return conn.select({ token: open311Requests.token }).from(open311Requests).where(eq(open311Requests.requestId, r.requestId)).get()!;
}

/** The request a token was answered for. */
export function requestIdForToken(conn: Conn, token: string): string | undefined {
  return conn.select({ id: open311Requests.requestId }).from(open311Requests).where(eq(open311Requests.token, token)).get()?.id;
}

/** What GET requests shows of one request: progress, places and units by name; no citizen, no staff. */
export interface Open311Line {
  id: string;
  status: RequestStatus;
  /** the text as stored: the caller masks identity in it */
  text: string;
  domain: DomainArea | null;
  listType: ListType | null;
  /** the service asked for, when it came in through Open311 */
  open311ServiceCode: string | null;
  responsibleUnit: string | null;
  townshipId: string;
  township: string;
  villageId: string | null;
  village: string | null;
  district: string | null;
  deadline: Date | null;
  createdAt: Date;
  closedAt: Date | null;
  /** the latest step in its case file */
  lastEventAt: Date | null;
  blockedKind: BlockedKind | null;
  overdue: boolean;
  mergedInto: string | null;
}

/** A service of the catalogue a filter asks for: its code, and the assessment that means it. */
export interface ServiceFilter {
  code: string;
  domain: DomainArea;
  listType: ListType;
}

export type Open311Query =
  | {
      /** these requests, whatever else (the spec: service_request_id overrides every other filter) */
      ids: string[];
    }
  | {
      from: Date;
      to: Date;
      /** empty or absent: every service */
      services?: ServiceFilter[];
      /** absent or both: open and closed */
      status?: 'open' | 'closed';
      limit: number;
    };

const FINISHED = requestStatuses.codes.filter(isFinished);
/** Left out of listings: invalid requests were explained away, merged ones follow their master. */
const UNLISTED: RequestStatus[] = ['invalid', 'merged'];

const inList = (values: readonly string[]): SQL => sql.join(values.map((v) => sql`${v}`), sql`, `);

interface RawLine {
  id: string;
  status: RequestStatus;
  text: string;
  domain: DomainArea | null;
  listType: ListType | null;
  open311ServiceCode: string | null;
  townshipId: string;
  villageId: string | null;
  responsibleUnitId: string | null;
  deadline: number | null;
  createdAt: number;
  closedAt: number | null;
  lastEventAt: number | null;
  blockedKind: BlockedKind | null;
  overdue: number;
  mergedInto: string | null;
}

const at = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));

/**
 * The requests of a query, newest first (ties in insertion order). A listing walks the
 * `requests_created` index newest first over the window, in the index's own order (created_at,
 * rowid: no sort), and stops at `limit`; status and service filters are checked row by row on the
 * way (`+status`: never an index on status, which would sort the whole set). Units are named from
 * one read of `org_units` (a few hundred rows) rather than four joins per line.
 */
export function open311Lines(conn: Conn, q: Open311Query): Open311Line[] {
  let where: SQL;
  let limit: number;
  if ('ids' in q) {
    if (q.ids.length === 0) return [];
    where = sql`r.id in (select value from json_each(${JSON.stringify(q.ids)}))`;
    limit = q.ids.length;
  } else {
    const services = q.services ?? [];
    const conditions: SQL[] = [sql`r.created_at >= ${q.from.getTime()}`, sql`r.created_at <= ${q.to.getTime()}`, sql`+r.status not in (${inList(UNLISTED)})`];
    if (q.status === 'open') conditions.push(sql`+r.status not in (${inList(FINISHED)})`);
    if (q.status === 'closed') conditions.push(sql`+r.status in (${inList(FINISHED)})`);
    if (services.length > 0) {
      const assessed = sql.join(
        services.map((s) => sql`(r.domain = ${s.domain} and r.list_type = ${s.listType})`),
        sql` or `,
      );
      conditions.push(sql`(o.service_code in (${inList(services.map((s) => s.code))}) or (o.request_id is null and (${assessed})))`);
      // Only the rows that can match, read through their own indexes (a service over the window,
      // `requests_service`; the codes asked through Open311, `open311_requests_service`), instead of
      // every request of the window: the condition above still decides.
      const window = sql`between ${q.from.getTime()} and ${q.to.getTime()}`;
      const byService = services.map((s) => sql`select rowid from requests where domain = ${s.domain} and list_type = ${s.listType} and created_at ${window}`);
      const asked = sql`select r2.rowid from open311_requests o2 join requests r2 on r2.id = o2.request_id
        where o2.service_code in (${inList(services.map((s) => s.code))}) and o2.created_at ${window}`;
      conditions.push(sql`r.rowid in (${sql.join([...byService, asked], sql` union all `)})`);
    }
    where = sql.join(conditions, sql` and `);
    limit = q.limit;
  }
  const rows = conn.all<RawLine>(sql`
    select r.id as id, r.status as status, r.text as text, r.domain as domain, r.list_type as listType, o.service_code as open311ServiceCode,
      r.township_id as townshipId, r.village_id as villageId, r.responsible_unit_id as responsibleUnitId, r.deadline as deadline,
      r.created_at as createdAt, r.closed_at as closedAt, (select max(ce.at) from case_events ce where ce.request_id = r.id) as lastEventAt,
      r.blocked_kind as blockedKind, r.overdue_at is not null as overdue, r.merged_into as mergedInto
    from requests r left join open311_requests o on o.request_id = r.id
    where ${where}
    order by r.created_at desc, r.rowid desc
    limit ${limit}`);
  if (rows.length === 0) return [];
  const units = new Map(conn.select({ id: orgUnits.id, name: orgUnits.name, parentId: orgUnits.parentId }).from(orgUnits).all().map((u) => [u.id, u]));
  const nameOf = (id: string | null | undefined): string | null => (id === null || id === undefined ? null : (units.get(id)?.name ?? null));
  return rows.map((r) => {
    const township = units.get(r.townshipId);
    return {
      id: r.id,
      status: r.status,
      text: r.text,
      domain: r.domain,
      listType: r.listType,
      open311ServiceCode: r.open311ServiceCode,
      responsibleUnit: nameOf(r.responsibleUnitId),
      townshipId: r.townshipId,
      township: township?.name ?? r.townshipId,
      villageId: r.villageId,
      village: nameOf(r.villageId),
      district: nameOf(township?.parentId),
      deadline: at(r.deadline),
      createdAt: new Date(r.createdAt),
      closedAt: at(r.closedAt),
      lastEventAt: at(r.lastEventAt),
      blockedKind: r.blockedKind,
      overdue: r.overdue === 1,
      mergedInto: r.mergedInto,
    };
  });
}
