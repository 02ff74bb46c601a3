// What intake records besides the request itself: its number, the proxy record of a request staff
// entered for someone offline (代办), and the citizen's identity for the staff who may see it; and
// for the citizen's own door, whether the follow-up of the current round awaits their answer.
import { and, eq, gte, sql } from 'drizzle-orm';
import type { Conn } from './db.js';
import { caseEvents, followUps, idempotentResponses, requestCitizens, requestNumbers, requestProxies } from './schema.js';
import { getRequest } from './requests.js';
import { currentRound } from './sign-offs.js';
import type { CitizenIdentity } from './requests.js';

const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** `yyyymmdd` of `at` in Beijing time: the day a request number counts in. */
export function beijingDay(at: Date): string {
  return new Date(at.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10).replaceAll('-', '');
}

/**
 * The next request number of the Beijing day of `at`: `SQ<yyyymmdd><nnnn>`, the sequence four digits
 * wide and wider past 9999 (SQ2025030310000). Call it inside the intake's write transaction: the
 * counter row is bumped and read in one statement, so two intakes never get the same number.
 */
export function nextRequestNumber(conn: Conn, at: Date): string {
  const day = beijingDay(at);
  const row = conn.get<{ last: number }>(
    sql`insert into ${requestNumbers} (day, last) values (${day}, 1) on conflict (day) do update set last = last + 1 returning last`,
  );
  return `SQ${day}${String(row.last).padStart(4, '0')}`;
}

export interface ProxyRecord {
  proxyName: string;
  proxyPhone?: string;
  /** e.g. 子女, 网格员, 邻居 */
  relation: string;
  consentGiven: boolean;
  consentMethod: 'in_person' | 'phone' | 'written';
  consentNote?: string;
}

/** Records who brought a proxy request in and how the citizen consented, with the member of staff who entered it. */
export function recordProxy(conn: Conn, requestId: string, proxy: ProxyRecord, recordedByStaffId: string, at: Date): void {
  conn
    .insert(requestProxies)
    .values({ requestId, ...proxy, recordedByStaffId, at })
    .onConflictDoNothing()
    .run();
}

export type StoredProxy = typeof requestProxies.$inferSelect;

export function proxyOf(conn: Conn, requestId: string): StoredProxy | undefined {
  return conn.select().from(requestProxies).where(eq(requestProxies.requestId, requestId)).get();
}

/** The citizen's whole identity as recorded at intake: for staff who may see the request, never for the public. */
export function citizenIdentityOf(conn: Conn, requestId: string): CitizenIdentity | undefined {
  const row = conn
    .select({ name: requestCitizens.name, phone: requestCitizens.phone, idNumber: requestCitizens.idNumber, address: requestCitizens.address })
    .from(requestCitizens)
    .where(eq(requestCitizens.requestId, requestId))
    .get();
  if (row === undefined) return undefined;
  return Object.fromEntries(Object.entries(row).filter(([, v]) => v !== null)) as CitizenIdentity;
}

/**
 * Changes the status kept with an idempotent answer (store/idempotent-responses.ts): an intake
 * stores its answer as 201 in its transaction and turns it into 202 when the engine then does not
 * take the start message in time, so a retry gets what the first call got.
 */
export function setStoredStatus(conn: Conn, scopeKey: string, statusCode: number): void {
  conn.update(idempotentResponses).set({ statusCode }).where(eq(idempotentResponses.scopeKey, scopeKey)).run();
}

/**
 * The handling round whose follow-up (回访) awaits the citizen's answer: the request is closed
 * (销号) in this round, the citizen was asked since, and no answer (nor "no response") is recorded
 * for the round yet. Undefined otherwise.
 */
export function awaitedFollowUpRound(conn: Conn, requestId: string): number | undefined {
  const r = getRequest(conn, requestId);
  if (r === undefined || r.status !== 'closed' || r.closedAt === null) return undefined;
  const asked = conn
    .select({ id: caseEvents.id })
    .from(caseEvents)
    .where(and(eq(caseEvents.requestId, requestId), eq(caseEvents.kind, 'follow_up_asked'), gte(caseEvents.at, r.closedAt)))
    .get();
  if (asked === undefined) return undefined;
  const round = currentRound(conn, requestId);
  const answered = conn
    .select({ round: followUps.round })
    .from(followUps)
    .where(and(eq(followUps.requestId, requestId), eq(followUps.round, round)))
    .get();
  return answered === undefined ? round : undefined;
}
