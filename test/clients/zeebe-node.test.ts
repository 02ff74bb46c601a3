// Smoke test through zeebe-node (the older community Node.js client), plaintext, no auth.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZBClient } from 'zeebe-node';
import { startEngine, type RunningEngine } from '../../engine/server.js';

const FIXTURE = fileURLToPath(new URL('./zeebe-node-smoke.bpmn', import.meta.url));
const PROCESS_ID = 'zeebe-node-smoke';
const JOB_TYPE = 'zeebe-node-smoke-work';

let engine: RunningEngine;
let dataDir: string;
let zbc: ZBClient;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'suqiu-zeebe-node-'));
  engine = await startEngine({ dataDir, grpcPort: 0, host: '127.0.0.1', log: () => {} });
  zbc = new ZBClient(`127.0.0.1:${engine.grpcPort}`, { useTLS: false, loglevel: 'NONE', retry: false });
});

afterAll(async () => {
  await zbc?.close(5_000);
  await engine?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('zeebe-node against the embedded engine', () => {
  it('reads the topology', async () => {
    // given a connected client

    // when
    const topology = await zbc.topology();

    // then
    expect(topology.brokers.length).toBeGreaterThan(0);
    expect(topology.partitionsCount).toBeGreaterThan(0);
  });

  it('deploys, creates an instance, lets a worker complete it, and returns a result', async () => {
    // given
    const deployment = await zbc.deployResource({ processFilename: FIXTURE });
    const handled = new Map<string, Record<string, unknown>>();
    const worker = zbc.createWorker({
      taskType: JOB_TYPE,
      loglevel: 'NONE',
      timeout: 30_000,
      taskHandler: (job) => {
        handled.set(job.processInstanceKey, job.variables);
        return job.complete({ handled: true, by: 'zeebe-node' });
      },
    });

    try {
      // when
      const created = await zbc.createProcessInstance({ bpmnProcessId: PROCESS_ID, variables: { citizen: '李四' } });
      const result = await zbc.createProcessInstanceWithResult({
        bpmnProcessId: PROCESS_ID,
        variables: { citizen: '王五' },
        requestTimeout: 20_000,
      });
      const deadline = Date.now() + 10_000;
      while (!handled.has(created.processInstanceKey) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
      }

      // then
      expect(deployment.deployments[0].process.bpmnProcessId).toBe(PROCESS_ID);
      expect(created.bpmnProcessId).toBe(PROCESS_ID);
      expect(created.processInstanceKey).toMatch(/^\d+$/);
      expect(handled.get(created.processInstanceKey)).toEqual({ citizen: '李四' });
      expect(result.processInstanceKey).toMatch(/^\d+$/);
      expect(result.variables).toEqual({ citizen: '王五', handled: true, by: 'zeebe-node' });
    } finally {
      await worker.close(5_000);
    }
  });
});
