// Who a logged-in member of staff is, for authorisation: their unit, roles, the candidate groups of
// the workflows they belong to, and the part of the district whose requests they may see.
import type { StaffIdentity } from '../../store/accounts.js';
import { candidateGroupOf } from '../../store/org-units.js';
import type { StaffRole, UnitKind } from '../../store/schema.js';

/**
 * What a member of staff may see: the whole district (district units: the district, the special
 * team, the district bodies such as the supervision group), a township or street with its villages,
 * a village or community, or a department (what it is responsible for or was named in).
 */
export type Scope = { kind: 'district' } | { kind: 'township'; unitId: string } | { kind: 'village'; unitId: string } | { kind: 'department'; unitId: string };

export interface Staff extends StaffIdentity {
  /** the candidate-group name of the unit (`village:<id>`, `township:<id>`, `department:<id>`, `district:<id>`) */
  unitGroup: string;
  /** every candidate group this person belongs to: the unit's, and `<unit>:leader-in-charge` / `<unit>:main-leader` by role */
  groups: string[];
  scope: Scope;
}

export function staffOf(identity: StaffIdentity): Staff {
  const unitGroup = candidateGroupOf({ id: identity.unitId, kind: identity.unitKind });
  const groups = [unitGroup];
  if (identity.roles.includes('leader_in_charge')) groups.push(`${unitGroup}:leader-in-charge`);
  if (identity.roles.includes('main_leader')) groups.push(`${unitGroup}:main-leader`);
  return { ...identity, unitGroup, groups, scope: scopeOf(identity) };
}

function scopeOf(identity: StaffIdentity): Scope {
  return scopeOfUnit({ id: identity.unitId, kind: identity.unitKind });
}

/** What a unit's staff may see, by the unit's kind (district units: the whole district). */
export function scopeOfUnit(unit: { id: string; kind: UnitKind }): Scope {
  switch (unit.kind) {
    case 'village':
    case 'community':
      return { kind: 'village', unitId: unit.id };
    case 'township':
    case 'street':
      return { kind: 'township', unitId: unit.id };
    case 'department':
      return { kind: 'department', unitId: unit.id };
    case 'district':
    case 'special_team':
    case 'district_body':
      return { kind: 'district' };
  }
}

export function hasAnyRole(staff: Staff, roles: readonly StaffRole[]): boolean {
  return roles.some((role) => staff.roles.includes(role));
}

/** What `GET /api/me` and a login answer. */
export function meOf(staff: Staff) {
  return {
    staffId: staff.staffId,
    name: staff.name,
    username: staff.username,
    unit: { id: staff.unitId, name: staff.unitName, kind: staff.unitKind, level: staff.level, candidateGroup: staff.unitGroup },
    roles: staff.roles,
    groups: staff.groups,
    scope: staff.scope,
    demo: staff.demo,
  };
}
