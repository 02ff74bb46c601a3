// Job commands with Zeebe's preconditions: which states a command accepts, what it changes,
// and what becomes activatable again.

import type { IncidentRow, JobRow } from '../state/rows.js';
import type { Tx } from './context.js';
import { failedPrecondition, invalidArgument, notFound } from './errors.js';
import { throwError, UNHANDLED_ERROR_EVENT, unhandledErrorMessage } from './error-events.js';
import { raiseIncident } from './incidents.js';
import { completeNow } from './lifecycle.js';
import { setLocalVariables, visibleVariables, type Variables } from './variables.js';

export const JOB_NO_RETRIES = 'JOB_NO_RETRIES';

export interface ActivateRequest {
  type: string;
  worker: string;
  timeout: number;
  maxJobsToActivate: number;
  fetchVariable: string[];
  tenantIds: string[];
}

export interface ActivatedJob {
  key: number;
  type: string;
  processInstanceKey: number;
  bpmnProcessId: string;
  processDefinitionVersion: number;
  processDefinitionKey: number;
  elementId: string;
  elementInstanceKey: number;
  customHeaders: string;
  worker: string;
  retries: number;
  deadline: number;
  variables: string;
  tenantId: string;
}

export interface FailRequest {
  jobKey: number;
  retries: number;
  errorMessage: string;
  retryBackOff: number;
  variables: Variables;
}

export interface ThrowErrorRequest {
  jobKey: number;
  errorCode: string;
  errorMessage: string;
  variables: Variables;
}

function requireJob(tx: Tx, jobKey: number, action: string): JobRow {
  const job = tx.store.job(jobKey);
  if (!job || job.state === 'COMPLETED' || job.state === 'CANCELED') {
    throw notFound(`Expected to ${action} job with key '${jobKey}', but no such job was found`);
  }
  return job;
}

function requireState(job: JobRow, states: string[], action: string): void {
  if (!states.includes(job.state)) {
    throw failedPrecondition(`Expected to ${action} job with key '${job.key}', but it is in state '${job.state}'`);
  }
}

export function activateJobs(tx: Tx, request: ActivateRequest): ActivatedJob[] {
  const tenants = new Set(request.tenantIds.length ? request.tenantIds : ['<default>']);
  const activated: ActivatedJob[] = [];
  for (const job of tx.store.activatableJobs(request.type, request.maxJobsToActivate)) {
    // only the default tenant exists today; jobs of other tenants stay for their own workers
    if (tenants.has(job.tenant_id)) activated.push(activateOne(tx, job, request));
  }
  return activated;
}

export function activateOne(tx: Tx, job: JobRow, request: Pick<ActivateRequest, 'worker' | 'timeout' | 'fetchVariable'>): ActivatedJob {
  const deadline = tx.now + request.timeout;
  tx.store.updateJob({ ...job, state: 'ACTIVATED', worker: request.worker, deadline, recur_at: null });
  let variables = visibleVariables(tx, job.element_instance_key);
  if (request.fetchVariable.length) {
    const wanted: Variables = {};
    for (const name of request.fetchVariable) if (name in variables) wanted[name] = variables[name];
    variables = wanted;
  }
  return {
    key: job.key,
    type: job.type,
    processInstanceKey: job.process_instance_key,
    bpmnProcessId: job.bpmn_process_id,
    processDefinitionVersion: job.version,
    processDefinitionKey: job.definition_key,
    elementId: job.element_id,
    elementInstanceKey: job.element_instance_key,
    customHeaders: job.custom_headers,
    worker: request.worker,
    retries: job.retries,
    deadline,
    variables: JSON.stringify(variables),
    tenantId: job.tenant_id,
  };
}

export function completeJob(tx: Tx, jobKey: number, variables: Variables): void {
  const job = requireJob(tx, jobKey, 'complete');
  requireState(job, ['ACTIVATABLE', 'ACTIVATED'], 'complete');
  tx.store.updateJob({ ...job, state: 'COMPLETED' });
  completeNow(tx, job.element_instance_key, { variables });
}

