// Whose figures a member of staff reads: their own scope (store/visibility.ts), or one unit inside
// it. A unit outside it answers 403: the figures of another township are not the caller's business.
import { Type } from 'typebox';
import type { Conn } from '../../store/db.js';
import { getOrgUnit, type OrgUnit } from '../../store/org-units.js';
import type { Visibility } from '../../store/visibility.js';
import { scopeOfUnit, type Staff } from '../auth/staff.js';
import { forbidden, invalidField, t } from '../problems.js';

export const ScopeSchema = Type.Object({
  unit: Type.Union([Type.Object({ id: Type.String(), name: Type.String(), kind: Type.String() }), Type.Null()], { description: 'null: the whole district' }),
});

/** What a unit sees, as visibility.ts defines it (a district body or the special team, narrowed to itself, is counted as a department: what it owns). */
function visibilityOfUnit(unit: OrgUnit, narrowed: boolean): Visibility {
  if (narrowed && (unit.kind === 'special_team' || unit.kind === 'district_body')) return { kind: 'department', unitId: unit.id };
  return scopeOfUnit(unit);
}

/** Whether `unit` lies inside what `staff` may see figures of. */
function within(staff: Staff, unit: OrgUnit): boolean {
  switch (staff.scope.kind) {
    case 'district':
      return true;
    case 'township':
      return unit.id === staff.scope.unitId || unit.parentId === staff.scope.unitId;
    case 'village':
    case 'department':
      return unit.id === staff.scope.unitId;
  }
}

export function figureScope(db: Conn, staff: Staff, unitId: string | undefined) {
  if (unitId === undefined) {
    const view = staff.scope.kind === 'district' ? null : { id: staff.unitId, name: staff.unitName, kind: staff.unitKind };
    return { visibility: staff.scope as Visibility, view };
  }
  const unit = getOrgUnit(db, unitId);
  if (unit === undefined) throw invalidField('querystring.unitId', t(`没有单位 ${unitId}`, `no unit ${unitId}`));
  if (!within(staff, unit)) throw forbidden(t(`${staff.unitName}不能查看${unit.name}的数据`, `${staff.unitName} may not read the figures of ${unit.name}`));
  return { visibility: visibilityOfUnit(unit, true), view: unit.kind === 'district' ? null : { id: unit.id, name: unit.name, kind: unit.kind } };
}
