// Who does what in a replay, read from the store's organisation (the read side the API uses too):
// a task is done by a member of one of its candidate groups (the unit, or its leader in charge's or
// main leader's group) who holds one of the roles the task names; a request is taken in by the
// village's or community's 网格员 (the collector), or by the township's 干事 when it names no village.
import { staffIdentity } from '../store/accounts.js';
import type { Conn } from '../store/db.js';
import { staffOfUnit, unitOfCandidateGroup, type StaffMember } from '../store/org-units.js';
import type { StaffRole } from '../store/schema.js';

export interface Person {
  staffId: string;
  username: string;
}

/** The role a candidate group's suffix asks for: `<unit>:leader-in-charge`, `<unit>:main-leader`. */
const GROUP_ROLE: Readonly<Record<string, StaffRole>> = { 'leader-in-charge': 'leader_in_charge', 'main-leader': 'main_leader' };

export class Directory {
  private readonly cache = new Map<string, Person>();

  constructor(private readonly db: Conn) {}

  private person(member: StaffMember): Person {
    const username = staffIdentity(this.db, member.id)?.username;
    if (username === null || username === undefined) throw new Error(`${member.id} has no login`);
    return { staffId: member.id, username };
  }

  /** The members of a candidate group: the unit's staff, or those of them holding the group's leader role. */
  private membersOf(group: string): StaffMember[] {
    const unit = unitOfCandidateGroup(this.db, group);
    if (unit === undefined) return [];
    const suffix = group.split(':')[2];
    const role = suffix === undefined ? undefined : GROUP_ROLE[suffix];
    if (suffix !== undefined && role === undefined) return [];
    return staffOfUnit(this.db, unit.id, role);
  }

  /** The person a task is for: the first member of its candidate groups holding one of its roles (any member when it names none). */
  workerOf(task: { candidateGroups: readonly string[]; roles: readonly string[] | null }): Person {
    const key = `${task.candidateGroups.join(',')}|${(task.roles ?? []).join(',')}`;
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    const roles = task.roles ?? [];
    for (const group of task.candidateGroups) {
      const member = this.membersOf(group).find((m) => roles.length === 0 || roles.some((r) => m.roles.includes(r as StaffRole)));
      if (member !== undefined) {
        const person = this.person(member);
        this.cache.set(key, person);
        return person;
      }
    }
    throw new Error(`no member of ${task.candidateGroups.join(', ')} holds one of the roles ${roles.join(', ') || '(any)'}`);
  }

  /** Who takes a request in at its place: the village's collector, else the township's clerk. */
  collectorFor(place: { townshipId: string; villageId?: string | null }): Person {
    const key = `collect|${place.villageId ?? place.townshipId}`;
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    const [unitId, role]: [string, StaffRole] = place.villageId ? [place.villageId, 'collector'] : [place.townshipId, 'clerk'];
    const member = staffOfUnit(this.db, unitId, role)[0];
    if (member === undefined) throw new Error(`no ${role} at ${unitId} to take requests in`);
    const person = this.person(member);
    this.cache.set(key, person);
    return person;
  }
}
