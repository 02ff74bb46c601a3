// Checks of a step's form that need the store (the form's schema cannot know them): a request to
// merge into must exist and be visible, a unit to re-dispatch to must exist. They come from the
// modules that own those steps.
import type { Conn } from '../../store/db.js';
import { screeningProblems } from '../requests/merge.js';
import { handleAtLevelChecks } from './forms/handle-at-level.js';
import type { Staff } from '../auth/staff.js';
import type { FieldProblem } from '../problems.js';

type Check = (db: Conn, staff: Staff, requestId: string, variables: Record<string, unknown>) => FieldProblem[];

const CHECKS: Readonly<Record<string, Check>> = {
  screen: (db, staff, requestId, v) => screeningProblems(db, staff, requestId, v),
  accept: (db, _staff, requestId, v) => handleAtLevelChecks.accept!(db, requestId, v),
  'handle-task': (db, _staff, requestId, v) => handleAtLevelChecks['handle-task']!(db, requestId, v),
  'review-return': (db, _staff, requestId, v) => handleAtLevelChecks['review-return']!(db, requestId, v),
};

export function extraProblems(db: Conn, staff: Staff, elementId: string, requestId: string, variables: Record<string, unknown>): FieldProblem[] {
  return CHECKS[elementId]?.(db, staff, requestId, variables) ?? [];
}
