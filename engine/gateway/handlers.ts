// The Gateway service's RPCs, translated to engine commands. Request and response fields
// follow Zeebe's gateway.proto; int64 values travel as strings.

import * as grpc from '@grpc/grpc-js';
import type { Engine } from '../runtime/engine.js';
import { normalizeTenant, parseVariables } from '../runtime/engine.js';
import { invalidArgument } from '../runtime/errors.js';
import type { ActivatedJob, ActivateRequest } from '../runtime/job-commands.js';
import type { DeployedProcess } from '../runtime/deployment.js';
import { clusterTopology } from '../runtime/topology.js';
import type { JobDispatcher } from './job-dispatch.js';
import { parseKey, parseLong, toServiceError } from './status.js';
import type { ResultWaiters } from './result-waiters.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- requests are proto-loader objects */
type Unary = (call: grpc.ServerUnaryCall<any, any>, callback: grpc.sendUnaryData<any>) => void;
type ServerStream = (call: grpc.ServerWritableStream<any, any>) => void;

export interface GatewayContext {
  engine: Engine;
  dispatcher: JobDispatcher;
  waiters: ResultWaiters;
  log: (line: string) => void;
  host: string;
  port: () => number;
}

/** Zeebe gateway defaults: long polling 10 s, request timeout 15 s */
const DEFAULT_LONG_POLL_MS = 10_000;
const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;

function unary(ctx: GatewayContext, handler: (request: any) => unknown | Promise<unknown>): Unary {
  return (call, callback) => {
    Promise.resolve()
      .then(() => handler(call.request))
      .then((response) => callback(null, response ?? {}))
      .catch((error: unknown) => callback(toServiceError(error, ctx.log) as grpc.ServiceError));
  };
}

function processMetadata(p: DeployedProcess) {
  return {
    bpmnProcessId: p.bpmnProcessId,
    version: p.version,
    processDefinitionKey: String(p.processDefinitionKey),
    resourceName: p.resourceName,
    tenantId: p.tenantId,
  };
}

function jobMessage(job: ActivatedJob) {
  return {
    ...job,
    key: String(job.key),
    processInstanceKey: String(job.processInstanceKey),
    processDefinitionKey: String(job.processDefinitionKey),
    elementInstanceKey: String(job.elementInstanceKey),
    deadline: String(job.deadline),
  };
}

function tenants(ids: unknown): string[] {
  return Array.isArray(ids) ? ids.map((t) => normalizeTenant(String(t))) : [];
}

function activateRequest(r: any): ActivateRequest {
  const type = String(r.type ?? '').trim();
  const worker = String(r.worker ?? '');
  const timeout = parseLong(r.timeout);
  const maxJobsToActivate = Number(r.maxJobsToActivate ?? 0);
  if (type === '') throw invalidArgument('Expected to activate jobs with a non-empty type, but it was blank');
  if (worker.trim() === '') throw invalidArgument('Expected to activate jobs with a non-empty worker name, but it was blank');
  if (timeout < 1) throw invalidArgument(`Expected to activate jobs with a timeout of at least 1 ms, but it was ${timeout}`);
  if (maxJobsToActivate < 1) throw invalidArgument(`Expected to activate at least 1 job, but maxJobsToActivate was ${maxJobsToActivate}`);
  return { type, worker, timeout, maxJobsToActivate, fetchVariable: r.fetchVariable ?? [], tenantIds: tenants(r.tenantIds) };
}

function createRequest(r: any) {
  const definitionKey = r.processDefinitionKey && r.processDefinitionKey !== '0' ? parseKey(r.processDefinitionKey, 'processDefinitionKey') : undefined;
  return {
    processDefinitionKey: definitionKey,
    bpmnProcessId: r.bpmnProcessId ?? '',
    version: Number(r.version ?? -1) > 0 ? Number(r.version) : -1,
    variables: parseVariables(r.variables),
    tenantId: r.tenantId,
    startElementIds: (r.startInstructions ?? []).map((s: any) => String(s.elementId)),
  };
}

