// For the workers' end-to-end specs: the embedded engine in-process with the workflows deployed,
// a business store with the demo organisation, user tasks through the REST API v2.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Camunda8 } from '@camunda8/sdk';
import { startEngine, type RunningEngine } from '../../engine/server.js';
import { openStore, type Store } from '../../store/db.js';
import { seedDemo } from '../../store/seed/demo.js';

export const WORKFLOWS_DIR = fileURLToPath(new URL('../../workflows/', import.meta.url));

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function eventually<T>(probe: () => Promise<T | undefined | false> | T | undefined | false, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value as T;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(25);
  }
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
    readonly engine: RunningEngine,
    readonly dir: string,
    readonly c8: Camunda8,
  ) {}

  static async start(): Promise<EngineWorld> {
    const dir = mkdtempSync(join(tmpdir(), 'suqiu-workers-'));
    const engine = await startEngine({ dataDir: join(dir, 'engine'), grpcPort: 0, restPort: 0, host: '127.0.0.1' });
    for (const file of readdirSync(WORKFLOWS_DIR).filter((f) => f.endsWith('.bpmn')).sort()) {
      await engine.deploy(file, readFileSync(join(WORKFLOWS_DIR, file), 'utf8'));
    }
    const c8 = new Camunda8({
      ZEEBE_GRPC_ADDRESS: engine.grpcAddress,
      CAMUNDA_AUTH_STRATEGY: 'NONE',
      CAMUNDA_LOG_LEVEL: 'none',
      zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: 'NONE', ZEEBE_GRPC_CLIENT_EAGER_CONNECT: false },
    } as any);
    return new EngineWorld(engine, dir, c8);
  }

  /** a file store with the demo organisation (no requests) */
  openStore(name = 'suqiu.db'): Store {
    const store = openStore(join(this.dir, name));
    seedDemo(store.db, { requests: false });
    return store;
  }

  get zbc() {
    return this.c8.getZeebeGrpcApiClient();
  }

  async stop(): Promise<void> {
    await this.zbc.close(2000).catch(() => null);
    await this.engine.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  async create(bpmnProcessId: string, variables: Record<string, unknown>): Promise<string> {
    const created = await this.zbc.createProcessInstance({ bpmnProcessId, variables: variables as any });
    return String(created.processInstanceKey);
  }

  async rest<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.engine.restAddress}${path}`, {
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
