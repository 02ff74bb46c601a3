// Open claims with points (公开发榜, 积分), the study's proposal: a request that many resources could
// solve is posted publicly by staff; a citizen, a company or a member of staff claims it, reports the
// work, and staff review it; an approved claim earns the posting's points, counted per year.
//
// Every step is one transaction that checks the state it starts from (a posting open to be claimed,
// a claim awaiting review, ...), writes the step, a case event on the request and a notice (to the
// request's responsible unit, or to the claimant), so a step that fails leaves nothing behind. The
// partial unique indexes keep one live posting per request and one live claim per posting even when
// two callers race. Who may take a step is the API's to check; this module keeps the states right.
//
// A claimant's phone is for the unit that reviews the work and for notices only: nothing here that
// the public side reads carries it.
import { and, asc, desc, eq, gte, inArray, lt, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { RequestStatus } from '../domain/index.js';
import { appendCaseEvent } from './case-file.js';
import type { Conn } from './db.js';
import { enqueueNotification } from './notifications.js';
import { claimants, claims, openClaims, orgUnits, requestCitizens, requests, staff, type ClaimantKind, type ClaimStatus, type OpenClaimStatus } from './schema.js';
import { visibleRequests, type Visibility } from './visibility.js';

export type OpenClaim = typeof openClaims.$inferSelect;
export type Claim = typeof claims.$inferSelect;
export type Claimant = typeof claimants.$inferSelect;

/** A posting that can still be claimed or is being worked on. */
export const LIVE_POSTING: readonly OpenClaimStatus[] = ['open', 'claimed'];
/** A claim whose work is under way or awaits review. */
export const LIVE_CLAIM: readonly ClaimStatus[] = ['active', 'submitted'];
/** A request whose work is still to be done, so others can be asked to help with it. */
export const POSTABLE_REQUEST_STATUSES: readonly RequestStatus[] = ['assigned', 'in_progress', 'rehandling'];
const FINISHED_REQUEST_STATUSES: readonly RequestStatus[] = ['invalid', 'closed', 'archived', 'merged'];

export const OPEN_CLAIM_STATUS_LABELS: Readonly<Record<OpenClaimStatus, string>> = { open: '待认领', claimed: '已认领', done: '已完成', withdrawn: '已撤榜' };
export const CLAIM_STATUS_LABELS: Readonly<Record<ClaimStatus, string>> = { active: '办理中', submitted: '待审核', approved: '审核通过', rejected: '未通过', withdrawn: '已撤销' };
export const CLAIMANT_KIND_LABELS: Readonly<Record<ClaimantKind, string>> = { citizen: '群众', company: '企业', staff: '干部' };

/** The case events of a posting's life, as the case file records them. */
export const CLAIM_EVENT_KINDS = {
  posted: 'open_claim_posted',
  withdrawn: 'open_claim_withdrawn',
  claimed: 'open_claim_claimed',
  workReported: 'open_claim_work_reported',
  approved: 'open_claim_approved',
  rejected: 'open_claim_rejected',
} as const;

/** What a step answers when the state it starts from is not there. */
export type Refused<R extends string> = { ok: false; reason: R };

// ---------------------------------------------------------------- reading

/** A posting with what its steps need of the request and of the claim under way. */
export interface Posting extends OpenClaim {
  request: { id: string; status: RequestStatus; responsibleUnitId: string | null; townshipId: string; villageId: string | null };
  liveClaim: (Claim & { claimant: Claimant }) | null;
}

export function getPosting(conn: Conn, id: number): Posting | undefined {
  const row = conn
    .select({
      posting: openClaims,
      request: { id: requests.id, status: requests.status, responsibleUnitId: requests.responsibleUnitId, townshipId: requests.townshipId, villageId: requests.villageId },
    })
    .from(openClaims)
    .innerJoin(requests, eq(requests.id, openClaims.requestId))
    .where(eq(openClaims.id, id))
    .get();
  if (row === undefined) return undefined;
  const live = conn
    .select({ claim: claims, claimant: claimants })
    .from(claims)
    .innerJoin(claimants, eq(claimants.id, claims.claimantId))
    .where(and(eq(claims.openClaimId, id), inArray(claims.status, [...LIVE_CLAIM])))
    .get();
  return { ...row.posting, request: row.request, liveClaim: live === undefined ? null : { ...live.claim, claimant: live.claimant } };
}

/** Every claim of a posting with its claimant, newest first. */
export function claimsOfPosting(conn: Conn, openClaimId: number): (Claim & { claimant: Claimant })[] {
  return conn
    .select({ claim: claims, claimant: claimants })
    .from(claims)
    .innerJoin(claimants, eq(claimants.id, claims.claimantId))
    .where(eq(claims.openClaimId, openClaimId))
    .orderBy(desc(claims.claimedAt), desc(claims.id))
    .all()
    .map((r) => ({ ...r.claim, claimant: r.claimant }));
}

/** A posting as anyone may read it: the poster's words, the places and unit by name, who claimed it by the name they chose. */
export interface PublicPosting {
  id: number;
  requestId: string;
  title: string;
  description: string;
  points: number;
  status: OpenClaimStatus;
  postedAt: Date;
  closedAt: Date | null;
  unit: string | null;
  township: string;
  village: string | null;
  requestFinished: boolean;
  claimedBy: { kind: ClaimantKind; displayName: string } | null;
}

function publicPostings(conn: Conn, where: SQL | undefined, page: { limit: number; offset: number }): PublicPosting[] {
  const township = alias(orgUnits, 'township');
  const village = alias(orgUnits, 'village');
  const unit = alias(orgUnits, 'unit');
  const rows = conn
    .select({
      id: openClaims.id,
      requestId: openClaims.requestId,
      title: openClaims.title,
      description: openClaims.description,
      points: openClaims.points,
      status: openClaims.status,
      postedAt: openClaims.postedAt,
      closedAt: openClaims.closedAt,
      unit: unit.name,
      township: township.name,
      village: village.name,
      requestStatus: requests.status,
    })
    .from(openClaims)
    .innerJoin(requests, eq(requests.id, openClaims.requestId))
    .innerJoin(township, eq(township.id, requests.townshipId))
    .leftJoin(village, eq(village.id, requests.villageId))
    .leftJoin(unit, eq(unit.id, requests.responsibleUnitId))
    .where(where)
    .orderBy(desc(openClaims.postedAt), desc(openClaims.id))
    .limit(page.limit)
    .offset(page.offset)
    .all();
  const claimedBy = liveClaimantsOf(conn, rows.filter((r) => r.status === 'claimed').map((r) => r.id));
  return rows.map(({ requestStatus, ...r }) => ({ ...r, requestFinished: FINISHED_REQUEST_STATUSES.includes(requestStatus), claimedBy: claimedBy.get(r.id) ?? null }));
}

function liveClaimantsOf(conn: Conn, openClaimIds: number[]): Map<number, { kind: ClaimantKind; displayName: string }> {
  if (openClaimIds.length === 0) return new Map();
  const rows = conn
    .select({ openClaimId: claims.openClaimId, kind: claimants.kind, displayName: claimants.displayName })
    .from(claims)
    .innerJoin(claimants, eq(claimants.id, claims.claimantId))
    .where(and(inArray(claims.openClaimId, openClaimIds), inArray(claims.status, [...LIVE_CLAIM])))
    .all();
  return new Map(rows.map((r) => [r.openClaimId, { kind: r.kind, displayName: r.displayName }]));
}

/**
 * The public list: postings open to be claimed (of requests still to be done) and postings being
 * worked on, newest first.
 */
export function publicPostingList(conn: Conn, options: { status?: 'open' | 'claimed'; townshipId?: string; limit: number; offset: number }): PublicPosting[] {
  const openAndWanted = and(eq(openClaims.status, 'open'), notInArray(requests.status, [...FINISHED_REQUEST_STATUSES]));
  const shown = options.status === 'open' ? openAndWanted : options.status === 'claimed' ? eq(openClaims.status, 'claimed') : or(openAndWanted, eq(openClaims.status, 'claimed'));
  return publicPostings(conn, and(shown, options.townshipId === undefined ? undefined : eq(requests.townshipId, options.townshipId)), options);
}

/** One posting as the public reads it; a withdrawn one is nobody's business any more. */
export function publicPosting(conn: Conn, id: number): PublicPosting | undefined {
  return publicPostings(conn, and(eq(openClaims.id, id), inArray(openClaims.status, ['open', 'claimed', 'done'])), { limit: 1, offset: 0 })[0];
}

/** The postings of the requests a unit may see (newest first), with every claim and claimant. */
export function postingsVisibleTo(
  conn: Conn,
  visibility: Visibility,
  options: { status?: OpenClaimStatus; requestId?: string; id?: number; postedOrClaimedBy?: string; limit: number; offset: number },
): { postings: (PublicPosting & { postedByStaffId: string; responsibleUnitId: string | null; postedByUnitId: string; postedByName: string })[]; more: boolean } {
  const visible = visibleRequests(visibility);
  const rows = publicPostings(
    conn,
    and(
      visible,
      options.status === undefined ? undefined : eq(openClaims.status, options.status),
      options.requestId === undefined ? undefined : eq(openClaims.requestId, options.requestId),
      options.id === undefined ? undefined : eq(openClaims.id, options.id),
      options.postedOrClaimedBy === undefined ? undefined : postedOrClaimedBy(options.postedOrClaimedBy),
    ),
    { limit: options.limit + 1, offset: options.offset },
  );
  const more = rows.length > options.limit;
  const page = rows.slice(0, options.limit);
  const details = page.length === 0 ? [] : conn
    .select({ id: openClaims.id, postedByStaffId: openClaims.postedByStaffId, postedByUnitId: staff.unitId, postedByName: staff.name, responsibleUnitId: requests.responsibleUnitId })
    .from(openClaims)
    .innerJoin(staff, eq(staff.id, openClaims.postedByStaffId))
    .innerJoin(requests, eq(requests.id, openClaims.requestId))
    .where(inArray(openClaims.id, page.map((p) => p.id)))
    .all();
  const byId = new Map(details.map((d) => [d.id, d]));
  return { postings: page.map((p) => ({ ...p, ...byId.get(p.id)! })), more };
}

/** Postings a member of staff posted, or claimed (now or before). */
const postedOrClaimedBy = (staffId: string): SQL =>
  or(
    eq(openClaims.postedByStaffId, staffId),
    sql`exists (select 1 from claims c join claimants k on k.id = c.claimant_id where c.open_claim_id = ${openClaims.id} and k.staff_id = ${staffId})`,
  )!;

// ---------------------------------------------------------------- claimants

export function staffClaimant(conn: Conn, staffId: string): Claimant | undefined {
  return conn.select().from(claimants).where(eq(claimants.staffId, staffId)).get();
}

/** Citizen or company claimants who go by this name (the name is theirs once taken: see `claimOpenClaim`). */
export function claimantsNamed(conn: Conn, kind: 'citizen' | 'company', displayName: string): Claimant[] {
  return conn.select().from(claimants).where(and(eq(claimants.kind, kind), eq(claimants.displayName, displayName))).orderBy(asc(claimants.id)).all();
}

export function getClaimant(conn: Conn, id: number): Claimant | undefined {
  return conn.select().from(claimants).where(eq(claimants.id, id)).get();
}

// ---------------------------------------------------------------- the steps

export interface NewPosting {
  requestId: string;
  title: string;
  description: string;
  points: number;
  postedByStaffId: string;
  at: Date;
}

/** Posts a request for anyone to claim: only a request whose work is still to be done, one live posting at a time. */
export function postOpenClaim(conn: Conn, p: NewPosting): { ok: true; posting: OpenClaim } | Refused<'no-request' | 'not-postable' | 'live-posting'> {
  return conn.transaction(
    (tx) => {
      const request = tx.select({ status: requests.status, unitId: requests.responsibleUnitId }).from(requests).where(eq(requests.id, p.requestId)).get();
      if (request === undefined) return { ok: false, reason: 'no-request' } as const;
      if (request.unitId === null || !POSTABLE_REQUEST_STATUSES.includes(request.status)) return { ok: false, reason: 'not-postable' } as const;
      const live = tx.select({ id: openClaims.id }).from(openClaims).where(and(eq(openClaims.requestId, p.requestId), inArray(openClaims.status, [...LIVE_POSTING]))).get();
      if (live !== undefined) return { ok: false, reason: 'live-posting' } as const;
      const posting = tx
        .insert(openClaims)
        .values({ requestId: p.requestId, title: p.title, description: p.description, points: p.points, postedByStaffId: p.postedByStaffId, postedAt: p.at })
        .returning()
        .get();
      appendCaseEvent(tx, {
        requestId: p.requestId,
        kind: CLAIM_EVENT_KINDS.posted,
        actor: p.postedByStaffId,
        at: p.at,
        detail: { openClaimId: posting.id, title: p.title, points: p.points },
      });
      enqueueNotification(tx, {
        channel: 'internal',
        recipient: request.unitId,
        text: `【公开发榜】诉求 ${p.requestId} 已公开发榜「${p.title}」,积分 ${p.points} 分,接受群众、企业和干部认领。`,
        requestId: p.requestId,
        idempotencyKey: `open-claim:${posting.id}:posted`,
        at: p.at,
      });
      return { ok: true, posting } as const;
    },
    { behavior: 'immediate' },
  );
}

/** Takes a posting off the board; a claim under way ends as withdrawn and its claimant is told. */
export function withdrawOpenClaim(
  conn: Conn,
  w: { openClaimId: number; byStaffId: string; note: string | null; at: Date },
): { ok: true; posting: Posting } | Refused<'no-posting' | 'not-live'> {
  return conn.transaction(
    (tx) => {
      const posting = getPosting(tx, w.openClaimId);
      if (posting === undefined) return { ok: false, reason: 'no-posting' } as const;
      const ended = tx
        .update(openClaims)
        .set({ status: 'withdrawn', closedAt: w.at })
        .where(and(eq(openClaims.id, w.openClaimId), inArray(openClaims.status, [...LIVE_POSTING])))
        .run().changes;
      if (ended === 0) return { ok: false, reason: 'not-live' } as const;
      const claim = posting.liveClaim;
      if (claim !== null) tx.update(claims).set({ status: 'withdrawn' }).where(eq(claims.id, claim.id)).run();
      appendCaseEvent(tx, {
        requestId: posting.requestId,
        kind: CLAIM_EVENT_KINDS.withdrawn,
        actor: w.byStaffId,
        at: w.at,
        detail: { openClaimId: posting.id, title: posting.title, note: w.note, claimId: claim?.id ?? null },
      });
      if (claim !== null) notifyClaimant(tx, claim.claimant, posting, `【公开发榜】您认领的「${posting.title}」已撤榜,感谢您的参与。`, `open-claim:${posting.id}:withdrawn`, w.at);
      return { ok: true, posting: { ...posting, status: 'withdrawn', closedAt: w.at } } as const;
    },
    { behavior: 'immediate' },
  );
}

/** Who claims: a claimant already known, or a citizen or company new to open claims (their code already hashed), or a member of staff. */
export type ClaimantRef =
  | { claimantId: number }
  | { kind: 'citizen' | 'company'; displayName: string; contactPhone: string | null; codeHash: string }
  | { kind: 'staff'; staffId: string; displayName: string };

/**
 * Claims an open posting of a request still to be done. A new citizen or company claimant takes
 * their display name: a second claimant of the same kind may not go by it (`name-taken`), so the
 * points in the ranking belong to whoever holds the code.
 */
export function claimOpenClaim(
  conn: Conn,
  c: { openClaimId: number; claimant: ClaimantRef; at: Date },
): { ok: true; claim: Claim; claimant: Claimant; posting: Posting } | Refused<'no-posting' | 'not-open' | 'request-finished' | 'name-taken'> {
  return conn.transaction(
    (tx) => {
      const posting = getPosting(tx, c.openClaimId);
      if (posting === undefined || posting.status === 'withdrawn') return { ok: false, reason: 'no-posting' } as const;
      if (posting.status !== 'open') return { ok: false, reason: 'not-open' } as const;
      if (FINISHED_REQUEST_STATUSES.includes(posting.request.status)) return { ok: false, reason: 'request-finished' } as const;
      const ref = c.claimant;
      if ('codeHash' in ref && claimantsNamed(tx, ref.kind, ref.displayName).length > 0) return { ok: false, reason: 'name-taken' } as const;
      // nothing is written before this point: a refusal leaves the store as it was
      tx.update(openClaims).set({ status: 'claimed' }).where(eq(openClaims.id, posting.id)).run();
      const claimant = claimantFor(tx, ref, c.at);
      const claim = tx.insert(claims).values({ openClaimId: posting.id, claimantId: claimant.id, claimedAt: c.at }).returning().get();
      appendCaseEvent(tx, {
        requestId: posting.requestId,
        kind: CLAIM_EVENT_KINDS.claimed,
        actor: actorOf(claimant),
        at: c.at,
        detail: { openClaimId: posting.id, claimId: claim.id, claimantKind: claimant.kind, displayName: claimant.displayName },
      });
      notifyUnit(tx, posting, `【公开发榜】「${posting.title}」(诉求 ${posting.requestId})已由${CLAIMANT_KIND_LABELS[claimant.kind]}「${claimant.displayName}」认领。`, `open-claim:${posting.id}:claim:${claim.id}:claimed`, c.at);
      return { ok: true, claim, claimant, posting: { ...posting, status: 'claimed', liveClaim: { ...claim, claimant } } } as const;
    },
    { behavior: 'immediate' },
  );
}

function claimantFor(tx: Conn, ref: ClaimantRef, at: Date): Claimant {
  if ('claimantId' in ref) {
    const known = getClaimant(tx, ref.claimantId);
    if (known === undefined) throw new Error(`no claimant ${ref.claimantId}`);
    return known;
  }
  if (ref.kind === 'staff') {
    const known = staffClaimant(tx, ref.staffId);
    if (known !== undefined) {
      // the name follows the person: a move to another unit shows from their next claim on
      if (known.displayName === ref.displayName) return known;
      return tx.update(claimants).set({ displayName: ref.displayName }).where(eq(claimants.id, known.id)).returning().get();
    }
    return tx.insert(claimants).values({ kind: 'staff', displayName: ref.displayName, staffId: ref.staffId, createdAt: at }).returning().get();
  }
  return tx.insert(claimants).values({ kind: ref.kind, displayName: ref.displayName, contactPhone: ref.contactPhone, codeHash: ref.codeHash, createdAt: at }).returning().get();
}

/** A new phone number a returning claimant gave (the latest is the one to reach them at). */
export function updateClaimantPhone(conn: Conn, claimantId: number, contactPhone: string): void {
  conn.update(claimants).set({ contactPhone }).where(eq(claimants.id, claimantId)).run();
}

/** The claimant reports the work done; it then awaits review. */
export function reportClaimWork(
  conn: Conn,
  r: { openClaimId: number; claimId: number; report: string; at: Date },
): { ok: true; posting: Posting } | Refused<'not-active'> {
  return conn.transaction(
    (tx) => {
      const posting = getPosting(tx, r.openClaimId);
      const claim = posting?.liveClaim;
      if (posting === undefined || claim === null || claim === undefined || claim.id !== r.claimId) return { ok: false, reason: 'not-active' } as const;
      const reported = tx
        .update(claims)
        .set({ status: 'submitted', workReport: r.report, submittedAt: r.at })
        .where(and(eq(claims.id, claim.id), eq(claims.status, 'active')))
        .run().changes;
      if (reported === 0) return { ok: false, reason: 'not-active' } as const;
      appendCaseEvent(tx, {
        requestId: posting.requestId,
        kind: CLAIM_EVENT_KINDS.workReported,
        actor: actorOf(claim.claimant),
        at: r.at,
        detail: { openClaimId: posting.id, claimId: claim.id, displayName: claim.claimant.displayName, report: r.report },
      });
      notifyUnit(tx, posting, `【公开发榜】「${posting.title}」(诉求 ${posting.requestId})的认领人「${claim.claimant.displayName}」已报告完成情况,请审核。`, `open-claim:${posting.id}:claim:${claim.id}:reported`, r.at);
      return { ok: true, posting } as const;
    },
    { behavior: 'immediate' },
  );
}

/**
 * Staff review the claim: approved, it earns the posting's points and the posting is done;
 * rejected, the posting is open again for anyone (the same claimant too). Work can be approved only
 * once it was reported; a claim can be rejected before that (a claimant who went silent).
 */
export function reviewClaim(
  conn: Conn,
  r: { openClaimId: number; claimId: number; reviewerStaffId: string; approved: boolean; note: string | null; at: Date },
): { ok: true; posting: Posting; claim: Claim } | Refused<'not-live' | 'not-reported'> {
  return conn.transaction(
    (tx) => {
      const posting = getPosting(tx, r.openClaimId);
      const claim = posting?.liveClaim;
      if (posting === undefined || claim === null || claim === undefined || claim.id !== r.claimId) return { ok: false, reason: 'not-live' } as const;
      if (r.approved && claim.status !== 'submitted') return { ok: false, reason: 'not-reported' } as const;
      const reviewed = tx
        .update(claims)
        .set({ status: r.approved ? 'approved' : 'rejected', reviewedByStaffId: r.reviewerStaffId, reviewedAt: r.at, reviewNote: r.note, pointsAwarded: r.approved ? posting.points : null })
        .where(and(eq(claims.id, claim.id), inArray(claims.status, [...LIVE_CLAIM])))
        .returning()
        .get();
      if (reviewed === undefined) return { ok: false, reason: 'not-live' } as const;
      tx.update(openClaims)
        .set(r.approved ? { status: 'done', closedAt: r.at } : { status: 'open' })
        .where(eq(openClaims.id, posting.id))
        .run();
      appendCaseEvent(tx, {
        requestId: posting.requestId,
        kind: r.approved ? CLAIM_EVENT_KINDS.approved : CLAIM_EVENT_KINDS.rejected,
        actor: r.reviewerStaffId,
        at: r.at,
        detail: { openClaimId: posting.id, claimId: claim.id, displayName: claim.claimant.displayName, points: r.approved ? posting.points : null, note: r.note },
      });
      const text = r.approved
        ? `【公开发榜】您认领的「${posting.title}」经审核通过,获得积分 ${posting.points} 分。感谢您的参与!`
        : `【公开发榜】您认领的「${posting.title}」未通过审核${r.note === null ? '' : `:${r.note}`}。该榜已重新开放认领。`;
      notifyClaimant(tx, claim.claimant, posting, text, `open-claim:${posting.id}:claim:${claim.id}:reviewed`, r.at);
      return { ok: true, posting: { ...posting, status: r.approved ? 'done' : 'open', closedAt: r.approved ? r.at : null, liveClaim: null }, claim: reviewed } as const;
    },
    { behavior: 'immediate' },
  );
}

/** How a claimant shows as the actor of a case event: the member of staff, or the claimant's number (never their phone). */
function actorOf(claimant: Claimant): string {
  return claimant.staffId ?? `claimant:${claimant.id}`;
}

function notifyUnit(tx: Conn, posting: Posting, text: string, idempotencyKey: string, at: Date): void {
  const unitId = posting.request.responsibleUnitId;
  if (unitId === null) return;
  enqueueNotification(tx, { channel: 'internal', recipient: unitId, text, requestId: posting.requestId, idempotencyKey, at });
}

/** A member of staff in their inbox; a citizen or company by SMS when they gave a phone, else the unit keeps the news. */
function notifyClaimant(tx: Conn, claimant: Claimant, posting: Posting, text: string, idempotencyKey: string, at: Date): void {
  if (claimant.staffId !== null) {
    enqueueNotification(tx, { channel: 'internal', recipient: claimant.staffId, text, requestId: posting.requestId, idempotencyKey, at });
  } else if (claimant.contactPhone !== null) {
    enqueueNotification(tx, { channel: 'sms', recipient: claimant.contactPhone, text, requestId: posting.requestId, idempotencyKey, at });
  } else {
    notifyUnit(tx, posting, `${text}(认领人「${claimant.displayName}」未留电话)`, idempotencyKey, at);
  }
}

// ---------------------------------------------------------------- points

export interface RankingLine {
  claimantId: number;
  kind: ClaimantKind;
  displayName: string;
  points: number;
  claimsApproved: number;
}

/** Points per claimant for the claims approved in [from, to), most points first (ties: more claims, then who got there first). */
export function claimRanking(conn: Conn, options: { from: Date; to: Date; kind?: ClaimantKind; limit: number; offset: number }): RankingLine[] {
  const points = sql<number>`sum(${claims.pointsAwarded})`;
  const approved = sql<number>`count(*)`;
  return conn
    .select({ claimantId: claimants.id, kind: claimants.kind, displayName: claimants.displayName, points, claimsApproved: approved })
    .from(claims)
    .innerJoin(claimants, eq(claimants.id, claims.claimantId))
    .where(and(eq(claims.status, 'approved'), gte(claims.reviewedAt, options.from), lt(claims.reviewedAt, options.to), options.kind === undefined ? undefined : eq(claimants.kind, options.kind)))
    .groupBy(claimants.id)
    .orderBy(desc(points), desc(approved), asc(sql`min(${claims.reviewedAt})`), asc(claimants.id))
    .limit(options.limit)
    .offset(options.offset)
    .all()
    .map((r) => ({ ...r, points: Number(r.points), claimsApproved: Number(r.claimsApproved) }));
}

/** The calendar year in Beijing time (UTC+8, no daylight saving) as instants: [from, to). */
export function beijingYear(year: number): { from: Date; to: Date } {
  const eight = 8 * 3_600_000;
  return { from: new Date(Date.UTC(year, 0, 1) - eight), to: new Date(Date.UTC(year + 1, 0, 1) - eight) };
}

/**
 * The citizen's identity as the request holds it, so a posting's public words can be checked
 * against it before they go out (the poster writes them; a name or address copied from the
 * request must not reach the board).
 */
export function identityOfRequester(conn: Conn, requestId: string): string[] {
  const row = conn
    .select({ name: requestCitizens.name, phone: requestCitizens.phone, idNumber: requestCitizens.idNumber, address: requestCitizens.address })
    .from(requestCitizens)
    .where(eq(requestCitizens.requestId, requestId))
    .get();
  if (row === undefined) return [];
  return [row.name, row.phone, row.idNumber, row.address].filter((v): v is string => v !== null && v.trim().length >= 2).map((v) => v.trim());
}
