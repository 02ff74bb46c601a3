// `npm start` (scripts/start.ts): the engine, then the workers pointed at it, output prefixed;
// SIGTERM stops the workers first, then the engine, and exits 0.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { eventually } from './support.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'suqiu-start-'));
const children: ReturnType<typeof spawn>[] = [];

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

describe('scripts/start.ts', () => {
  it('starts the engine, then the workers against it, and stops both on SIGTERM', async () => {
    // given
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
      cwd: root,
      env: {
        ...process.env,
        SUQIU_DATA_DIR: join(dir, 'engine'),
        SUQIU_GRPC_PORT: '0',
        SUQIU_REST_PORT: '0',
        SUQIU_STORE_PATH: join(dir, 'suqiu.db'),
        SUQIU_WORKERS_PORT: '0',
        SUQIU_WORKERS_HOST: '127.0.0.1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    const lines: string[] = [];
    for (const stream of [child.stdout!, child.stderr!]) {
      stream.setEncoding('utf8');
      let pending = '';
      stream.on('data', (chunk: string) => {
        pending += chunk;
        const parts = pending.split('\n');
        pending = parts.pop() ?? '';
        lines.push(...parts);
      });
    }
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('close', (code, signal) => resolve({ code, signal })));

    // when
    await eventually(() => lines.includes('[workers] workers: ready'), `the workers to be ready:\n${lines.join('\n')}`, 45_000);
    const port = Number(/health and metrics on port (\d+)/.exec(lines.join('\n'))?.[1]);
    const health = await fetch(`http://127.0.0.1:${port}/health`);
    child.kill('SIGTERM');
    const exit = await exited;

    // then
    expect(health.status).toBe(200);
    const grpcPort = /^\[engine\] engine: Zeebe gateway \(gRPC\) listening on 0\.0\.0\.0:(\d+)$/m.exec(lines.join('\n'))?.[1];
    expect(lines.join('\n')).toContain(`[workers] workers: taking jobs of 19 type(s) from grpc://127.0.0.1:${grpcPort}`);
    expect(lines.indexOf('[engine] engine: ready')).toBeLessThan(lines.findIndex((l) => l.startsWith('[workers] ')));
    expect(exit).toEqual({ code: 0, signal: null });
    expect(lines.indexOf('[workers] workers: stopped')).toBeGreaterThan(-1);
    expect(lines.indexOf('[workers] workers: stopped')).toBeLessThan(lines.indexOf('[engine] engine: SIGTERM received, stopping'));
    expect(lines).toContain('[engine] engine: stopped');
  });
});
