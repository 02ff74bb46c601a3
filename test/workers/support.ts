// For the workers' end-to-end specs: the embedded engine in-process with the workflows deployed,
// a business store with the demo organisation, user tasks through the REST API v2.
//
// The scenario tests (test/scenarios/world.ts) can run the same world against a real Camunda 8
// instead (`npm run test:camunda`): `EngineWorld.start(externalClusterFromEnv())` then connects to
// the cluster named by ZEEBE_GRPC_ADDRESS and CAMUNDA_REST_ADDRESS (or ZEEBE_REST_ADDRESS) and
// deploys the workflows there over gRPC (scripts/deploy-workflows.ts). What needs the embedded
// engine itself (`engine`, `variables()`: its in-process inspection hooks) says so when called.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Camunda8 } from '@camunda8/sdk';
import { startEngine, type RunningEngine } from '../../engine/server.js';
import { deployWorkflows } from '../../scripts/deploy-workflows.js';
import { openStore, type Store } from '../../store/db.js';
import { seedDemo } from '../../store/seed/demo.js';
import { configFromEnv, type WorkersConfig } from '../../workers/runtime/config.js';

export const WORKFLOWS_DIR = fileURLToPath(new URL('../../workflows/', import.meta.url));

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** A Camunda 8 to run against instead of the embedded engine. */
export interface ExternalCluster {
  /** e.g. grpc://localhost:26500 */
  grpcAddress: string;
  /** e.g. http://localhost:8080 (no /v2) */
  restAddress: string;
}

/**
 * The cluster `npm run test:camunda` names: ZEEBE_GRPC_ADDRESS with CAMUNDA_REST_ADDRESS (or
 * ZEEBE_REST_ADDRESS); undefined when neither is set (the embedded engine). One without the other
 * is a mistake, not a reason to fall back silently.
 */
export function externalClusterFromEnv(env: NodeJS.ProcessEnv = process.env): ExternalCluster | undefined {
  const grpc = env.ZEEBE_GRPC_ADDRESS?.trim() || undefined;
  const rest = (env.CAMUNDA_REST_ADDRESS?.trim() || env.ZEEBE_REST_ADDRESS?.trim()) || undefined;
  if (grpc === undefined && rest === undefined) return undefined;
  if (grpc === undefined || rest === undefined) {
    throw new Error('to run against Camunda 8 set both ZEEBE_GRPC_ADDRESS and CAMUNDA_REST_ADDRESS (or ZEEBE_REST_ADDRESS); set neither for the embedded engine');
  }
  return { grpcAddress: grpc, restAddress: rest.replace(/\/+$/, '').replace(/\/v2$/, '') };
}

/** Against a real cluster the searches lag behind the commands: the waits get longer. */
const DEFAULT_WAIT_MS = (() => {
  try {
    return externalClusterFromEnv() === undefined ? 10_000 : 30_000;
  } catch {
    return 10_000;
  }
})();

/** The process ids of workflows/*.bpmn. */
export function workflowProcessIds(): string[] {
  return readdirSync(WORKFLOWS_DIR).filter((f) => f.endsWith('.bpmn')).sort()
    .flatMap((f) => [...readFileSync(join(WORKFLOWS_DIR, f), 'utf8').matchAll(/<(?:[\w-]+:)?process\b[^>]*?\bid="([^"]+)"/g)].map((m) => m[1]!));
}

export async function eventually<T>(probe: () => Promise<T | undefined | false> | T | undefined | false, what: string, timeoutMs = DEFAULT_WAIT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value as T;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(25);
  }
}

/**
 * Settings of workers run in-process by a test against `grpcAddress`: health and metrics on a free
 * loopback port, the outbox left undelivered; `settings` adds or overrides environment variables.
 */
export function inProcessWorkersConfig(grpcAddress: string, settings: Record<string, string> = {}): WorkersConfig {
  return configFromEnv({
    ZEEBE_GRPC_ADDRESS: grpcAddress,
    SUQIU_WORKERS_PORT: '0',
    SUQIU_WORKERS_HOST: '127.0.0.1',
    SUQIU_WORKERS_OUTBOX_INTERVAL_MS: '0',
    ...settings,
  });
}

export interface UserTask {
  userTaskKey: string;
  elementId: string;
  processInstanceKey: string;
  candidateGroups: string[];
  state: string;
}

