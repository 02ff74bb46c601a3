// kill -9 of the API during intake (issue: "Tests"): every request the API answered 201 for exists
// afterwards, with its process instance, and no request gets two. The API runs as a child process
// (`node --import tsx api/server.ts`, as `npm start` runs it) on a file store, against the embedded
// engine started here, with the workers in this process. Many citizens submit at once; the API is
// killed with SIGKILL half-way and started again: its recovery (on ready) publishes the start of
// the requests it had stored but not yet handed to the engine, and the register worker links them.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import type { Store } from '../../store/db.js';
import { requests } from '../../store/schema.js';
import { startWorkers, type RunningWorkers } from '../../workers/runtime/runner.js';
import { repositoryRoot } from '../support/engine-process.js';
import { EngineWorld, eventually, inProcessWorkersConfig } from '../workers/support.js';

const SUBMISSIONS = 300;
const KILL_AFTER_ANSWERS = 60;

interface ApiProcess {
  url: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  child: ChildProcess;
}

const children = new Set<ChildProcess>();

/** Starts `api/server.ts` and waits for `api: listening on <host>:<port>`. */
function spawnApi(env: Record<string, string>): Promise<ApiProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'api/server.ts'], { cwd: repositoryRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('close', (code, signal) => {
      children.delete(child);
      resolve({ code, signal });
    }),
  );
  const output: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the API did not listen within 60 s:\n${output.join('\n')}`)), 60_000);
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
        output.push(line);
        if (output.length > 100) output.shift();
        const listening = /^api: listening on ([^\s]+):(\d+)/.exec(line);
        if (listening) {
          clearTimeout(timer);
          resolve({ url: `http://${listening[1]}:${listening[2]}`, exited, child });
        }
      });
    }
    void exited.then((status) => reject(new Error(`the API exited before it listened (${JSON.stringify(status)}):\n${output.join('\n')}`)));
  });
}

let engine: EngineWorld | undefined;
let store: Store | undefined;
let workers: RunningWorkers | undefined;
afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await workers?.stop();
  store?.close();
  await engine?.stop();
});

describe('the API killed with SIGKILL during intake', () => {
  it('keeps every request it answered 201 for, each with exactly one process instance, once it is started again', async () => {
    // given: the engine, the workers and the API on one file store
    engine = await EngineWorld.start();
    store = engine.openStore();
    workers = await startWorkers({ config: inProcessWorkersConfig(engine.grpcAddress), store, log: () => {} });
    const env = {
      SUQIU_API_PORT: '0',
      SUQIU_API_HOST: '127.0.0.1',
      SUQIU_STORE_PATH: join(engine.dir, 'suqiu.db'),
      SUQIU_ATTACHMENTS_DIR: join(engine.dir, 'attachments'),
      ZEEBE_GRPC_ADDRESS: engine.grpcAddress,
      CAMUNDA_REST_ADDRESS: engine.restAddress,
      CAMUNDA_AUTH_STRATEGY: 'NONE',
      CAMUNDA_LOG_LEVEL: 'none',
      // each citizen comes from their own address (behind a trusted proxy), so the per-address rate limit lets them all in
      SUQIU_API_TRUST_PROXY: 'true',
      SUQIU_API_LOG_LEVEL: 'fatal',
    };
    const first = await spawnApi(env);

    // when: many citizens submit at once, and the API is killed half-way
    const created: string[] = [];
    let answers = 0;
    let unanswered = 0;
    await Promise.all(
      Array.from({ length: SUBMISSIONS }, async (_, i) => {
        try {
          const res = await fetch(`${first.url}/api/public/requests`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.${(i >> 8) & 255}.${i & 255}.1` },
            body: JSON.stringify({ text: `第${i}号:村道塌方,车辆无法通行`, townshipId: 'dingshan', villageId: 'dingshan-huangliang', citizen: { phone: '13800000000' } }),
          });
          const body = (await res.json()) as { id: string };
          if (res.status === 201) created.push(body.id);
          if (++answers === KILL_AFTER_ANSWERS) first.child.kill('SIGKILL');
        } catch {
          unanswered++;
        }
      }),
    );
    const killed = await first.exited;
    // and it is started again
    const second = await spawnApi(env);

    // then: it was killed mid-way, after answering some
    expect(killed.signal).toBe('SIGKILL');
    expect(created.length).toBeGreaterThan(0);
    expect(unanswered).toBeGreaterThan(0);
    // and every request it answered 201 for is in the store
    const stored = new Set(store.db.select({ id: requests.id }).from(requests).all().map((r) => r.id));
    for (const id of created) expect(stored.has(id)).toBe(true);
    // and every stored request (answered or not) gets its process instance, once
    await eventually(() => store!.db.select().from(requests).all().every((r) => r.processInstanceKey !== null), 'every request to be linked to its instance', 60_000);
    const linked = store.db.select({ id: requests.id, key: requests.processInstanceKey }).from(requests).all();
    const search = await engine.rest<{ items: { processInstanceKey: string; state: string }[] }>('POST', '/v2/process-instances/search', {
      filter: { processDefinitionId: 'request-lifecycle' },
      page: { limit: 1000 },
    });
    expect(search.items).toHaveLength(linked.length);
    expect(new Set(search.items.map((p) => p.processInstanceKey))).toEqual(new Set(linked.map((r) => r.key)));
    expect(search.items.every((p) => p.state === 'ACTIVE')).toBe(true);

    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
  }, 180_000);
});
