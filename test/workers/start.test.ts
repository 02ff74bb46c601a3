// `npm start` (scripts/start.ts): the engine, then the workers pointed at it, then the API, output
// prefixed; SIGTERM stops the API, then the workers, then the engine, and exits 0.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnEngine, type EngineProcess } from '../support/engine-process.js';
import { handlers } from '../../workers/registry.js';
import { eventually } from './support.js';

const JOB_TYPES = Object.keys(handlers).length;

const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'suqiu-start-'));
const children: ReturnType<typeof spawn>[] = [];
const engines: EngineProcess[] = [];

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  for (const engine of engines) await engine.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

/** `scripts/start.ts` as a child with these settings, its output collected line by line. */
function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const lines: string[] = [];
  for (const stream of [child.stdout!, child.stderr!]) createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => lines.push(line));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('close', (code, signal) => resolve({ code, signal })));
  return { child, lines, exited };
}

describe('scripts/start.ts', () => {
  it('starts the engine, then the workers against it, then the API, and stops all three on SIGTERM', async () => {
    // given
    const { child, lines, exited } = start({
      SUQIU_DATA_DIR: join(dir, 'engine'),
      SUQIU_GRPC_PORT: '0',
      SUQIU_REST_PORT: '0',
      SUQIU_STORE_PATH: join(dir, 'suqiu.db'),
      SUQIU_WORKERS_PORT: '0',
      SUQIU_API_PORT: '0',
      SUQIU_API_HOST: '127.0.0.1',
    });

    // when
    await eventually(() => lines.includes('[api] api: ready'), `the API to be ready:\n${lines.join('\n')}`, 45_000);
    const port = Number(/health and metrics on port (\d+)/.exec(lines.join('\n'))?.[1]);
    const health = await fetch(`http://127.0.0.1:${port}/health`);
    const apiPort = Number(/^\[api\] api: listening on 127\.0\.0\.1:(\d+)/m.exec(lines.join('\n'))?.[1]);
    const login = await fetch(`http://127.0.0.1:${apiPort}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'dingshan-head', password: 'demo' }) });
    child.kill('SIGTERM');
    const exit = await exited;

    // then
    expect(health.status).toBe(200);
    expect(login.status).toBe(200);
    expect(lines.join('\n')).toMatch(/^\[workers\] workers: taking jobs .* health and metrics on port \d+$/m);
    expect(lines.indexOf('[workers] workers: ready')).toBeLessThan(lines.findIndex((l) => l.startsWith('[api] ')));
    expect(lines.indexOf('[api] api: stopped')).toBeGreaterThan(-1);
    expect(lines.indexOf('[api] api: stopped')).toBeLessThan(lines.indexOf('[workers] workers: SIGTERM received, stopping (0 job(s) in flight)'));
    const grpcPort = /^\[engine\] engine: Zeebe gateway \(gRPC\) listening on 127\.0\.0\.1:(\d+)$/m.exec(lines.join('\n'))?.[1];
    expect(lines.join('\n')).toContain(`[workers] workers: taking jobs of ${JOB_TYPES} type(s) from grpc://127.0.0.1:${grpcPort}`);
    expect(lines.indexOf('[engine] engine: ready')).toBeLessThan(lines.findIndex((l) => l.startsWith('[workers] ')));
    expect(exit).toEqual({ code: 0, signal: null });
    expect(lines.indexOf('[workers] workers: stopped')).toBeGreaterThan(-1);
    expect(lines.indexOf('[workers] workers: stopped')).toBeLessThan(lines.indexOf('[engine] engine: SIGTERM received, stopping'));
    expect(lines).toContain('[engine] engine: stopped');
  });

  it('runs the workers alone against the Camunda 8 that ZEEBE_GRPC_ADDRESS names, after deploying the workflows there (SUQIU_ENGINE=camunda)', async () => {
    // given: an engine of its own with nothing deployed, standing in for a Camunda 8 cluster
    const emptyWorkflows = join(dir, 'no-workflows');
    const cluster = await spawnEngine({ dataDir: join(dir, 'cluster'), port: 0, workflowsDir: emptyWorkflows });
    engines.push(cluster);
    const { child, lines, exited } = start({
      SUQIU_ENGINE: 'camunda',
      ZEEBE_GRPC_ADDRESS: cluster.grpcAddress,
      SUQIU_STORE_PATH: join(dir, 'camunda-store.db'),
      SUQIU_WORKERS_PORT: '0',
      SUQIU_API_PORT: '0',
      SUQIU_WORKERS_HOST: '127.0.0.1',
    });

    // when
    await eventually(() => lines.includes('[workers] workers: ready'), `the workers to be ready:\n${lines.join('\n')}`, 45_000);
    child.kill('SIGTERM');
    const exit = await exited;

    // then: no embedded engine; the four workflows deployed before the workers started
    const text = lines.join('\n');
    expect(text).toContain(`start: on the Camunda 8 at ${cluster.grpcAddress}; no embedded engine`);
    expect(text).not.toContain('[engine]');
    expect(lines).toContain('[deploy] deploy: done: 4 process(es)');
    expect(lines.indexOf('[deploy] deploy: done: 4 process(es)')).toBeLessThan(lines.findIndex((l) => l.startsWith('[workers] ')));
    expect(text).toContain(`[workers] workers: taking jobs of ${JOB_TYPES} type(s) from ${cluster.grpcAddress}`);
    expect(exit).toEqual({ code: 0, signal: null });
  });

  it('refuses an engine it does not know, and camunda without an address', async () => {
    // given / when
    const unknown = start({ SUQIU_ENGINE: 'zeebe-in-docker', SUQIU_STORE_PATH: join(dir, 'x.db') });
    const noAddress = start({ SUQIU_ENGINE: 'camunda', ZEEBE_GRPC_ADDRESS: '', SUQIU_STORE_PATH: join(dir, 'y.db') });

    // then
    expect(await unknown.exited).toEqual({ code: 2, signal: null });
    expect(unknown.lines.join('\n')).toContain('SUQIU_ENGINE must be "embedded" (the default) or "camunda", got "zeebe-in-docker"');
    expect(await noAddress.exited).toEqual({ code: 2, signal: null });
    expect(noAddress.lines.join('\n')).toContain('SUQIU_ENGINE=camunda needs ZEEBE_GRPC_ADDRESS');
  });
});
