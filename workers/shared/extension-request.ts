// The extension a unit asked for, as the script 登记延期申请 (`note-extension-request` in
// handle-at-level) captured it when the unit completed 办理诉求 with `outcome: "extend"`:
// `extensionRequest: {days, reason, askedAt, deadline}` (deadline: the one in force when asked).
import { IncidentError, type JobInput } from './job.js';
import { object } from './vars.js';

export interface ExtensionRequest {
  days: number;
  reason: string;
  askedAt: Date;
  /** the deadline in force when the unit asked */
  deadline: Date;
}

function instant(job: JobInput, name: string, value: unknown): Date {
  const date = typeof value === 'string' ? new Date(value) : undefined;
  if (date === undefined || Number.isNaN(date.getTime())) {
    throw new IncidentError(`${job.type}: ${name} must be an ISO date-time, got ${JSON.stringify(value) ?? 'nothing'}`);
  }
  return date;
}

export function extensionRequestOf(job: JobInput): ExtensionRequest {
  const asked = object(job, 'extensionRequest');
  const { days, reason } = asked;
  if (typeof days !== 'number' || !Number.isInteger(days) || days < 1) {
    throw new IncidentError(`${job.type}: extensionRequest.days must be a whole number of days ≥ 1, got ${JSON.stringify(days) ?? 'nothing'}`);
  }
  if (typeof reason !== 'string' || reason.trim() === '') {
    throw new IncidentError(`${job.type}: extensionRequest.reason must be a non-empty string, got ${JSON.stringify(reason) ?? 'nothing'}`);
  }
  return {
    days,
    reason,
    askedAt: instant(job, 'extensionRequest.askedAt', asked.askedAt),
    deadline: instant(job, 'extensionRequest.deadline', asked.deadline),
  };
}

/** `deadlines.deadline`, the deadline the process holds now */
export function currentDeadline(job: JobInput): Date {
  return instant(job, 'deadlines.deadline', object(job, 'deadlines').deadline);
}
