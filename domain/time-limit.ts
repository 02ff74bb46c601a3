// 限时销号: a deadline per request.
// - short-term requests (能短期办结的): 15 days;
// - complex ones (过程较为复杂的): 30, 60 or 90 days, chosen at assessment;
// - what cannot be solved at once (一时不能彻底解决的): staged measures, each milestone with its own
//   deadline; the request's limit is the last milestone's.
// Days are calendar days (the study says "15日内", not working days): deadline = start + days × 24 h.
// China keeps one UTC offset all year, so 24 h is always one calendar day there.
import type { Difficulty } from './difficulty.js';

export const SHORT_TERM_DAYS = 15;
export const COMPLEX_DAYS = [30, 60, 90] as const;
export type ComplexDays = (typeof COMPLEX_DAYS)[number];

export interface Milestone {
  title: string;
  /** Days from the start of handling to this milestone's deadline. */
  days: number;
}

export type TimeLimit =
  | { kind: 'short_term' }
  | { kind: 'complex'; days: ComplexDays }
  | { kind: 'staged'; milestones: readonly Milestone[] };

const DAY_MS = 24 * 60 * 60 * 1000;

export function isComplexDays(days: number): days is ComplexDays {
  return (COMPLEX_DAYS as readonly number[]).includes(days);
}

/** The number of days a request has, whatever its kind of limit. */
export function timeLimitDays(limit: TimeLimit): number {
  switch (limit.kind) {
    case 'short_term':
      return SHORT_TERM_DAYS;
    case 'complex':
      return limit.days;
    case 'staged':
      if (limit.milestones.length === 0) throw new RangeError('staged measures need at least one milestone');
      return Math.max(...limit.milestones.map((m) => m.days));
  }
}

/** What assessment proposes before a person decides: easy → 15, hard → 30, major → 90 days (as the workflow's default). */
export function suggestedTimeLimit(difficulty: Difficulty): TimeLimit {
  switch (difficulty) {
    case 'easy':
      return { kind: 'short_term' };
    case 'hard':
      return { kind: 'complex', days: 30 };
    case 'major':
      return { kind: 'complex', days: 90 };
  }
}

/** start + days calendar days (same time of day). */
export function deadlineFrom(start: Date, days: number): Date {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`days must be a whole number ≥ 0, got ${days}`);
  return new Date(start.getTime() + days * DAY_MS);
}

/** Each milestone of a staged plan with its own deadline, in order of deadline. */
export function milestoneDeadlines(start: Date, milestones: readonly Milestone[]): { title: string; deadline: Date }[] {
  return [...milestones]
    .sort((a, b) => a.days - b.days)
    .map((m) => ({ title: m.title, deadline: deadlineFrom(start, m.days) }));
}

/**
 * How many days before the deadline the warning goes out: 20% of the limit, at least 1 day and at
 * most 7 (15 → 3, 30 → 6, 60 and 90 → 7).
 * Why: a fixed "3 days before" is fine for a 15-day request but leaves a 90-day case with joint
 * handling too little time to react; a share scales with the limit. The cap keeps long cases from
 * warning weeks ahead (warnings that come too early are ignored); the floor makes even a short
 * limit (e.g. a 2-day milestone) warn the day before.
 */
export function warningLeadDays(limitDays: number): number {
  // whole days, rounded down: the same as the FEEL in workflows/handle-at-level.bpmn (floor(timeLimitDays / 5))
  return Math.min(7, Math.max(1, Math.floor(limitDays / 5)));
}

/** When the warning goes out for a request started at `start` with `limitDays`. */
export function warningAt(start: Date, limitDays: number): Date {
  return deadlineFrom(start, limitDays - Math.min(limitDays, warningLeadDays(limitDays)));
}

/** ISO-8601 duration of whole days, as BPMN timers expect it (e.g. `P15D`). */
export function isoDays(days: number): string {
  return `P${days}D`;
}

/** Overdue: past the deadline and not finished by then. */
export function isOverdue(deadline: Date, now: Date, finishedAt?: Date): boolean {
  const reference = finishedAt ?? now;
  return reference.getTime() > deadline.getTime();
}
