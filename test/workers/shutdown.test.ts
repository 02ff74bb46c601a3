// `npm run workers` (workers/main.ts) as a child process: it gets ready, and on SIGTERM lets the
// job in flight finish before it exits 0.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../store/db.js';
import { getRequest } from '../../store/requests.js';
import { EngineWorld, eventually } from './support.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
let world: EngineWorld;

beforeAll(async () => {
  world = await EngineWorld.start();
});

afterAll(async () => {
  await world?.stop();
});

interface WorkersProcess {
  lines: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal: NodeJS.Signals): void;
}

function spawnWorkers(env: Record<string, string>): WorkersProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'workers/main.ts'], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  for (const stream of [child.stdout!, child.stderr!]) createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => lines.push(line));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
  afterAll(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  return { lines, exited, kill: (signal) => child.kill(signal) };
}

describe('workers/main.ts', () => {
  it('finishes the job in flight on SIGTERM, then exits 0', async () => {
    // given: workers on a seeded store file
    const storePath = join(world.dir, 'shutdown.db');
    world.openStore('shutdown.db').close();
    const workers = spawnWorkers({
      ZEEBE_GRPC_ADDRESS: world.engine.grpcAddress,
      CAMUNDA_AUTH_STRATEGY: 'NONE',
      SUQIU_STORE_PATH: storePath,
      SUQIU_WORKERS_PORT: '0',
      SUQIU_WORKERS_HOST: '127.0.0.1',
      SUQIU_WORKERS_OUTBOX_INTERVAL_MS: '0',
    });
    await eventually(() => workers.lines.includes('workers: ready'), `the workers to be ready:\n${workers.lines.join('\n')}`, 30_000);
    const port = Number(/health and metrics on port (\d+)/.exec(workers.lines.join('\n'))?.[1]);
    expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);

    // and a job that is held up in the middle: another writer holds the store's write lock, so
    // the register handler waits for it (up to the store's busy timeout of 5 s)
    const blocker = new Database(storePath);
    blocker.prepare('BEGIN IMMEDIATE').run();
    const pi = await world.create('request-lifecycle', {
      requestId: 'REQ-STOP-1',
      townshipId: 'dingshan',
      villageId: 'dingshan-huangliang',
      channel: 'hotline',
      summary: '停水三天',
    });
    await new Promise((r) => setTimeout(r, 1000));

    // when: SIGTERM while the job is in flight; the lock is released a moment later
    workers.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    blocker.prepare('COMMIT').run();
    blocker.close();
    const exit = await workers.exited;

    // then: it finished the job (the request is in the store, the instance moved on) and exited 0
    expect(exit).toEqual({ code: 0, signal: null });
    const output = workers.lines.join('\n');
    expect(output).toMatch(/^workers: SIGTERM received, stopping \(1 job\(s\) in flight\)$/m);
    expect(output).toMatch(/^workers: stopped$/m);
    const store = openStore(storePath);
    expect(getRequest(store.db, 'REQ-STOP-1')?.processInstanceKey).toBe(pi);
    store.close();
    await eventually(
      () => world.engine.inspect.elementInstances(pi).some((e) => e.elementId === 'screen'),
      'the instance to reach the screening task',
    );
  });
});
