// A small world for driving Suqiu's workflows end to end: the embedded engine on free ports, the
// official SDK for deployments, jobs and messages, the REST API v2 for user tasks, and the
// engine's inspection hooks for checking state. Each test gets a fresh world (own data folder,
// own clock), so jobs and tasks of one scenario never leak into another.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { Camunda8, Zeebe } from '@camunda8/sdk';

import { startEngine, type RunningEngine } from '../../engine/server.js';

export const WORKFLOWS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'workflows');
export const PROCESS_IDS = ['handle-at-level', 'joint-handling', 'request-lifecycle', 'supervision-cycle'] as const;
export type ProcessId = (typeof PROCESS_IDS)[number];

export const DAY = 24 * 60 * 60 * 1000;
export const HOUR = 60 * 60 * 1000;

export function readWorkflow(id: ProcessId): string {
  return readFileSync(join(WORKFLOWS_DIR, `${id}.bpmn`), 'utf8');
}

/** An activated job as the SDK hands it over (variables parsed). */
export interface Job {
  key: string;
  type: string;
  processInstanceKey: string;
  bpmnProcessId: string;
  elementId: string;
  variables: Record<string, any>;
}

/** A user task as `POST /v2/user-tasks/search` returns it. */
export interface UserTask {
  userTaskKey: string;
  elementId: string;
  elementInstanceKey: string;
  processInstanceKey: string;
  processDefinitionId: string;
  state: string;
  candidateGroups: string[];
  dueDate?: string;
  externalFormReference?: string;
}

export interface ProcessInstance {
  processInstanceKey: string;
  processDefinitionId: string;
  state: string;
  parentProcessInstanceKey?: string;
  parentElementInstanceKey?: string;
  startDate: string;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls until `probe` gives something other than undefined/false. */
export async function eventually<T>(probe: () => Promise<T | undefined | false> | T | undefined | false, what: string, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value as T;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(20);
  }
}

export class World {
  private constructor(
    readonly running: RunningEngine,
    readonly zbc: Zeebe.ZeebeGrpcClient,
    private readonly dataDir: string,
  ) {}

