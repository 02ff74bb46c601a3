// 并单 at screening: the `screen` form may name `mergeInto`, the request this one repeats. The
// tasks module calls `screeningProblems` before it completes `screen`, so a person learns at once
// (400 naming `mergeInto`) what the merge worker would otherwise stop at as an incident.
import { isFinished } from '../../domain/index.js';
import type { Conn } from '../../store/db.js';
import { getRequest } from '../../store/requests.js';
import { canSeeRequest } from '../../store/visibility.js';
import type { Staff } from '../auth/staff.js';
import { t, type FieldProblem } from '../problems.js';

/**
 * What is wrong with the `screen` form's `mergeInto` for request `requestId`, completed by `staff`:
 * it must name another request the caller can see, itself neither merged nor finished.
 * No `mergeInto` (or null): nothing to check.
 */
export function screeningProblems(db: Conn, staff: Pick<Staff, 'scope'>, requestId: string, variables: Record<string, unknown>): FieldProblem[] {
  const into = variables.mergeInto;
  if (into === undefined || into === null) return [];
  const problem = (zh: string, en: string): FieldProblem[] => [{ field: 'mergeInto', message: t(zh, en) }];
  if (typeof into !== 'string' || into.trim() === '') return problem('请填写要并入的诉求编号', 'name the request to merge into');
  if (into === requestId) return problem('不能并入本诉求自身', 'a request cannot be merged into itself');
  const master = getRequest(db, into);
  // a request the caller may not see answers like one that does not exist
  if (master === undefined || !canSeeRequest(db, staff.scope, into)) return problem(`找不到诉求 ${into}`, `no request ${into}`);
  if (master.mergedInto !== null) return problem(`诉求 ${into} 已并入 ${master.mergedInto},请并入 ${master.mergedInto}`, `${into} was merged into ${master.mergedInto}: merge into that one`);
  if (isFinished(master.status)) return problem(`诉求 ${into} 已办结,不能再并入`, `${into} is finished: nothing can be merged into it`);
  return [];
}
