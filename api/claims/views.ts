// What the open-claim routes answer: the public view of a posting (the poster's words, places and
// unit by name, who claimed it by the name they chose; never the citizen, never a phone) and the
// staff view (every claim, the claimant's contact for the reviewing unit only).
import { Type } from 'typebox';
import { maskIdentity } from '../../domain/index.js';
import {
  CLAIM_STATUS_LABELS,
  CLAIMANT_KIND_LABELS,
  OPEN_CLAIM_STATUS_LABELS,
  type Claim,
  type Claimant,
  type PublicPosting,
  type RankingLine,
} from '../../store/claims.js';
import type { ClaimantKind, ClaimStatus, OpenClaimStatus } from '../../store/schema.js';
import { beijing, DateTime, Nullable } from '../schemas.js';

const Coded = Type.Object({ code: Type.String(), label: Type.String() });
const coded = <C extends string>(labels: Readonly<Record<C, string>>, code: C) => ({ code, label: labels[code] });

export const PostingId = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647, description: 'the posting (发榜) number' }) });

export const PublicPostingView = Type.Object({
  id: Type.Integer(),
  requestId: Type.String({ description: 'the request number (its progress is on the public board)' }),
  title: Type.String({ description: "the poster's title (phone and ID numbers masked)" }),
  description: Type.String({ description: "the poster's description of what is wanted" }),
  points: Type.Integer({ description: 'points earned when the work is approved' }),
  status: Coded,
  claimable: Type.Boolean({ description: 'open to be claimed now' }),
  unit: Nullable(Type.String({ description: 'the unit responsible for the request' })),
  township: Type.String(),
  village: Nullable(Type.String()),
  postedAt: DateTime,
  closedAt: Nullable(DateTime),
  claimedBy: Nullable(Type.Object({ kind: Coded, displayName: Type.String() }, { description: 'the claim under way: who, by the name they chose' })),
});

export function publicPostingView(p: PublicPosting) {
  return {
    id: p.id,
    requestId: p.requestId,
    title: maskIdentity(p.title),
    description: maskIdentity(p.description),
    points: p.points,
    status: coded(OPEN_CLAIM_STATUS_LABELS, p.status),
    claimable: p.status === 'open' && !p.requestFinished,
    unit: p.unit,
    township: p.township,
    village: p.village,
    postedAt: beijing(p.postedAt),
    closedAt: beijing(p.closedAt),
    claimedBy: p.claimedBy === null ? null : { kind: coded(CLAIMANT_KIND_LABELS, p.claimedBy.kind), displayName: maskIdentity(p.claimedBy.displayName) },
  };
}

const ClaimantView = Type.Object({
  id: Type.Integer(),
  kind: Coded,
  displayName: Type.String(),
  staffId: Nullable(Type.String()),
  phone: Nullable(Type.String({ description: "a citizen's or company's phone: for the responsible unit and the poster's unit only, else null" })),
});

export const ClaimView = Type.Object({
  id: Type.Integer(),
  status: Coded,
  claimant: ClaimantView,
  claimedAt: DateTime,
  workReport: Nullable(Type.String()),
  submittedAt: Nullable(DateTime),
  reviewedByStaffId: Nullable(Type.String()),
  reviewedAt: Nullable(DateTime),
  reviewNote: Nullable(Type.String()),
  pointsAwarded: Nullable(Type.Integer()),
});

export function claimView(c: Claim & { claimant: Claimant }, showContact: boolean) {
  return {
    id: c.id,
    status: coded(CLAIM_STATUS_LABELS, c.status as ClaimStatus),
    claimant: {
      id: c.claimant.id,
      kind: coded(CLAIMANT_KIND_LABELS, c.claimant.kind as ClaimantKind),
      displayName: c.claimant.displayName,
      staffId: c.claimant.staffId,
      phone: showContact ? c.claimant.contactPhone : null,
    },
    claimedAt: beijing(c.claimedAt),
    workReport: c.workReport,
    submittedAt: beijing(c.submittedAt),
    reviewedByStaffId: c.reviewedByStaffId,
    reviewedAt: beijing(c.reviewedAt),
    reviewNote: c.reviewNote,
    pointsAwarded: c.pointsAwarded,
  };
}

export const StaffPostingView = Type.Object({
  ...PublicPostingView.properties,
  responsibleUnitId: Nullable(Type.String()),
  postedBy: Type.Object({ staffId: Type.String(), name: Type.String(), unitId: Type.String() }),
  mayManage: Type.Boolean({ description: 'the caller may withdraw the posting and review its claim' }),
  claims: Type.Array(ClaimView, { description: 'every claim of the posting, newest first' }),
});

export const ClaimAnswer = Type.Object({
  openClaimId: Type.Integer(),
  claimId: Type.Integer(),
  status: Coded,
  claimant: Type.Object({ kind: Coded, displayName: Type.String() }),
});

export const PublicClaimAnswer = Type.Object({
  ...ClaimAnswer.properties,
  claimCode: Nullable(
    Type.String({ description: 'shown once, to a claimant new to open claims: keep it to report the work and to claim again under the same name (null for a returning claimant)' }),
  ),
});

export const StepAnswer = Type.Object({
  openClaimId: Type.Integer(),
  postingStatus: Coded,
  claimId: Nullable(Type.Integer()),
  claimStatus: Nullable(Coded),
  pointsAwarded: Nullable(Type.Integer()),
});

export function stepAnswer(openClaimId: number, postingStatus: OpenClaimStatus, claim: { id: number; status: ClaimStatus; pointsAwarded?: number | null } | null) {
  return {
    openClaimId,
    postingStatus: coded(OPEN_CLAIM_STATUS_LABELS, postingStatus),
    claimId: claim?.id ?? null,
    claimStatus: claim === null ? null : coded(CLAIM_STATUS_LABELS, claim.status),
    pointsAwarded: claim?.pointsAwarded ?? null,
  };
}

export const claimAnswer = (openClaimId: number, claim: Claim, claimant: Claimant) => ({
  openClaimId,
  claimId: claim.id,
  status: coded(CLAIM_STATUS_LABELS, claim.status as ClaimStatus),
  claimant: { kind: coded(CLAIMANT_KIND_LABELS, claimant.kind as ClaimantKind), displayName: maskIdentity(claimant.displayName) },
});

export const RankingView = Type.Object({
  year: Type.Integer(),
  kind: Nullable(Type.String()),
  from: DateTime,
  to: DateTime,
  items: Type.Array(
    Type.Object({ rank: Type.Integer(), kind: Coded, displayName: Type.String(), points: Type.Integer(), claimsApproved: Type.Integer() }),
  ),
});

export function rankingItems(lines: RankingLine[], offset: number) {
  return lines.map((l, i) => ({
    rank: offset + i + 1,
    kind: coded(CLAIMANT_KIND_LABELS, l.kind),
    displayName: maskIdentity(l.displayName),
    points: l.points,
    claimsApproved: l.claimsApproved,
  }));
}