  /** Starts an engine with its clock pinned at `clockIso` and deploys `processes` through the SDK. */
  static async start(processes: readonly ProcessId[], clockIso = '2025-03-03T01:00:00Z'): Promise<World> {
    const dataDir = mkdtempSync(join(tmpdir(), 'suqiu-workflows-'));
    const running = await startEngine({ dataDir, grpcPort: 0, restPort: 0, host: '127.0.0.1' });
    running.engine.pinClock(Date.parse(clockIso));
    const c8 = new Camunda8({
      ZEEBE_GRPC_ADDRESS: running.grpcAddress,
      CAMUNDA_AUTH_STRATEGY: 'NONE',
      CAMUNDA_LOG_LEVEL: 'none',
      zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: 'NONE', ZEEBE_GRPC_CLIENT_EAGER_CONNECT: false },
    } as any);
    const world = new World(running, c8.getZeebeGrpcApiClient(), dataDir);
    for (const id of processes) await world.deploy(id);
    return world;
  }

  async stop(): Promise<void> {
    try {
      await this.zbc.close(2_000);
    } catch {
      /* best effort */
    }
    await this.running.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  deploy(id: ProcessId) {
    return this.zbc.deployResource({ name: `${id}.bpmn`, process: Buffer.from(readWorkflow(id)) });
  }

  // --- clock ------------------------------------------------------------------------------------

  now(): number {
    return this.running.engine.clock.now();
  }

  /** moves the pinned clock forward, firing whatever falls due */
  advance(ms: number): void {
    this.running.engine.pinClock(this.now() + ms);
  }

  // --- instances --------------------------------------------------------------------------------

  async create(bpmnProcessId: ProcessId, variables: Record<string, unknown>): Promise<string> {
    const created = await this.zbc.createProcessInstance({ bpmnProcessId, variables: variables as any });
    return String(created.processInstanceKey);
  }

  async rest<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.running.restAddress}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${await res.text()}`);
    return (res.status === 204 ? undefined : await res.json()) as T;
  }

  async searchInstances(filter: Record<string, unknown>): Promise<ProcessInstance[]> {
    const page = await this.rest<{ items: ProcessInstance[] }>('POST', '/v2/process-instances/search', { filter, page: { limit: 100 } });
    return page.items;
  }

  /** the instance and every instance it called, depth first, oldest first */
  async tree(rootKey: string): Promise<ProcessInstance[]> {
    const [root] = await this.searchInstances({ processInstanceKey: rootKey });
    if (!root) throw new Error(`no process instance ${rootKey}`);
    const out: ProcessInstance[] = [root];
    for (let i = 0; i < out.length; i++) {
      const children = await this.searchInstances({ parentProcessInstanceKey: out[i]!.processInstanceKey });
      children.sort((a, b) => Number(a.processInstanceKey) - Number(b.processInstanceKey));
      out.push(...children);
    }
    return out;
  }

  /** the called instances of `bpmnProcessId` anywhere under the root, oldest first */
  async calledInstances(rootKey: string, bpmnProcessId: ProcessId): Promise<ProcessInstance[]> {
    const all = await this.tree(rootKey);
    return all.filter((p) => p.processDefinitionId === bpmnProcessId).sort((a, b) => Number(a.processInstanceKey) - Number(b.processInstanceKey));
  }

  state(processInstanceKey: string) {
    return this.running.inspect.instanceState(processInstanceKey);
  }

  /** root-scope variables of one instance */
  variables(processInstanceKey: string): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const v of this.running.inspect.variables(processInstanceKey)) if (v.scopeKey === processInstanceKey) out[v.name] = v.value;
    return out;
  }

  /** element ids that ran (any state) in the whole instance tree */
  async elementsRun(rootKey: string): Promise<string[]> {
    const ids: string[] = [];
    for (const p of await this.tree(rootKey)) ids.push(...this.running.inspect.elementInstances(p.processInstanceKey).map((e) => e.elementId));
    return ids;
  }

  async incidents(rootKey: string) {
    const all = [];
    for (const p of await this.tree(rootKey)) all.push(...this.running.inspect.incidents(p.processInstanceKey).filter((i) => i.state === 'ACTIVE'));
    return all;
  }

  // --- jobs (the test acts as the job workers) --------------------------------------------------

  async activate(type: string): Promise<Job[]> {
    const jobs = await this.zbc.activateJobs({
      type, worker: 'workflow-test', maxJobsToActivate: 10, timeout: 5 * 60_000, requestTimeout: -1,
    } as any);
    return jobs as unknown as Job[];
  }

  /** waits for one job of `type`, completes it with `outputs` (or what `outputs(job)` returns), returns it */
  async completeJob(type: string, outputs: Record<string, unknown> | ((job: Job) => Record<string, unknown>) = {}): Promise<Job> {
    const [job] = await eventually(async () => {
      const jobs = await this.activate(type);
      return jobs.length ? jobs : undefined;
    }, `a job of type ${type}`);
    if (!job) throw new Error('unreachable');
    const variables = typeof outputs === 'function' ? outputs(job) : outputs;
    await this.zbc.completeJob({ jobKey: job.key, variables: variables as any });
    return job;
  }

  /** asserts there is no activatable job of `type` right now */
  async noJob(type: string): Promise<boolean> {
    return (await this.activate(type)).length === 0;
  }

  // --- user tasks (the test acts as staff, through REST) ----------------------------------------

  /** open (CREATED) user tasks of the whole instance tree */
  async openTasks(rootKey: string): Promise<UserTask[]> {
    const tasks: UserTask[] = [];
    for (const p of await this.tree(rootKey)) {
      const page = await this.rest<{ items: UserTask[] }>('POST', '/v2/user-tasks/search', {
        filter: { processInstanceKey: p.processInstanceKey, state: 'CREATED' }, page: { limit: 100 },
      });
      tasks.push(...page.items);
    }
    return tasks;
  }

  /** waits for `count` open tasks of `elementId` in the tree and returns them */
  async waitTasks(rootKey: string, elementId: string, count = 1): Promise<UserTask[]> {
    return eventually(async () => {
      const tasks = (await this.openTasks(rootKey)).filter((t) => t.elementId === elementId);
      return tasks.length >= count ? tasks : undefined;
    }, `${count} open user task(s) ${elementId}`);
  }

  async completeTask(task: UserTask, variables: Record<string, unknown> = {}): Promise<void> {
    await this.rest('POST', `/v2/user-tasks/${task.userTaskKey}/completion`, { variables });
  }

  /** waits for the one open task of `elementId` and completes it */
  async doTask(rootKey: string, elementId: string, variables: Record<string, unknown> = {}): Promise<UserTask> {
    const [task] = await this.waitTasks(rootKey, elementId);
    await this.completeTask(task!, variables);
    return task!;
  }

  // --- messages ---------------------------------------------------------------------------------

  publish(name: string, correlationKey: string, variables: Record<string, unknown>) {
    return this.zbc.publishMessage({ name, correlationKey, variables: variables as any, timeToLive: 60_000 });
  }
}
