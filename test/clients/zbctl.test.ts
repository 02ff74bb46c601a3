// Smoke test through zbctl (the Go client, as shipped by the `zbctl` npm package).
// zbctl's `deploy <file>` uses the legacy DeployProcess RPC; `deploy resource <file>` uses DeployResource.

import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngine, type RunningEngine } from '../../engine/server.js';

const ZBCTL = fileURLToPath(new URL('../../node_modules/.bin/zbctl-cli.linux', import.meta.url));
const FIXTURE = fileURLToPath(new URL('./zbctl-smoke.bpmn', import.meta.url));
const PROCESS_ID = 'zbctl-smoke';
const JOB_TYPE = 'zbctl-smoke-work';

interface ZbctlResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout and stderr together (zbctl logs some lines to stderr) */
  all: string;
}

let engine: RunningEngine;
let dataDir: string;

function zbctl(...args: string[]): Promise<ZbctlResult> {
  const env = { ...process.env };
  for (const name of Object.keys(env)) if (name.startsWith('ZEEBE_') || name.startsWith('CAMUNDA_')) delete env[name];
  return new Promise((resolveRun) => {
    execFile(
      ZBCTL,
      ['--insecure', '--address', `127.0.0.1:${engine.grpcPort}`, ...args],
      { env, timeout: 20_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolveRun({ code, stdout, stderr, all: `${stdout}\n${stderr}` });
      },
    );
  });
}

function keyAfter(field: string, text: string): string | undefined {
  // zbctl prints int64 keys as JSON numbers or strings depending on the command.
  return new RegExp(`"${field}"\\s*:\\s*"?(\\d+)"?`).exec(text)?.[1];
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'suqiu-zbctl-'));
  engine = await startEngine({ dataDir, grpcPort: 0, host: '127.0.0.1', log: () => {} });
});

afterAll(async () => {
  await engine?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('zbctl against the embedded engine', () => {
  it('status prints the topology', async () => {
    // given a running engine

    // when
    const result = await zbctl('status');

    // then
    expect(result.code, result.all).toBe(0);
    expect(result.stdout).toMatch(/Cluster size: \d+/);
    expect(result.stdout).toMatch(/Partitions count: \d+/);
    expect(result.stdout).toMatch(/Brokers:/);
    expect(result.stdout).toMatch(/Partition \d+ : Leader/);
  });

  it('deploys a BPMN file (legacy DeployProcess) and with deploy resource (DeployResource)', async () => {
    // given
    const file = FIXTURE;

    // when
    const legacy = await zbctl('deploy', file);
    const resource = await zbctl('deploy', 'resource', file);

    // then
    expect(legacy.code, legacy.all).toBe(0);
    expect(legacy.stdout).toMatch(new RegExp(`"bpmnProcessId"\\s*:\\s*"${PROCESS_ID}"`));
    expect(keyAfter('processDefinitionKey', legacy.stdout)).toBeDefined();
    expect(resource.code, resource.all).toBe(0);
    expect(resource.stdout).toMatch(new RegExp(`"bpmnProcessId"\\s*:\\s*"${PROCESS_ID}"`));
  });

  it('creates an instance, activates its job and completes it', async () => {
    // given
    const deployed = await zbctl('deploy', 'resource', FIXTURE);
    expect(deployed.code, deployed.all).toBe(0);

    // when
    const created = await zbctl('create', 'instance', PROCESS_ID, '--variables', '{"citizen":"张三"}');
    const activated = await zbctl('activate', 'jobs', JOB_TYPE, '--maxJobsToActivate', '1', '--timeout', '1m');
    const jobKey = keyAfter('key', activated.stdout);
    const completed = await zbctl('complete', 'job', jobKey ?? 'missing', '--variables', '{"handled":true}');
    const again = await zbctl('activate', 'jobs', JOB_TYPE, '--maxJobsToActivate', '1', '--requestTimeout', '2s');

    // then
    expect(created.code, created.all).toBe(0);
    const instanceKey = keyAfter('processInstanceKey', created.stdout);
    expect(instanceKey).toMatch(/^\d+$/);
    expect(activated.code, activated.all).toBe(0);
    expect(jobKey).toMatch(/^\d+$/);
    expect(keyAfter('processInstanceKey', activated.stdout)).toBe(instanceKey);
    expect(activated.stdout).toContain('张三');
    expect(completed.code, completed.all).toBe(0);
    expect(completed.all).toContain(`Completed job with key '${jobKey}'`);
    // (a long poll that finds nothing may end as an empty answer or a deadline error)
    expect(keyAfter('key', again.stdout)).toBeUndefined();
  });
});