export function failJob(tx: Tx, request: FailRequest): void {
  const job = requireJob(tx, request.jobKey, 'fail');
  requireState(job, ['ACTIVATED'], 'fail');
  const element = tx.store.element(job.element_instance_key)!;
  if (Object.keys(request.variables).length) setLocalVariables(tx, element.key, element.process_instance_key, request.variables);
  const failed: JobRow = { ...job, retries: request.retries, error_message: request.errorMessage, deadline: null, worker: '' };
  if (request.retries > 0) {
    if (request.retryBackOff > 0) tx.store.updateJob({ ...failed, state: 'FAILED', recur_at: tx.now + request.retryBackOff });
    else {
      tx.store.updateJob({ ...failed, state: 'ACTIVATABLE', recur_at: null });
      tx.jobActivatable(job.key, job.type);
    }
    return;
  }
  tx.store.updateJob({ ...failed, state: 'FAILED', recur_at: null });
  raiseIncident(tx, element, JOB_NO_RETRIES, request.errorMessage || 'No more retries left.', { step: 'job' }, job.key);
}

export function throwJobError(tx: Tx, request: ThrowErrorRequest): void {
  const job = requireJob(tx, request.jobKey, 'throw an error for');
  requireState(job, ['ACTIVATABLE', 'ACTIVATED'], 'throw an error for');
  if (request.errorCode.trim() === '') throw invalidArgument('Expected to throw an error with a non-empty error code, but it was empty');
  tx.store.updateJob({ ...job, state: 'ERROR_THROWN', error_code: request.errorCode, error_message: request.errorMessage, deadline: null });
  const element = tx.store.element(job.element_instance_key)!;
  if (throwError(tx, element, request.errorCode, request.errorMessage, request.variables)) {
    tx.store.updateJob({ ...job, state: 'COMPLETED', error_code: request.errorCode, error_message: request.errorMessage });
    return;
  }
  raiseIncident(tx, element, UNHANDLED_ERROR_EVENT, unhandledErrorMessage(request.errorCode, request.errorMessage), { step: 'job' }, job.key);
}

export function updateJobRetries(tx: Tx, jobKey: number, retries: number): void {
  const job = requireJob(tx, jobKey, 'update retries of');
  if (retries < 1) throw invalidArgument(`Expected retries to be greater than zero, but it was ${retries}`);
  tx.store.updateJob({ ...job, retries });
}

export function updateJobTimeout(tx: Tx, jobKey: number, timeout: number): void {
  const job = requireJob(tx, jobKey, 'update the timeout of');
  requireState(job, ['ACTIVATED'], 'update the timeout of');
  tx.store.updateJob({ ...job, deadline: tx.now + timeout });
}

/** Resolving a job's incident makes it activatable again, if it has retries (Zeebe rejects otherwise). */
export function resolveJobIncident(tx: Tx, incident: IncidentRow): void {
  const job = incident.job_key !== null ? tx.store.job(incident.job_key) : undefined;
  if (!job || job.state === 'CANCELED' || job.state === 'COMPLETED') {
    tx.store.setIncidentState(incident.key, 'RESOLVED');
    return;
  }
  if (job.retries <= 0) {
    throw failedPrecondition(`Expected to resolve incident with key '${incident.key}', but job with key '${job.key}' has no retries left. Update the job's retries first.`);
  }
  tx.store.setIncidentState(incident.key, 'RESOLVED');
  tx.store.updateJob({ ...job, state: 'ACTIVATABLE', deadline: null, recur_at: null, worker: '' });
  tx.jobActivatable(job.key, job.type);
}

/** Timed-out activations and finished back-offs return to the backlog, retries unchanged. */
export function releaseDueJobs(tx: Tx): void {
  for (const job of tx.store.timedOutJobs(tx.now)) {
    tx.store.updateJob({ ...job, state: 'ACTIVATABLE', deadline: null, worker: '' });
    tx.jobActivatable(job.key, job.type);
  }
  for (const job of tx.store.backedOffJobs(tx.now)) {
    tx.store.updateJob({ ...job, state: 'ACTIVATABLE', recur_at: null });
    tx.jobActivatable(job.key, job.type);
  }
}

export function yieldJob(tx: Tx, jobKey: number): void {
  const job = tx.store.job(jobKey);
  if (!job || job.state !== 'ACTIVATED') return;
  tx.store.updateJob({ ...job, state: 'ACTIVATABLE', deadline: null, worker: '' });
  tx.jobActivatable(job.key, job.type);
}
