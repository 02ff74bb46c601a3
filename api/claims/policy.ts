// Who may take which step of an open claim (公开发榜). The states are the store's (store/claims.ts);
// these are the people:
//   post      the leaders (leader in charge, main leader) of the request's responsible unit, the
//             district special team, the district's supervisors
//   withdraw  the poster, or a leader of the responsible unit
//   review    the same, never the claimant themselves
//   claim     anyone but the poster and the responsible unit's own staff: the posting asks for help
//             from outside; the unit's work stays the unit's duty and earns no points
import { randomInt } from 'node:crypto';
import type { Posting } from '../../store/claims.js';
import type { StaffRole } from '../../store/schema.js';
import { hasAnyRole, type Staff } from '../auth/staff.js';
import { forbidden, t, type Text } from '../problems.js';

const LEADERS: readonly StaffRole[] = ['leader_in_charge', 'main_leader'];

/** Who may knock on the posting, withdrawal and review routes (the unit checks follow): the roles of `mayPost`. */
export const POSTING_ROLES: readonly StaffRole[] = ['leader_in_charge', 'main_leader', 'supervisor', 'handler', 'clerk'];

const isSpecialTeam = (s: Staff): boolean => s.unitKind === 'special_team';
const isDistrictSupervisor = (s: Staff): boolean => s.scope.kind === 'district' && s.roles.includes('supervisor');
const leadsUnit = (s: Staff, unitId: string | null): boolean => unitId !== null && s.unitId === unitId && hasAnyRole(s, LEADERS);

export type Decision = { ok: true } | { ok: false; reason: Text };

export function mayPost(s: Staff, responsibleUnitId: string | null): Decision {
  if (leadsUnit(s, responsibleUnitId) || isSpecialTeam(s) || isDistrictSupervisor(s)) return { ok: true };
  return { ok: false, reason: t('只有诉求责任单位的分管领导、主要领导,区专班或区督导人员可以发榜', 'only the leaders of the responsible unit, the special team or district supervisors may post a request') };
}

/** The poster, or a leader of the unit now responsible for the request. */
export function mayManage(s: Staff, posting: Pick<Posting, 'postedByStaffId' | 'request'>): boolean {
  return s.staffId === posting.postedByStaffId || leadsUnit(s, posting.request.responsibleUnitId);
}

export function requireMayManage(s: Staff, posting: Posting, what: 'withdraw' | 'review'): void {
  if (mayManage(s, posting)) return;
  throw forbidden(
    what === 'withdraw'
      ? t('只有发榜人或责任单位领导可以撤榜', 'only the poster or a leader of the responsible unit may withdraw the posting')
      : t('只有发榜人或责任单位领导可以审核', 'only the poster or a leader of the responsible unit may review the claim'),
  );
}

/** A claimant's work is judged by someone else: checked before anything else, so the refusal says why. */
export function requireNotOwnClaim(s: Staff, posting: Posting): void {
  if (posting.liveClaim?.claimant.staffId === s.staffId) throw forbidden(t('不能审核自己的认领', 'you cannot review your own claim'));
}

export function mayClaimAsStaff(s: Staff, posting: Posting): Decision {
  if (s.staffId === posting.postedByStaffId) return { ok: false, reason: t('发榜人不能认领自己发布的榜', 'the poster cannot claim their own posting') };
  if (s.unitId === posting.request.responsibleUnitId) {
    return { ok: false, reason: t('本单位承办的诉求由本单位办理,不能认领积分', "your unit is responsible for this request: it is your unit's work, not a claim") };
  }
  return { ok: true };
}

/** Claimant contacts are for the unit that reviews the work (the responsible unit) and the poster's unit. */
export function seesClaimantContact(s: Staff, posting: { responsibleUnitId: string | null; postedByUnitId: string }): boolean {
  return s.unitId === posting.responsibleUnitId || s.unitId === posting.postedByUnitId;
}

/** What the ranking shows for a member of staff: their name and unit. */
export const staffDisplayName = (s: Staff): string => `${s.name}(${s.unitName})`;

/** Eight digits, shown once: a citizen or company claimant reports their work with it and claims again under the same name. */
export const CLAIM_CODE_LENGTH = 8;
export function newClaimCode(): string {
  return String(randomInt(0, 10 ** CLAIM_CODE_LENGTH)).padStart(CLAIM_CODE_LENGTH, '0');
}

/** Public words (titles, names) must not carry a phone or ID number: seven digits in a row look like one. */
export const looksLikeANumber = (text: string): boolean => /\d{7,}/.test(text.replace(/[\s-]/g, ''));

/** Whether `text` repeats any part of the requester's identity (name, phone, ID number, address). */
export function repeatsIdentity(text: string, identity: readonly string[]): boolean {
  return identity.some((part) => text.includes(part));
}
