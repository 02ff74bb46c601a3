// Logins and sessions of staff. Accounts hold a scrypt hash of the password and count failed
// logins (the API locks an account after too many); sessions are kept by a hash of their token.
import { eq, lt, sql } from 'drizzle-orm';
import type { Conn } from './db.js';
import { preparedOn } from './prepared.js';
import { accounts, orgUnits, sessions, staff, staffRoles, type StaffRole, type UnitKind } from './schema.js';
import type { Level } from '../domain/index.js';

export type AccountRow = typeof accounts.$inferSelect;

export interface NewAccount {
  username: string;
  staffId: string;
  passwordHash: string;
  demo?: boolean;
  at?: Date;
}

/** Creates the account, or sets its password and staff member again (a seed run twice). */
export function upsertAccount(conn: Conn, a: NewAccount): void {
  const row = { username: a.username, staffId: a.staffId, passwordHash: a.passwordHash, createdAt: a.at ?? new Date(), demo: a.demo ?? false };
  conn
    .insert(accounts)
    .values(row)
    .onConflictDoUpdate({ target: accounts.username, set: { staffId: row.staffId, passwordHash: row.passwordHash, demo: row.demo } })
    .run();
}

export function accountByUsername(conn: Conn, username: string): AccountRow | undefined {
  return conn.select().from(accounts).where(eq(accounts.username, username)).get();
}

/**
 * Counts a failed login; once `maxFailures` are reached the account is locked until
 * `at + lockMs` and the count starts again. Returns the lock's end when this failure locked it.
 */
export function recordLoginFailure(conn: Conn, username: string, at: Date, maxFailures: number, lockMs: number): Date | undefined {
  return conn.transaction((tx) => {
    const row = tx.update(accounts).set({ failedAttempts: sql`${accounts.failedAttempts} + 1` }).where(eq(accounts.username, username)).returning({ failed: accounts.failedAttempts }).get();
    if (row === undefined || row.failed < maxFailures) return undefined;
    const until = new Date(at.getTime() + lockMs);
    tx.update(accounts).set({ failedAttempts: 0, lockedUntil: until }).where(eq(accounts.username, username)).run();
    return until;
  });
}

export function recordLoginSuccess(conn: Conn, username: string): void {
  conn.update(accounts).set({ failedAttempts: 0, lockedUntil: null }).where(eq(accounts.username, username)).run();
}

/** A member of staff as the API sees them: unit, level and roles. */
export interface StaffIdentity {
  staffId: string;
  name: string;
  username: string | null;
  unitId: string;
  unitName: string;
  unitKind: UnitKind;
  level: Level;
  /** the district, township or village the unit belongs to (parent chain), itself first */
  unitParentId: string | null;
  roles: StaffRole[];
  demo: boolean;
}

// read on every API call made with a session: built once per connection (prepared.ts)
const identityOf = (conn: Conn) =>
  conn
    .select({
      staffId: staff.id,
      name: staff.name,
      demo: staff.demo,
      unitId: orgUnits.id,
      unitName: orgUnits.name,
      unitKind: orgUnits.kind,
      level: orgUnits.level,
      unitParentId: orgUnits.parentId,
      username: accounts.username,
    })
    .from(staff)
    .innerJoin(orgUnits, eq(orgUnits.id, staff.unitId))
    .leftJoin(accounts, eq(accounts.staffId, staff.id))
    .where(eq(staff.id, sql.placeholder('staffId')))
    .prepare();
const rolesOf = (conn: Conn) => conn.select({ role: staffRoles.role }).from(staffRoles).where(eq(staffRoles.staffId, sql.placeholder('staffId'))).prepare();

export function staffIdentity(conn: Conn, staffId: string): StaffIdentity | undefined {
  const row = preparedOn(conn, identityOf).get({ staffId });
  if (row === undefined) return undefined;
  const roles = preparedOn(conn, rolesOf)
    .all({ staffId })
    .map((r) => r.role);
  return { ...row, roles: roles.sort() };
}

export interface NewSession {
  tokenHash: string;
  staffId: string;
  at: Date;
  expiresAt: Date;
  ip?: string;
  userAgent?: string;
}

export function createSession(conn: Conn, s: NewSession): void {
  conn.insert(sessions).values({ tokenHash: s.tokenHash, staffId: s.staffId, createdAt: s.at, lastSeenAt: s.at, expiresAt: s.expiresAt, ip: s.ip, userAgent: s.userAgent }).run();
}

export type SessionRow = typeof sessions.$inferSelect;

const sessionOf = (conn: Conn) => conn.select().from(sessions).where(eq(sessions.tokenHash, sql.placeholder('tokenHash'))).prepare();

/** The session of a token hash, unless it has expired. */
export function liveSession(conn: Conn, tokenHash: string, at: Date): SessionRow | undefined {
  // read on every API call made with a session: built once per connection (prepared.ts); the
  // expiry is compared here, which spares binding a date to a placeholder
  const session = preparedOn(conn, sessionOf).get({ tokenHash });
  return session !== undefined && session.expiresAt.getTime() > at.getTime() ? session : undefined;
}

/** Slides the session's expiry on (idle timeout), at most up to `maxExpiresAt`. */
export function touchSession(conn: Conn, tokenHash: string, at: Date, expiresAt: Date): void {
  conn.update(sessions).set({ lastSeenAt: at, expiresAt }).where(eq(sessions.tokenHash, tokenHash)).run();
}

export function deleteSession(conn: Conn, tokenHash: string): void {
  conn.delete(sessions).where(eq(sessions.tokenHash, tokenHash)).run();
}

export function deleteSessionsOf(conn: Conn, staffId: string): number {
  return conn.delete(sessions).where(eq(sessions.staffId, staffId)).run().changes;
}

export function purgeExpiredSessions(conn: Conn, at: Date): number {
  return conn.delete(sessions).where(lt(sessions.expiresAt, at)).run().changes;
}
