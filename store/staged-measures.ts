// Staged measures (阶段性措施): for what cannot be solved at once, milestones with their own deadlines.
import { and, asc, eq, isNull, lte } from 'drizzle-orm';
import { milestoneDeadlines, type Milestone } from '../domain/index.js';
import type { Conn } from './db.js';
import { appendCaseEvent } from './case-file.js';
import { stagedMeasures } from './schema.js';

export type StagedMeasure = typeof stagedMeasures.$inferSelect;

/**
 * Plans the milestones of a request from `start` (numbered 1, 2, ... in order of deadline).
 * A milestone already planned under the same number is left as it is, so planning twice is harmless.
 */
export function planStagedMeasures(conn: Conn, requestId: string, start: Date, milestones: readonly Milestone[]): StagedMeasure[] {
  return conn.transaction((tx) => {
    const dated = milestoneDeadlines(start, milestones);
    let added = 0;
    dated.forEach((m, i) => {
      added += tx
        .insert(stagedMeasures)
        .values({ requestId, seq: i + 1, title: m.title, deadline: m.deadline })
        .onConflictDoNothing()
        .run().changes;
    });
    if (added > 0) {
      appendCaseEvent(tx, { requestId, kind: 'staged_measures_planned', actor: 'system', at: start, detail: { milestones: dated.map((m) => m.title) } });
    }
    return stagedMeasuresOf(tx, requestId);
  });
}

/**
 * Plans the milestones a unit gave with their own due dates (the workbench's form), numbered in order
 * of due date. Planning again changes nothing already planned.
 */
export function planMilestonesByDate(conn: Conn, requestId: string, at: Date, milestones: readonly { title: string; deadline: Date }[], actor = 'system'): StagedMeasure[] {
  return conn.transaction((tx) => {
    const dated = [...milestones].sort((a, b) => a.deadline.getTime() - b.deadline.getTime());
    let added = 0;
    dated.forEach((m, i) => {
      added += tx.insert(stagedMeasures).values({ requestId, seq: i + 1, title: m.title, deadline: m.deadline }).onConflictDoNothing().run().changes;
    });
    if (added > 0) appendCaseEvent(tx, { requestId, kind: 'staged_measures_planned', actor, at, detail: { milestones: dated.map((m) => m.title) } });
    return stagedMeasuresOf(tx, requestId);
  });
}

/** Marks a milestone done; only the first call counts. */
export function completeMilestone(conn: Conn, requestId: string, seq: number, at = new Date(), actor = 'system'): boolean {
  return conn.transaction((tx) => {
    const changed = tx
      .update(stagedMeasures)
      .set({ doneAt: at })
      .where(and(eq(stagedMeasures.requestId, requestId), eq(stagedMeasures.seq, seq), isNull(stagedMeasures.doneAt)))
      .run().changes;
    if (changed > 0) appendCaseEvent(tx, { requestId, kind: 'milestone_done', actor, at, detail: { seq } });
    return changed > 0;
  });
}

export function stagedMeasuresOf(conn: Conn, requestId: string): StagedMeasure[] {
  return conn.select().from(stagedMeasures).where(eq(stagedMeasures.requestId, requestId)).orderBy(asc(stagedMeasures.seq)).all();
}

/** Milestones not done whose deadline is at or before `by`. */
export function dueMilestones(conn: Conn, by: Date): StagedMeasure[] {
  return conn
    .select()
    .from(stagedMeasures)
    .where(and(isNull(stagedMeasures.doneAt), lte(stagedMeasures.deadline, by)))
    .orderBy(asc(stagedMeasures.deadline))
    .all();
}
