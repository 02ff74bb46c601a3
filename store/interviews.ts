// 约谈: a unit called to account after a ranking. Who is called and why is the diagram's rule
// (supervision-cycle's 选定约谈单位); the record is opened when the interview task comes, the
// interviewer records when it was held, the findings and the rectification deadline, and the check
// of that deadline records whether the unit rectified.
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Conn } from './db.js';
import { interviews, orgUnits } from './schema.js';

export type InterviewRow = typeof interviews.$inferSelect;
export type Interview = InterviewRow & { unitName: string };

/** The interview of a unit for a ranking period, opened once: answers its id. */
export function openInterview(conn: Conn, i: { unitId: string; period: string; reasons: string[]; at: Date }): number {
  conn
    .insert(interviews)
    .values({ unitId: i.unitId, period: i.period, reasons: i.reasons, createdAt: i.at })
    .onConflictDoNothing({ target: [interviews.unitId, interviews.period] })
    .run();
  return conn.select({ id: interviews.id }).from(interviews).where(and(eq(interviews.unitId, i.unitId), eq(interviews.period, i.period))).get()!.id;
}

const columns = {
  id: interviews.id,
  unitId: interviews.unitId,
  period: interviews.period,
  reasons: interviews.reasons,
  interviewerStaffId: interviews.interviewerStaffId,
  heldAt: interviews.heldAt,
  findings: interviews.findings,
  rectificationDeadline: interviews.rectificationDeadline,
  checkedByStaffId: interviews.checkedByStaffId,
  checkedAt: interviews.checkedAt,
  rectified: interviews.rectified,
  checkNote: interviews.checkNote,
  createdAt: interviews.createdAt,
  unitName: orgUnits.name,
};

export function getInterview(conn: Conn, id: number): Interview | undefined {
  return conn.select(columns).from(interviews).innerJoin(orgUnits, eq(orgUnits.id, interviews.unitId)).where(eq(interviews.id, id)).get();
}

/** The interviewer's record (the interview task's form). Recording it again changes nothing. */
export function recordInterviewHeld(conn: Conn, id: number, r: { staffId: string; heldAt: Date; findings: string; rectificationDeadline: Date }): void {
  conn
    .update(interviews)
    .set({ interviewerStaffId: r.staffId, heldAt: r.heldAt, findings: r.findings, rectificationDeadline: r.rectificationDeadline })
    .where(and(eq(interviews.id, id), isNull(interviews.heldAt)))
    .run();
}

/** The check of the rectification deadline (the check task's form). Recording it again changes nothing. */
export function recordRectificationCheck(conn: Conn, id: number, c: { staffId: string; at: Date; rectified: boolean; note: string | null }): void {
  conn
    .update(interviews)
    .set({ checkedByStaffId: c.staffId, checkedAt: c.at, rectified: c.rectified, checkNote: c.note })
    .where(and(eq(interviews.id, id), isNull(interviews.checkedAt)))
    .run();
}

/** Units with an interview not yet checked: the diagram calls none of them again meanwhile. */
export function unitsWithOpenInterview(conn: Conn): Set<string> {
  return new Set(conn.select({ unitId: interviews.unitId }).from(interviews).where(isNull(interviews.checkedAt)).all().map((r) => r.unitId));
}

export type InterviewState = 'scheduled' | 'held' | 'rectified' | 'not_rectified';

export function interviewState(i: Pick<InterviewRow, 'heldAt' | 'checkedAt' | 'rectified'>): InterviewState {
  if (i.checkedAt !== null) return i.rectified ? 'rectified' : 'not_rectified';
  return i.heldAt !== null ? 'held' : 'scheduled';
}

export function listInterviews(conn: Conn, f: { units?: readonly string[]; period?: string; limit: number; offset: number }): { items: Interview[]; total: number } {
  const where = and(f.units === undefined ? undefined : inArray(interviews.unitId, [...f.units]), f.period === undefined ? undefined : eq(interviews.period, f.period));
  const items = conn
    .select(columns)
    .from(interviews)
    .innerJoin(orgUnits, eq(orgUnits.id, interviews.unitId))
    .where(where)
    .orderBy(desc(interviews.createdAt), asc(interviews.id))
    .limit(f.limit)
    .offset(f.offset)
    .all();
  const total = conn.select({ n: sql<number>`count(*)` }).from(interviews).where(where).get()?.n ?? 0;
  return { items, total };
}
