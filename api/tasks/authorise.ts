// Who may work a user task: a member of one of the task's candidate groups (the unit the diagram
// names, or its leaders' group) holding one of the roles the task's `roles` header names (the
// diagram says who does each step; no header: any member of the unit). A district unit's staff
// may read every task of the district (supervision) but work only their own.
import type { SignOffRole } from '../../domain/index.js';
import type { StaffRole } from '../../store/schema.js';
import type { UserTask } from '../engine/user-tasks.js';
import { t, type Text } from '../problems.js';
import type { Staff } from '../auth/staff.js';

export function rolesOf(task: UserTask): StaffRole[] | undefined {
  const header = task.customHeaders?.roles;
  if (header === undefined || header.trim() === '') return undefined;
  return header.split(',').map((r) => r.trim()).filter((r) => r !== '') as StaffRole[];
}

/** The sign-off role a signature task records (its `signOffRole` header), if it is one. */
export function signOffRoleOf(task: UserTask): SignOffRole | undefined {
  const role = task.customHeaders?.signOffRole;
  return role === 'citizen' || role === 'handler' || role === 'leader_in_charge' || role === 'main_leader' ? role : undefined;
}

export function inCandidateUnit(staff: Staff, task: UserTask): boolean {
  return task.candidateGroups.some((g) => staff.groups.includes(g));
}

export type WorkCheck = { ok: true } | { ok: false; reason: Text };

export function mayWork(staff: Staff, task: UserTask): WorkCheck {
  if (!inCandidateUnit(staff, task)) return { ok: false, reason: t(`此任务属于 ${task.candidateGroups.join('、')},不属于本单位`, `the task belongs to ${task.candidateGroups.join(', ')}, not your unit`) };
  const roles = rolesOf(task);
  if (roles !== undefined && !roles.some((r) => staff.roles.includes(r))) {
    return { ok: false, reason: t(`此任务须由以下角色办理: ${roles.join('、')}`, `the task is done by one of the roles ${roles.join(', ')}`) };
  }
  return { ok: true };
}

export function mayRead(staff: Staff, task: UserTask): boolean {
  return inCandidateUnit(staff, task) || staff.scope.kind === 'district';
}
