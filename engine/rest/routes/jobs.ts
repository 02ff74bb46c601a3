// Jobs: activation (long polling), completion, failure, error.

import { normalizeTenant } from '../../runtime/engine.js';
import type { ActivatedJob } from '../../runtime/job-commands.js';
import type { RestContext } from '../context.js';
import { jsonBody, noContent } from '../http.js';
import { command, commandAsync, invalidArgument } from '../problem.js';
import type { Router } from '../router.js';
import {
  object, optionalInteger, optionalString, optionalStringArray, optionalVariables, pathKey,
} from '../validate.js';

/** Zeebe's gateway default for long polling */
const DEFAULT_LONG_POLL_MS = 10_000;

function jobResult(job: ActivatedJob) {
  return {
    type: job.type,
    processDefinitionId: job.bpmnProcessId,
    processDefinitionVersion: job.processDefinitionVersion,
    elementId: job.elementId,
    customHeaders: JSON.parse(job.customHeaders) as Record<string, unknown>,
    worker: job.worker,
    retries: job.retries,
    deadline: job.deadline,
    variables: JSON.parse(job.variables) as Record<string, unknown>,
    tenantId: job.tenantId,
    jobKey: String(job.key),
    processInstanceKey: String(job.processInstanceKey),
    processDefinitionKey: String(job.processDefinitionKey),
    elementInstanceKey: String(job.elementInstanceKey),
    kind: 'BPMN_ELEMENT',
    listenerEventType: 'UNSPECIFIED',
  };
}

export function registerJobs(router: Router, { engine, waiters }: RestContext): void {
  router.post('/v2/jobs/activation', async (ctx) => {
    const body = object(jsonBody(ctx, true));
    const type = optionalString(body, 'type');
    const timeout = optionalInteger(body, 'timeout');
    const maxJobsToActivate = optionalInteger(body, 'maxJobsToActivate');
    const worker = optionalString(body, 'worker') ?? '';
    const fetchVariable = optionalStringArray(body, 'fetchVariable') ?? [];
    const tenantIds = (optionalStringArray(body, 'tenantIds') ?? []).map((t) => normalizeTenant(t));
    const requestTimeout = optionalInteger(body, 'requestTimeout') ?? 0;
    const violations: string[] = [];
    if (type === undefined || type.trim() === '') violations.push('No type provided');
    if (timeout === undefined) violations.push('No timeout provided');
    else if (timeout < 1) violations.push(`The value for timeout is '${timeout}' but must be greater than 0`);
    if (maxJobsToActivate === undefined) violations.push('No maxJobsToActivate provided');
    else if (maxJobsToActivate < 1) violations.push(`The value for maxJobsToActivate is '${maxJobsToActivate}' but must be greater than 0`);
    if (violations.length) throw invalidArgument(violations);
    const wait = requestTimeout === 0 ? DEFAULT_LONG_POLL_MS : requestTimeout;
    const jobs = await commandAsync('ACTIVATE', () => waiters.activateJobs(
      { type: type!, worker, timeout: timeout!, maxJobsToActivate: maxJobsToActivate!, fetchVariable, tenantIds }, wait, ctx.signal));
    return { json: { jobs: jobs.map(jobResult) } };
  });

  router.post('/v2/jobs/:jobKey/completion', (ctx) => {
    const key = pathKey(ctx.params, 'jobKey');
    const body = object(jsonBody(ctx, false));
    const variables = optionalVariables(body);
    if (body.result !== undefined && body.result !== null) {
      throw invalidArgument('The embedded engine does not support job results (task listeners, ad-hoc subprocesses)');
    }
    command('COMPLETE', () => engine.completeJob(key, variables));
    return noContent;
  });

  router.post('/v2/jobs/:jobKey/failure', (ctx) => {
    const key = pathKey(ctx.params, 'jobKey');
    const body = object(jsonBody(ctx, false));
    const request = {
      jobKey: key,
      retries: optionalInteger(body, 'retries') ?? 0,
      errorMessage: optionalString(body, 'errorMessage') ?? '',
      retryBackOff: optionalInteger(body, 'retryBackOff') ?? 0,
      variables: optionalVariables(body),
    };
    command('FAIL', () => engine.failJob(request));
    return noContent;
  });

  router.post('/v2/jobs/:jobKey/error', (ctx) => {
    const key = pathKey(ctx.params, 'jobKey');
    const body = object(jsonBody(ctx, true));
    const errorCode = optionalString(body, 'errorCode');
    if (errorCode === undefined || errorCode.trim() === '') throw invalidArgument('No errorCode provided');
    const request = {
      jobKey: key,
      errorCode,
      errorMessage: optionalString(body, 'errorMessage') ?? '',
      variables: optionalVariables(body),
    };
    command('THROW_ERROR', () => engine.throwError(request));
    return noContent;
  });

  router.patch('/v2/jobs/:jobKey', (ctx) => {
    const key = pathKey(ctx.params, 'jobKey');
    const body = object(jsonBody(ctx, true));
    const changeset = object(body.changeset, 'changeset');
    const retries = optionalInteger(changeset, 'retries', 'changeset.retries');
    const timeout = optionalInteger(changeset, 'timeout', 'changeset.timeout');
    const violations: string[] = [];
    if (retries === undefined && timeout === undefined) violations.push('At least one of [retries, timeout] is required');
    if (retries !== undefined && retries < 1) violations.push(`The value for retries is '${retries}' but must be greater than 0`);
    if (timeout !== undefined && timeout < 1) violations.push(`The value for timeout is '${timeout}' but must be greater than 0`);
    if (violations.length) throw invalidArgument(violations);
    command('UPDATE', () => {
      if (retries !== undefined) engine.updateJobRetries(key, retries);
      if (timeout !== undefined) engine.updateJobTimeout(key, timeout);
    });
    return noContent;
  });
}
