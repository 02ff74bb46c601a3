// Organisation: units, the duty list and staff with their roles.
import { asc, eq, inArray } from 'drizzle-orm';
import type { DomainArea, Level } from '../domain/index.js';
import type { Conn } from './db.js';
import { duties, orgUnits, staff, staffRoles, type StaffRole, type UnitKind } from './schema.js';

export type OrgUnit = typeof orgUnits.$inferSelect;
export type NewOrgUnit = typeof orgUnits.$inferInsert;

/** Creates or updates a unit (by id). */
export function upsertOrgUnit(conn: Conn, unit: NewOrgUnit): void {
  const { id: _id, ...rest } = unit;
  conn.insert(orgUnits).values(unit).onConflictDoUpdate({ target: orgUnits.id, set: rest }).run();
}

export function getOrgUnit(conn: Conn, id: string): OrgUnit | undefined {
  return conn.select().from(orgUnits).where(eq(orgUnits.id, id)).get();
}

export function childrenOf(conn: Conn, parentId: string): OrgUnit[] {
  return conn.select().from(orgUnits).where(eq(orgUnits.parentId, parentId)).orderBy(asc(orgUnits.id)).all();
}

export function unitsOfKind(conn: Conn, ...kinds: UnitKind[]): OrgUnit[] {
  return conn.select().from(orgUnits).where(inArray(orgUnits.kind, kinds)).orderBy(asc(orgUnits.id)).all();
}

/** Sets the lead department of a domain in the duty list. */
export function setDuty(conn: Conn, domain: DomainArea, leadUnitId: string, demo = false): void {
  conn
    .insert(duties)
    .values({ domain, leadUnitId, demo })
    .onConflictDoUpdate({ target: duties.domain, set: { leadUnitId, demo } })
    .run();
}

export interface DutyRow {
  domain: DomainArea;
  leadUnitId: string;
  leadUnitName: string;
}

export function dutyList(conn: Conn): DutyRow[] {
  return conn
    .select({ domain: duties.domain, leadUnitId: duties.leadUnitId, leadUnitName: orgUnits.name })
    .from(duties)
    .innerJoin(orgUnits, eq(orgUnits.id, duties.leadUnitId))
    .all();
}

export function leadDepartmentFor(conn: Conn, domain: DomainArea): string | undefined {
  return conn.select({ id: duties.leadUnitId }).from(duties).where(eq(duties.domain, domain)).get()?.id;
}

/** The district special team (区专班), if there is one. */
export function specialTeam(conn: Conn): OrgUnit | undefined {
  return conn.select().from(orgUnits).where(eq(orgUnits.kind, 'special_team')).get();
}

export interface Placement {
  level: Level;
  townshipId: string;
  villageId?: string | null;
  domain?: DomainArea | null;
}

/**
 * The unit responsible at a level for a request located at township/village: the village (or,
 * for a request located only at a township or street, the township itself), the township, or at
 * the district the department that leads on the domain, else the special team.
 */
export function responsibleUnitFor(conn: Conn, p: Placement): string {
  switch (p.level) {
    case 'village':
      return p.villageId ?? p.townshipId;
    case 'township':
      return p.townshipId;
    case 'district': {
      const lead = p.domain ? leadDepartmentFor(conn, p.domain) : undefined;
      const unit = lead ?? specialTeam(conn)?.id;
      if (unit === undefined) throw new Error('no lead department for the domain and no special team');
      return unit;
    }
  }
}

export interface NewStaff {
  id: string;
  unitId: string;
  name: string;
  roles: StaffRole[];
  demo?: boolean;
}

/** Adds a member of staff (or updates name/unit) and grants the roles (existing roles stay). */
export function addStaff(conn: Conn, s: NewStaff): void {
  conn.transaction((tx) => {
    const row = { id: s.id, unitId: s.unitId, name: s.name, demo: s.demo ?? false };
    tx.insert(staff)
      .values(row)
      .onConflictDoUpdate({ target: staff.id, set: { unitId: row.unitId, name: row.name, demo: row.demo } })
      .run();
    for (const role of s.roles) tx.insert(staffRoles).values({ staffId: s.id, role }).onConflictDoNothing().run();
  });
}

export interface StaffMember {
  id: string;
  unitId: string;
  name: string;
  roles: StaffRole[];
}

/** Staff of a unit with their roles; only those holding `role` if given. */
export function staffOfUnit(conn: Conn, unitId: string, role?: StaffRole): StaffMember[] {
  const rows = conn
    .select({ id: staff.id, unitId: staff.unitId, name: staff.name, role: staffRoles.role })
    .from(staff)
    .leftJoin(staffRoles, eq(staffRoles.staffId, staff.id))
    .where(eq(staff.unitId, unitId))
    .orderBy(asc(staff.id))
    .all();
  const byId = new Map<string, StaffMember>();
  for (const r of rows) {
    const member = byId.get(r.id) ?? { id: r.id, unitId: r.unitId, name: r.name, roles: [] };
    if (r.role !== null) member.roles.push(r.role);
    byId.set(r.id, member);
  }
  const all = [...byId.values()];
  return role === undefined ? all : all.filter((m) => m.roles.includes(role));
}

/**
 * The candidate-group name of a unit, as the workflows use it (workflows/README.md):
 * `village:<id>` (villages and communities), `township:<id>` (townships and streets),
 * `department:<id>`, `district:special-team`, `district:<id>` for the district itself and for the
 * district bodies (`district:joint-meeting`, `district:discipline-commission`).
 */
export function candidateGroupOf(unit: Pick<OrgUnit, 'id' | 'kind'>): string {
  switch (unit.kind) {
    case 'village':
    case 'community':
      return `village:${unit.id}`;
    case 'township':
    case 'street':
      return `township:${unit.id}`;
    case 'department':
      return `department:${unit.id}`;
    case 'special_team':
      return 'district:special-team';
    case 'district':
    case 'district_body':
      return `district:${unit.id}`;
  }
}

/** The unit a candidate-group name stands for (role suffixes like `:main-leader` are ignored). */
export function unitOfCandidateGroup(conn: Conn, group: string): OrgUnit | undefined {
  const [prefix, id] = group.split(':');
  if (prefix === 'district' && id === 'special-team') return specialTeam(conn);
  const unit = id === undefined ? undefined : getOrgUnit(conn, id);
  return unit !== undefined && candidateGroupOf(unit) === `${prefix}:${id}` ? unit : undefined;
}
