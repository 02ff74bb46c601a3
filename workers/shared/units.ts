// The process names units by candidate group (workflows/README.md: `village:<villageId>`,
// `township:<townshipId>`, `department:<code>`, `district:special-team`, `district:<body>` for the
// joint meeting and the discipline commission); the store names them by
// org-unit id. These two functions translate, so a task for "the responsible unit" lands with
// the staff of the unit the store has on its ledger.
import type { Conn } from '../../store/db.js';
import { candidateGroupOf, getOrgUnit, specialTeam, type OrgUnit } from '../../store/org-units.js';
import { IncidentError } from './job.js';

export const SPECIAL_TEAM_GROUP = 'district:special-team';

/** The candidate-group name of a unit: the store's own naming (store/org-units.ts). */
export const groupOfUnit = candidateGroupOf;

export function requireUnit(conn: Conn, unitId: string): OrgUnit {
  const unit = getOrgUnit(conn, unitId);
  if (unit === undefined) throw new IncidentError(`no org unit "${unitId}" in the store`);
  return unit;
}

/** The org unit a candidate-group name stands for (leaders' suffixes are not units). */
export function unitOfGroup(conn: Conn, group: string): OrgUnit {
  if (group === SPECIAL_TEAM_GROUP) {
    const team = specialTeam(conn);
    if (team === undefined) throw new IncidentError('the store has no district special team');
    return team;
  }
  const match = /^(village|township|department|district):([^:]+)$/.exec(group);
  if (match === null) throw new IncidentError(`"${group}" is not a unit's candidate group`);
  const unit = requireUnit(conn, match[2]!);
  if (groupOfUnit(unit) !== group) throw new IncidentError(`"${group}" names unit ${unit.id}, which is a ${unit.kind}`);
  return unit;
}