function createdMessage(result: { processInstanceKey: number; processDefinitionKey: number; bpmnProcessId: string; version: number; tenantId: string }) {
  return {
    processDefinitionKey: String(result.processDefinitionKey),
    bpmnProcessId: result.bpmnProcessId,
    version: result.version,
    processInstanceKey: String(result.processInstanceKey),
    tenantId: result.tenantId,
  };
}

const unimplemented = (name: string): Unary => (_call, callback) =>
  callback({ code: grpc.status.UNIMPLEMENTED, details: `${name} is not supported by the embedded engine yet` } as grpc.ServiceError);

export function createHandlers(ctx: GatewayContext): grpc.UntypedServiceImplementation {
  const { engine, dispatcher, waiters } = ctx;

  const activateJobs: ServerStream = (call) => {
    let request: ActivateRequest;
    try {
      request = activateRequest(call.request);
    } catch (error) {
      call.emit('error', toServiceError(error, ctx.log));
      return;
    }
    const requestTimeout = parseLong(call.request.requestTimeout);
    const wait = requestTimeout === 0 ? DEFAULT_LONG_POLL_MS : requestTimeout;
    try {
      dispatcher.activate(request, wait, (jobs) => {
        if (jobs.length) call.write({ jobs: jobs.map(jobMessage) });
        call.end();
      }, call);
    } catch (error) {
      call.emit('error', toServiceError(error, ctx.log));
    }
  };

  const streamActivatedJobs: ServerStream = (call) => {
    const r = call.request;
    const type = String(r.type ?? '').trim();
    const timeout = parseLong(r.timeout);
    if (type === '' || String(r.worker ?? '').trim() === '' || timeout < 1) {
      call.emit('error', toServiceError(invalidArgument('Expected a job stream with a type, a worker name and a timeout of at least 1 ms'), ctx.log));
      return;
    }
    const close = dispatcher.openStream({
      type,
      worker: String(r.worker),
      timeout,
      fetchVariable: r.fetchVariable ?? [],
      tenantIds: tenants(r.tenantIds),
      push: (job) => {
        if (call.cancelled || call.destroyed) return false;
        call.write(jobMessage(job));
        return true;
      },
    });
    call.on('cancelled', close);
    call.on('close', close);
    call.on('error', close);
  };

  return {
    Topology: unary(ctx, () => {
      const t = clusterTopology(ctx.host, ctx.port());
      return {
        brokers: [{ ...t.broker, partitions: [{ partitionId: t.partitionId, role: 'LEADER', health: 'HEALTHY' }] }],
        clusterSize: t.clusterSize,
        partitionsCount: t.partitionsCount,
        replicationFactor: t.replicationFactor,
        gatewayVersion: t.gatewayVersion,
      };
    }),

    DeployResource: unary(ctx, async (r) => {
      const resources = (r.resources ?? []).map((x: any) => ({ name: String(x.name ?? ''), content: Buffer.from(x.content ?? []) }));
      const result = await engine.deploy(resources, r.tenantId);
      const tenantId = normalizeTenant(r.tenantId);
      return {
        key: String(result.deploymentKey),
        deployments: result.processes.map((p) => ({ process: processMetadata(p) })),
        tenantId,
      };
    }),

    DeployProcess: unary(ctx, async (r) => {
      const resources = (r.processes ?? []).map((x: any) => ({ name: String(x.name ?? ''), content: Buffer.from(x.definition ?? []) }));
      const result = await engine.deploy(resources);
      return { key: String(result.deploymentKey), processes: result.processes.map(processMetadata) };
    }),

    CreateProcessInstance: unary(ctx, async (r) => {
      const request = createRequest(r);
      return createdMessage(await engine.submit(() => engine.createProcessInstance(request)));
    }),

    CreateProcessInstanceWithResult: unary(ctx, async (r) => {
      const request = createRequest(r.request ?? {});
      const created = await engine.submit(() => engine.createProcessInstance(request));
      const timeout = parseLong(r.requestTimeout) > 0 ? parseLong(r.requestTimeout) : DEFAULT_REQUEST_TIMEOUT_MS;
      const variables = await waiters.waitForCompletion(created.processInstanceKey, timeout, r.fetchVariables ?? []);
      return { ...createdMessage(created), variables: JSON.stringify(variables) };
    }),

    CancelProcessInstance: unary(ctx, async (r) => {
      const key = parseKey(r.processInstanceKey, 'processInstanceKey');
      await engine.submit(() => engine.cancelProcessInstance(key));
      return {};
    }),

    ActivateJobs: activateJobs,
    StreamActivatedJobs: streamActivatedJobs,

    CompleteJob: unary(ctx, async (r) => {
      const key = parseKey(r.jobKey, 'jobKey');
      const variables = parseVariables(r.variables);
      await engine.submit(() => engine.completeJob(key, variables));
      return {};
    }),

    FailJob: unary(ctx, async (r) => {
      const request = {
        jobKey: parseKey(r.jobKey, 'jobKey'),
        retries: Number(r.retries ?? 0),
        errorMessage: String(r.errorMessage ?? ''),
        retryBackOff: parseLong(r.retryBackOff),
        variables: parseVariables(r.variables),
      };
      await engine.submit(() => engine.failJob(request));
      return {};
    }),

    ThrowError: unary(ctx, async (r) => {
      const request = {
        jobKey: parseKey(r.jobKey, 'jobKey'),
        errorCode: String(r.errorCode ?? ''),
        errorMessage: String(r.errorMessage ?? ''),
        variables: parseVariables(r.variables),
      };
      await engine.submit(() => engine.throwError(request));
      return {};
    }),

    UpdateJobRetries: unary(ctx, async (r) => {
      const key = parseKey(r.jobKey, 'jobKey');
      await engine.submit(() => engine.updateJobRetries(key, Number(r.retries ?? 0)));
      return {};
    }),

    UpdateJobTimeout: unary(ctx, async (r) => {
      const key = parseKey(r.jobKey, 'jobKey');
      await engine.submit(() => engine.updateJobTimeout(key, parseLong(r.timeout)));
      return {};
    }),

    SetVariables: unary(ctx, async (r) => {
      const scopeKey = parseKey(r.elementInstanceKey, 'elementInstanceKey');
      const variables = parseVariables(r.variables);
      const key = await engine.submit(() => engine.setVariables(scopeKey, variables, Boolean(r.local)));
      return { key: String(key) };
    }),

    ResolveIncident: unary(ctx, async (r) => {
      const key = parseKey(r.incidentKey, 'incidentKey');
      await engine.submit(() => engine.resolveIncident(key));
      return {};
    }),

    PublishMessage: unary(ctx, async (r) => {
      const request = {
        name: String(r.name ?? ''),
        correlationKey: String(r.correlationKey ?? ''),
        timeToLive: parseLong(r.timeToLive),
        messageId: r.messageId ? String(r.messageId) : undefined,
        variables: parseVariables(r.variables),
        tenantId: normalizeTenant(r.tenantId),
      };
      const result = await engine.submit(() => engine.publishMessage(request));
      return { key: String(result.messageKey), tenantId: result.tenantId };
    }),

    BroadcastSignal: unary(ctx, async (r) => {
      const request = {
        signalName: String(r.signalName ?? ''),
        variables: parseVariables(r.variables),
        tenantId: normalizeTenant(r.tenantId),
      };
      const result = await engine.submit(() => engine.broadcastSignal(request));
      return { key: String(result.signalKey), tenantId: result.tenantId };
    }),
    EvaluateDecision: unimplemented('EvaluateDecision'),
    ModifyProcessInstance: unimplemented('ModifyProcessInstance'),
    MigrateProcessInstance: unimplemented('MigrateProcessInstance'),
    DeleteResource: unimplemented('DeleteResource'),
  };
}

