// Durability of pending timers: the engine is killed (SIGKILL) while timers wait; after a
// restart, pinning the clock past them (PUT /v2/clock) fires every timer exactly once.

import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useCleanup } from '../support/cleanup.js';
import { freePort, spawnEngine, type EngineProcess } from '../support/engine-process.js';
import { zeebeClient, type ZeebeClient } from '../support/zeebe-client.js';

const FIXTURE = fileURLToPath(new URL('./timer-wait.bpmn', import.meta.url));
const COUNT = 40;

const cleanup = useCleanup();
const tempDir = (prefix: string) => cleanup.tempDir(prefix);

async function start(dataDir: string, workflowsDir: string, port: number, restPort: number): Promise<{ engine: EngineProcess; client: ZeebeClient }> {
  const engine = await spawnEngine({ dataDir, workflowsDir, port, env: { SUQIU_REST_PORT: String(restPort) } });
  cleanup.engine(engine);
  const client = zeebeClient(engine.grpcAddress);
  cleanup.client(client);
  return { engine, client };
}

/** activates every job of a type until two empty answers in a row (bounded) */
async function drain(client: ZeebeClient, type: string): Promise<Array<{ key: string; processInstanceKey: string }>> {
  const jobs: Array<{ key: string; processInstanceKey: string }> = [];
  let empty = 0;
  for (let attempt = 0; attempt < 40 && empty < 2; attempt++) {
    const batch = await client.activateJobs({ type, worker: 'timers-kill9', maxJobsToActivate: 100, timeout: 600_000, requestTimeout: 500 });
    empty = batch.length === 0 ? empty + 1 : 0;
    for (const job of batch) jobs.push({ key: job.key, processInstanceKey: job.processInstanceKey });
  }
  return jobs;
}

describe('pending timers and SIGKILL', () => {
  it('fires every acknowledged timer exactly once after a restart when the clock is pinned past it', async () => {
    // given: instances waiting on a 15-day boundary timer, then the engine is killed
    const dataDir = await tempDir('suqiu-timers-kill9-data-');
    const workflowsDir = await tempDir('suqiu-timers-kill9-workflows-');
    const port = await freePort();
    const restPort = await freePort();
    const first = await start(dataDir, workflowsDir, port, restPort);
    await first.client.deployResource({ processFilename: FIXTURE });
    const created: string[] = [];
    for (let i = 0; i < COUNT; i++) {
      created.push((await first.client.createProcessInstance({ bpmnProcessId: 'durability-timer', variables: { i } })).processInstanceKey);
    }
    await first.engine.kill('SIGKILL');
    await first.client.close();

    // when: restarted on the same state, the clock is pinned 16 days ahead
    const second = await start(dataDir, workflowsDir, port, restPort);
    const clock = (await (await fetch(`http://127.0.0.1:${restPort}/v2/clock`)).json()) as { timestamp: string };
    const pinned = await fetch(`http://127.0.0.1:${restPort}/v2/clock`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ timestamp: Date.parse(clock.timestamp) + 16 * 86_400_000 }),
    });
    expect(pinned.status).toBe(204);

    // then: one overdue job per instance, none twice, and the handle jobs are gone
    const overdue = await drain(second.client, 'durability-overdue');
    expect(overdue.map((job) => job.processInstanceKey).sort()).toEqual([...created].sort());
    expect(await drain(second.client, 'durability-timer-never-worked')).toEqual([]);

    // then: with the overdue work done, pinning further fires nothing again
    // (job deadlines follow the engine clock too, so activated jobs are completed first)
    for (const job of overdue) await second.client.completeJob({ jobKey: job.key, variables: {} });
    await fetch(`http://127.0.0.1:${restPort}/v2/clock`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ timestamp: Date.parse(clock.timestamp) + 40 * 86_400_000 }),
    });
    expect(await drain(second.client, 'durability-overdue')).toEqual([]);
  });
});
