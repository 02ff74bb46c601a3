// What this worker needs from joint handling in the store.
//
// The whistle (吹哨) is the township's act: the API records it when the township completes
// 确定报到部门及任务 (api/tasks/recorders.ts), under the key `joint:<joint-handling instance key>`,
// with a row per named department. Reports and non-reports are then recorded on those rows
// (store/joint-handling.ts). This adapter only reads the whistle and records the non-report on it;
// it never blows one and never adds a department to one.
import type { Conn } from '../../store/db.js';
import { recordNonReport, whistleByKey, whistleReports } from '../../store/joint-handling.js';

export interface NonReport {
  requestId: string;
  departmentId: string;
  /** the joint-handling process instance */
  processInstanceKey: string;
  at: Date;
}

/**
 * - `recorded`: the non-report is now on the department's row;
 * - `already`: the department reported meanwhile, or its non-report was recorded before;
 * - `no-whistle`: nothing was recorded under the instance's key;
 * - `other-request`: the whistle under that key belongs to another request;
 * - `not-named`: the whistle does not name the department.
 */
export type NonReportOutcome = 'recorded' | 'already' | 'no-whistle' | 'other-request' | 'not-named';

/** The key the API records the whistle of a joint-handling instance under. */
export const whistleKeyOf = (processInstanceKey: string): string => `joint:${processInstanceKey}`;

/** Records the department's non-report on the whistle of its joint-handling instance, if there is one naming it. */
export function recordNonReportOnWhistle(conn: Conn, n: NonReport): NonReportOutcome {
  const whistle = whistleByKey(conn, whistleKeyOf(n.processInstanceKey));
  if (whistle === undefined) return 'no-whistle';
  if (whistle.requestId !== n.requestId) return 'other-request';
  if (!whistleReports(conn, whistle.id).some((r) => r.departmentId === n.departmentId)) return 'not-named';
  return recordNonReport(conn, whistle.id, n.departmentId, n.at) ? 'recorded' : 'already';
}
