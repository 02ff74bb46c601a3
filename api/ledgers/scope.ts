// Whose ledgers a member of staff may read: their own unit's; a township's or street's staff also
// their villages' and communities'; the district's units (the district, the special team, the
// supervision group, ...) every unit's. The same line as store/visibility.ts draws for requests.
import { getOrgUnit } from '../../store/org-units.js';
import type { Conn } from '../../store/db.js';
import { ledgerUnitsUnder } from '../../store/unit-ledger.js';
import type { Staff } from '../auth/staff.js';
import { forbidden, invalidField, t } from '../problems.js';

/** `unit` as asked: a unit id, `all` (every ledger the caller may read) or nothing (the caller's own). */
export function ledgerUnitsFor(conn: Conn, staff: Staff, unit: string | undefined): readonly string[] | 'all' {
  if (unit === undefined) return [staff.unitId];
  if (unit === 'all') {
    if (staff.scope.kind === 'district') return 'all';
    if (staff.scope.kind === 'township') return ledgerUnitsUnder(conn, staff.unitId);
    return [staff.unitId];
  }
  const asked = getOrgUnit(conn, unit);
  if (asked === undefined) throw invalidField('unit', t(`没有单位 ${unit}`, `no unit ${unit}`));
  const mayRead =
    staff.scope.kind === 'district' || asked.id === staff.unitId || (staff.scope.kind === 'township' && asked.parentId === staff.unitId);
  if (!mayRead) throw forbidden(t(`无权查看${asked.name}的台账`, `you may not read the ledger of ${asked.name}`));
  return [asked.id];
}
