// 四方签字: closure needs the citizen, the handler, the leader in charge and the main leader.
import { vocabulary } from './labels.js';

export type SignOffRole = 'citizen' | 'handler' | 'leader_in_charge' | 'main_leader';

export const signOffRoles = vocabulary<SignOffRole>({
  citizen: '诉求人',
  handler: '办理人',
  leader_in_charge: '分管领导',
  main_leader: '主要领导',
});

export interface SignOffCheck {
  complete: boolean;
  /** Roles still to sign, in the fixed order citizen, handler, leader in charge, main leader. */
  missing: SignOffRole[];
}

/** Whether all four parties have signed, and who is missing. Duplicates are harmless. */
export function checkSignOff(signed: Iterable<SignOffRole>): SignOffCheck {
  const have = new Set(signed);
  const missing = signOffRoles.codes.filter((role) => !have.has(role));
  return { complete: missing.length === 0, missing };
}
