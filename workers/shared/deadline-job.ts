// What the steps on handle-at-level's deadline timers (warning, overdue, urging, supervision
// orders) read from their job: the request, the unit responsible (a candidate group) and the
// deadline in force. Both must exist in the store, or the job cannot succeed by retrying.
import type { Conn } from '../../store/db.js';
import type { OrgUnit } from '../../store/org-units.js';
import type { JobInput } from './job.js';
import { requestOf } from './records.js';
import { unitOfGroup } from './units.js';
import { object, text } from './vars.js';

export interface DeadlineJob {
  requestId: string;
  responsibleUnit: string;
  /** ISO 8601, as the diagram's `deadlines.deadline` holds it */
  deadline: string;
}

export function deadlineJobOf(job: JobInput): DeadlineJob {
  return { requestId: text(job, 'requestId'), responsibleUnit: text(job, 'responsibleUnit'), deadline: String(object(job, 'deadlines').deadline ?? '') };
}

/** The responsible unit, after checking the request exists. */
export function urgedUnitOf(tx: Conn, d: DeadlineJob): OrgUnit {
  requestOf(tx, d.requestId);
  return unitOfGroup(tx, d.responsibleUnit);
}
