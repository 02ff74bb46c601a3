// scripts/deploy-workflows.ts (`npm run deploy:workflows`, the `deploy` service of
// docker/compose.yaml) against the embedded engine: the same gRPC call a real Camunda 8 gets.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngine, type RunningEngine } from '../../engine/server.js';
import { deployWorkflows } from '../../scripts/deploy-workflows.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const WORKFLOWS = join(root, 'workflows');

let engine: RunningEngine;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'suqiu-deploy-'));
  engine = await startEngine({ dataDir: join(dir, 'engine'), grpcPort: 0, restPort: 0, host: '127.0.0.1' });
});

afterAll(async () => {
  await engine?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const envFor = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  ZEEBE_GRPC_ADDRESS: engine.grpcAddress,
  CAMUNDA_AUTH_STRATEGY: 'NONE',
  SUQIU_WORKFLOWS_DIR: WORKFLOWS,
  SUQIU_DEPLOY_WAIT_MS: '5000',
  ...extra,
});

describe('deploy:workflows', () => {
  it('deploys every workflow in one call, and a second run creates no new version', async () => {
    // given
    const lines: string[] = [];

    // when
    const first = await deployWorkflows({ env: envFor(), log: (line) => lines.push(line) });
    const second = await deployWorkflows({ env: envFor() });

    // then
    expect(first.map((p) => [p.resourceName, p.bpmnProcessId, p.version])).toEqual([
      ['handle-at-level.bpmn', 'handle-at-level', 1],
      ['joint-handling.bpmn', 'joint-handling', 1],
      ['request-lifecycle.bpmn', 'request-lifecycle', 1],
      ['supervision-cycle.bpmn', 'supervision-cycle', 1],
    ]);
    expect(second).toEqual(first);
    expect(lines[0]).toMatch(/^handle-at-level\.bpmn: handle-at-level version 1 \(key \d+\)$/);
  });

  it('deploys nothing when one file is broken (the call is atomic), and says why', async () => {
    // given: a folder with a good process and a broken one
    const folder = mkdtempSync(join(tmpdir(), 'suqiu-deploy-broken-'));
    try {
      writeFileSync(join(folder, 'a-good.bpmn'), [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">',
        '  <bpmn:process id="deploy-test-good" isExecutable="true"><bpmn:startEvent id="s"/></bpmn:process>',
        '</bpmn:definitions>',
      ].join('\n'));
      writeFileSync(join(folder, 'b-broken.bpmn'), '<bpmn:definitions');

      // when
      const attempt = deployWorkflows({ env: envFor({ SUQIU_WORKFLOWS_DIR: folder }) });

      // then
      await expect(attempt).rejects.toThrow();
      const search = await fetch(`${engine.restAddress}/v2/process-definitions/search`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ filter: { processDefinitionId: 'deploy-test-good' } }),
      });
      expect(((await search.json()) as { items: unknown[] }).items).toEqual([]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('refuses a folder without workflows', async () => {
    // given
    const empty = mkdtempSync(join(tmpdir(), 'suqiu-deploy-empty-'));
    try {
      // when
      const attempt = deployWorkflows({ env: envFor({ SUQIU_WORKFLOWS_DIR: empty }) });

      // then
      await expect(attempt).rejects.toThrow(`no *.bpmn file in ${empty}`);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('runs as a program the way the container runs it (node --import tsx), exiting 0', async () => {
    // when: a child process (asynchronously: the engine answers from this process)
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/deploy-workflows.ts'], { cwd: root, env: { ...process.env, ...envFor() } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    const code = await new Promise<number | null>((done) => child.once('close', done));
    clearTimeout(timer);

    // then
    expect(code, stderr).toBe(0);
    expect(stdout).toContain(`deploy: deploying ${WORKFLOWS} to ${engine.grpcAddress}`);
    expect(stdout).toContain('deploy: request-lifecycle.bpmn: request-lifecycle version 1');
    expect(stdout).toContain('deploy: done: 4 process(es)');
  });
});