export class EngineWorld {
  private constructor(
    private readonly embeddedEngine: RunningEngine | undefined,
    readonly dir: string,
    readonly c8: Camunda8,
    /** ready for ZEEBE_GRPC_ADDRESS */
    readonly grpcAddress: string,
    /** the REST API's base, without /v2 */
    readonly restAddress: string,
  ) {}

  /** The embedded engine with the workflows deployed; with `external`, that Camunda 8 instead. */
  static async start(external?: ExternalCluster): Promise<EngineWorld> {
    const dir = mkdtempSync(join(tmpdir(), 'suqiu-workers-'));
    let engine: RunningEngine | undefined;
    if (external === undefined) {
      engine = await startEngine({ dataDir: join(dir, 'engine'), grpcPort: 0, restPort: 0, host: '127.0.0.1' });
      for (const file of readdirSync(WORKFLOWS_DIR).filter((f) => f.endsWith('.bpmn')).sort()) {
        await engine.deploy(file, readFileSync(join(WORKFLOWS_DIR, file), 'utf8'));
      }
    } else {
      // as the `deploy` service of docker/compose.yaml does; unchanged files make no new version
      await deployWorkflows({ env: { ZEEBE_GRPC_ADDRESS: external.grpcAddress, CAMUNDA_AUTH_STRATEGY: 'NONE', SUQIU_WORKFLOWS_DIR: WORKFLOWS_DIR, SUQIU_DEPLOY_WAIT_MS: '60000' } });
    }
    const grpcAddress = engine?.grpcAddress ?? external!.grpcAddress;
    const restAddress = engine?.restAddress ?? external!.restAddress;
    const c8 = new Camunda8({
      ZEEBE_GRPC_ADDRESS: grpcAddress,
      CAMUNDA_AUTH_STRATEGY: 'NONE',
      CAMUNDA_LOG_LEVEL: 'none',
      zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: 'NONE', ZEEBE_GRPC_CLIENT_EAGER_CONNECT: false },
    } as any);
    return new EngineWorld(engine, dir, c8, grpcAddress, restAddress);
  }

  /** false against a real Camunda 8 */
  get embedded(): boolean {
    return this.embeddedEngine !== undefined;
  }

  /** The embedded engine (its inspection hooks, direct deployment); a real Camunda 8 has no such thing. */
  get engine(): RunningEngine {
    if (this.embeddedEngine === undefined) {
      throw new Error(`this needs the embedded engine's in-process hooks, which Camunda 8 (${this.grpcAddress}) does not have: read the state through the REST API instead`);
    }
    return this.embeddedEngine;
  }

  /** a file store with the demo organisation (no requests) */
  openStore(name = 'suqiu.db'): Store {
    const store = openStore(join(this.dir, name));
    seedDemo(store.db);
    return store;
  }

  get zbc() {
    return this.c8.getZeebeGrpcApiClient();
  }

  async stop(): Promise<void> {
    await this.zbc.close(2000).catch(() => null);
    await this.embeddedEngine?.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  async create(bpmnProcessId: string, variables: Record<string, unknown>): Promise<string> {
    const created = await this.zbc.createProcessInstance({ bpmnProcessId, variables: variables as any });
    return String(created.processInstanceKey);
  }

  async rest<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.restAddress}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${await res.text()}`);
    return (res.status === 204 ? undefined : await res.json()) as T;
  }

  /** waits for the open user task `elementId` (in any instance of this engine) */
  async task(elementId: string): Promise<UserTask> {
    return eventually(async () => {
      const page = await this.rest<{ items: UserTask[] }>('POST', '/v2/user-tasks/search', { filter: { state: 'CREATED' }, page: { limit: 100 } });
      return page.items.find((t) => t.elementId === elementId);
    }, `open user task ${elementId}`);
  }

  async complete(elementId: string, variables: Record<string, unknown> = {}): Promise<UserTask> {
    const task = await this.task(elementId);
    await this.rest('POST', `/v2/user-tasks/${task.userTaskKey}/completion`, { variables });
    return task;
  }

  /** root-scope variables of an instance */
  variables(processInstanceKey: string): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const v of this.engine.inspect.variables(processInstanceKey)) if (v.scopeKey === processInstanceKey) out[v.name] = v.value;
    return out;
  }
}
