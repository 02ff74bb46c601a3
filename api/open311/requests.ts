// GET requests: the query's window and filters as the spec gives them, and each request as a
// GeoReport service request. Nothing of the citizen leaves: the place is the township and village
// by name (never the address they gave), the text has phone and ID numbers masked and the
// citizen's own recorded identity blanked (as the public board shows it).
import { isFinished, requestStatuses } from '../../domain/index.js';
import type { Conn } from '../../store/db.js';
import { boardTexts } from '../../store/board.js';
import { open311Lines, type Open311Line, type Open311Query, type ServiceFilter } from '../../store/open311.js';
import { blockedKinds } from '../board/blocked-kinds.js';
import { beijing } from '../schemas.js';
import { serviceCodeOf, serviceNameOf, serviceOf } from './services.js';

/** The spec: a window of at most 90 days; the most recent 90 days when none is given. */
export const MAX_WINDOW_DAYS = 90;
/** The spec's volume: at most 1,000 requests a call, newest first. */
export const MAX_REQUESTS = 1000;
/**
 * Without `page_size` (our extension), 200: a page of 1,000 costs the API about 30 ms of CPU
 * (BENCHMARKS.md), a fifth of that keeps the p99 under 50 ms; a client pages by narrowing end_date.
 */
export const DEFAULT_REQUESTS = 200;
/** At most this many ids in one `service_request_id`. */
export const MAX_IDS = 100;

const DAY = 86_400_000;
/** w3 date-times with the offset the spec requires (Z or ±hh:mm). */
export const W3_DATETIME = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})$';

export interface RequestsQuery {
  service_request_id?: string;
  service_code?: string;
  start_date?: string;
  end_date?: string;
  status?: string;
  page_size?: number;
}

/** A filter a caller got wrong: the parameter and what is wrong, in Chinese first. */
export class QueryProblem extends Error {
  constructor(
    readonly parameter: string,
    readonly zh: string,
  ) {
    super(`${parameter}: ${zh}`);
  }
}

const list = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');

/** The store's query for the spec's filters at `now`; throws QueryProblem for a filter it cannot take. */
export function queryOf(q: RequestsQuery, now: Date): Open311Query {
  const ids = list(q.service_request_id);
  if (ids.length > MAX_IDS) throw new QueryProblem('service_request_id', `一次最多查询 ${MAX_IDS} 个诉求`);
  // the spec: service_request_id overrides every other argument
  if (ids.length > 0) return { ids };

  const services: ServiceFilter[] = [];
  for (const code of list(q.service_code)) {
    const service = serviceOf(code);
    if (service === undefined) throw new QueryProblem('service_code', `没有这项服务: ${code}`);
    services.push(service);
  }

  const statuses = new Set(list(q.status));
  for (const s of statuses) if (s !== 'open' && s !== 'closed') throw new QueryProblem('status', `状态只能是 open 或 closed: ${s}`);
  const status = statuses.size === 1 ? ([...statuses][0] as 'open' | 'closed') : undefined;

  const start = q.start_date === undefined ? undefined : new Date(q.start_date);
  const end = q.end_date === undefined ? undefined : new Date(q.end_date);
  if (start !== undefined && Number.isNaN(start.getTime())) throw new QueryProblem('start_date', '不是有效的日期时间');
  if (end !== undefined && Number.isNaN(end.getTime())) throw new QueryProblem('end_date', '不是有效的日期时间');
  const span = MAX_WINDOW_DAYS * DAY;
  const to = end ?? (start === undefined ? now : new Date(start.getTime() + span));
  const from = start ?? new Date(to.getTime() - span);
  if (from.getTime() > to.getTime()) throw new QueryProblem('start_date', 'start_date 晚于 end_date');
  if (to.getTime() - from.getTime() > span) throw new QueryProblem('end_date', `start_date 与 end_date 相隔不能超过 ${MAX_WINDOW_DAYS} 天`);

  return { from, to, services, status, limit: Math.min(q.page_size ?? DEFAULT_REQUESTS, MAX_REQUESTS) };
}

/** One request as GeoReport's service request (`request` element). */
export interface ServiceRequest {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string;
  service_name: string | null;
  service_code: string | null;
  description: string;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string;
  address_id: string;
  zipcode: null;
  lat: null;
  long: null;
  media_url: null;
}

function statusNotes(line: Open311Line): string {
  const label = requestStatuses.label(line.status);
  if (line.status === 'merged' && line.mergedInto !== null) return `${label}(并入 ${line.mergedInto})`;
  if (line.overdue && !isFinished(line.status)) return `${label}(已超期)`;
  return label;
}

function serviceOfLine(line: Open311Line): { code: string; name: string } | null {
  if (line.open311ServiceCode !== null) {
    const asked = serviceOf(line.open311ServiceCode);
    return { code: line.open311ServiceCode, name: asked === undefined ? line.open311ServiceCode : serviceNameOf(asked.domain, asked.listType) };
  }
  if (line.domain === null || line.listType === null) return null;
  return { code: serviceCodeOf(line.domain, line.listType), name: serviceNameOf(line.domain, line.listType) };
}

export function serviceRequestOf(line: Open311Line, description: string): ServiceRequest {
  const finished = isFinished(line.status);
  const service = serviceOfLine(line);
  const updated = finished && line.closedAt !== null ? line.closedAt : (line.lastEventAt ?? line.createdAt);
  return {
    service_request_id: line.id,
    status: finished ? 'closed' : 'open',
    status_notes: statusNotes(line),
    service_name: service?.name ?? null,
    service_code: service?.code ?? null,
    description,
    agency_responsible: line.responsibleUnit,
    // the kind as the public board names it (资金受限 ...), never the internal reason
    service_notice: line.blockedKind !== null && !finished ? `${blockedKinds.label(line.blockedKind)},正在协调解决` : null,
    requested_datetime: beijing(line.createdAt),
    updated_datetime: beijing(updated.getTime() < line.createdAt.getTime() ? line.createdAt : updated),
    expected_datetime: beijing(line.deadline),
    // from the most specific place to the most general, as the spec asks: never the citizen's address
    address: [line.village, line.township, line.district].filter((p) => p !== null).join(', '),
    address_id: line.villageId ?? line.townshipId,
    zipcode: null,
    lat: null,
    long: null,
    media_url: null,
  };
}

/** The requests of a query as GeoReport service requests. */
export function serviceRequests(conn: Conn, query: Open311Query): ServiceRequest[] {
  const lines = open311Lines(conn, query);
  // the public board's rule for a request's text, so both doors show the same
  const texts = boardTexts(conn, lines);
  return lines.map((l) => serviceRequestOf(l, texts.get(l.id) ?? ''));
}
