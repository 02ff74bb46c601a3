// `returnId`: the store's id of a return (request_returns), as suqiu.return.record hands it out
// (the integer id, as a string) for the special team's decision to refer to.
import { IncidentError, type JobInput } from './job.js';

export function returnIdOf(job: JobInput): number {
  const value = job.variables.returnId;
  const id = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(id)) throw new IncidentError(`${job.type}: variable "returnId" must be the id of a return, got ${JSON.stringify(value) ?? 'nothing'}`);
  return id;
}
