// 移交纪委: "a request urged and still stalled can be handed to the discipline commission with the
// record". A supervisor hands it over only when the request is still open, overdue and has had a
// supervision order (督办单, recorded in `urgings` when the diagram's timer sent one); once per
// request. The hand-over writes a step into the case file and tells the discipline commission
// where the case file is, in one transaction. (Its staff read case files already: the commission
// is a district body, and district bodies see every request, store/visibility.ts.)
import { and, count, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { isFinished } from '../domain/index.js';
import type { Conn } from './db.js';
import { appendCaseEvent } from './case-file.js';
import { enqueueNotification } from './notifications.js';
import { unitOfCandidateGroup } from './org-units.js';
import { disciplineReferrals, orgUnits, requests, staff, urgings } from './schema.js';

export type DisciplineReferral = typeof disciplineReferrals.$inferSelect;

/** The candidate group of the discipline commission (区纪委监委), as the workflows name it. */
export const DISCIPLINE_COMMISSION_GROUP = 'district:discipline-commission';

/** Why a request cannot be handed over (yet). */
export type ReferralBlocker = 'no_request' | 'finished' | 'not_overdue' | 'not_urged' | 'already_referred';

/** Every condition the request fails now, in this order; none: it may be handed over. */
export function referralBlockers(conn: Conn, requestId: string): ReferralBlocker[] {
  const request = conn.select().from(requests).where(eq(requests.id, requestId)).get();
  if (request === undefined) return ['no_request'];
  const blockers: ReferralBlocker[] = [];
  if (isFinished(request.status)) blockers.push('finished');
  if (request.overdueAt === null) blockers.push('not_overdue');
  const orders = conn.select({ n: count() }).from(urgings).where(and(eq(urgings.requestId, requestId), eq(urgings.kind, 'supervision_order'))).get()?.n ?? 0;
  if (orders === 0) blockers.push('not_urged');
  if (referralOf(conn, requestId) !== undefined) blockers.push('already_referred');
  return blockers;
}

/** Refused: the conditions the request fails. */
export class ReferralRefused extends Error {
  constructor(readonly blockers: ReferralBlocker[]) {
    super(`cannot hand the request to the discipline commission: ${blockers.join(', ')}`);
    this.name = 'ReferralRefused';
  }
}

export interface NewReferral {
  requestId: string;
  reason: string;
  referredByStaffId: string;
  at: Date;
  /** where the commission reads the record, e.g. `/api/requests/<id>/case-file` */
  caseFileUrl: string;
}

/**
 * Hands the request over: checks the conditions again inside the write transaction (so two
 * supervisors at once cannot both), records the referral against the unit responsible now, writes
 * the case event `referred_to_discipline` and the notice to the discipline commission.
 */
export function referToDiscipline(conn: Conn, r: NewReferral): DisciplineReferral {
  return conn.transaction(
    (tx) => {
      const blockers = referralBlockers(tx, r.requestId);
      if (blockers.length > 0) throw new ReferralRefused(blockers);
      const request = tx.select().from(requests).where(eq(requests.id, r.requestId)).get()!;
      const unitId = request.responsibleUnitId ?? request.villageId ?? request.townshipId;
      const commission = unitOfCandidateGroup(tx, DISCIPLINE_COMMISSION_GROUP);
      if (commission === undefined) throw new Error(`no unit for ${DISCIPLINE_COMMISSION_GROUP}: the organisation lacks the discipline commission`);
      const unitName = tx.select({ name: orgUnits.name }).from(orgUnits).where(eq(orgUnits.id, unitId)).get()?.name ?? unitId;
      const row = tx.insert(disciplineReferrals).values({ requestId: r.requestId, unitId, reason: r.reason, referredByStaffId: r.referredByStaffId, at: r.at }).returning().get();
      appendCaseEvent(tx, {
        requestId: r.requestId,
        kind: 'referred_to_discipline',
        actor: r.referredByStaffId,
        at: r.at,
        detail: { referralId: row.id, unitId, reason: r.reason, to: commission.id },
        idempotencyKey: `discipline-referral:${row.id}`,
      });
      enqueueNotification(tx, {
        channel: 'internal',
        recipient: commission.id,
        requestId: r.requestId,
        text: `区督导组移交诉求 ${r.requestId}(责任单位:${unitName}):经督办仍未办结,已超期。移交理由:${r.reason}。案卷:${r.caseFileUrl}`,
        idempotencyKey: `discipline-referral:${row.id}`,
        at: r.at,
      });
      return row;
    },
    { behavior: 'immediate' },
  );
}

export function referralOf(conn: Conn, requestId: string): DisciplineReferral | undefined {
  return conn.select().from(disciplineReferrals).where(eq(disciplineReferrals.requestId, requestId)).get();
}

export interface ReferralFilter {
  units?: readonly string[];
  /** referred at or after */
  from?: Date;
  /** referred before */
  to?: Date;
}

export interface ReferralLine extends DisciplineReferral {
  unitName: string;
  referredByName: string;
  requestText: string;
  requestStatus: (typeof requests.$inferSelect)['status'];
}

const conditions = (f: ReferralFilter): SQL | undefined =>
  and(
    f.units === undefined ? undefined : inArray(disciplineReferrals.unitId, [...f.units]),
    f.from === undefined ? undefined : gte(disciplineReferrals.at, f.from),
    f.to === undefined ? undefined : lt(disciplineReferrals.at, f.to),
  );

const selectLines = (conn: Conn) =>
  conn
    .select({
      id: disciplineReferrals.id,
      requestId: disciplineReferrals.requestId,
      unitId: disciplineReferrals.unitId,
      reason: disciplineReferrals.reason,
      referredByStaffId: disciplineReferrals.referredByStaffId,
      at: disciplineReferrals.at,
      unitName: orgUnits.name,
      referredByName: staff.name,
      requestText: requests.text,
      requestStatus: requests.status,
    })
    .from(disciplineReferrals)
    .innerJoin(orgUnits, eq(orgUnits.id, disciplineReferrals.unitId))
    .innerJoin(staff, eq(staff.id, disciplineReferrals.referredByStaffId))
    .innerJoin(requests, eq(requests.id, disciplineReferrals.requestId));

/** Referrals, the latest first. */
export function referralLines(conn: Conn, f: ReferralFilter, page: { limit: number; offset: number }): { items: ReferralLine[]; total: number } {
  const items = selectLines(conn).where(conditions(f)).orderBy(desc(disciplineReferrals.at), desc(disciplineReferrals.id)).limit(page.limit).offset(page.offset).all();
  const total = conn.select({ n: sql<number>`count(*)` }).from(disciplineReferrals).where(conditions(f)).get()?.n ?? 0;
  return { items, total: Number(total) };
}

export function referralLine(conn: Conn, id: number): ReferralLine | undefined {
  return selectLines(conn).where(eq(disciplineReferrals.id, id)).get();
}
