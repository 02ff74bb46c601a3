// Durability: whatever the engine acknowledged survives `kill -9`, and keys are never reused.
// The engine runs as a child process (`engine/main.ts`, as `npm start` runs it) on a temp data dir.

import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useCleanup } from '../support/cleanup.js';
import { freePort, spawnEngine, type EngineProcess } from '../support/engine-process.js';
import { zeebeClient, type ZeebeClient } from '../support/zeebe-client.js';

const FIXTURE = fileURLToPath(new URL('./one-task.bpmn', import.meta.url));
const PROCESS_ID = 'durability-one-task';
const JOB_TYPE = 'durability-work';
const GRPC_NOT_FOUND = 5;

interface ActivatedJob {
  key: string;
  processInstanceKey: string;
}

const cleanup = useCleanup();
const tempDir = (prefix: string) => cleanup.tempDir(prefix);

async function startEngine(dataDir: string, workflowsDir: string, port: number): Promise<EngineProcess> {
  const engine = await spawnEngine({ dataDir, workflowsDir, port });
  cleanup.engine(engine);
  return engine;
}

function connect(engine: EngineProcess): ZeebeClient {
  const client = zeebeClient(engine.grpcAddress);
  cleanup.client(client);
  return client;
}

function maxKey(keys: Iterable<string>): bigint {
  let max = 0n;
  for (const key of keys) if (BigInt(key) > max) max = BigInt(key);
  return max;
}

/** Activates up to `wanted` jobs; stops early after two empty answers in a row. Bounded. */
async function activate(client: ZeebeClient, wanted: number): Promise<ActivatedJob[]> {
  const jobs: ActivatedJob[] = [];
  let emptyAnswers = 0;
  for (let attempt = 0; attempt < 30 && jobs.length < wanted && emptyAnswers < 2; attempt++) {
    const batch = await client.activateJobs({
      type: JOB_TYPE,
      worker: 'durability-test',
      maxJobsToActivate: Math.min(100, wanted - jobs.length),
      timeout: 60_000,
      requestTimeout: 1_000,
    });
    emptyAnswers = batch.length === 0 ? emptyAnswers + 1 : 0;
    for (const job of batch) jobs.push({ key: job.key, processInstanceKey: job.processInstanceKey });
  }
  return jobs;
}

async function complete(client: ZeebeClient, jobs: ActivatedJob[]): Promise<void> {
  for (const job of jobs) await client.completeJob({ jobKey: job.key, variables: { done: true } });
}

async function expectGone(client: ZeebeClient, processInstanceKey: string): Promise<void> {
  // A completed instance can no longer be cancelled: the gateway answers NOT_FOUND.
  await expect(client.cancelProcessInstance(processInstanceKey)).rejects.toMatchObject({ code: GRPC_NOT_FOUND });
}

describe('engine killed with SIGKILL', () => {
  it('keeps every acknowledged instance and job, completes them after restart, and never reuses keys', async () => {
    // given
    const dataDir = await tempDir('suqiu-kill9-data-');
    const workflowsDir = await tempDir('suqiu-kill9-workflows-');
    const port = await freePort();
    const first = await startEngine(dataDir, workflowsDir, port);
    const before = connect(first);
    const deployment = await before.deployResource({ processFilename: FIXTURE });
    const definitionKey = deployment.deployments[0].process.processDefinitionKey;
    const created: string[] = [];
    for (let i = 0; i < 50; i++) {
      const instance = await before.createProcessInstance({ bpmnProcessId: PROCESS_ID, variables: { i } });
      created.push(instance.processInstanceKey);
    }
    const finished = await activate(before, 20);
    expect(finished).toHaveLength(20);
    await complete(before, finished);
    const highestKeyBefore = maxKey([definitionKey, ...created, ...finished.map((job) => job.key)]);

    // when
    const killed = await first.kill('SIGKILL');
    await before.close();
    const second = await startEngine(dataDir, workflowsDir, port);
    const after = connect(second);

    // then: exactly the unfinished instances still have their job
    expect(killed.signal).toBe('SIGKILL');
    const finishedInstances = new Set(finished.map((job) => job.processInstanceKey));
    const unfinished = created.filter((key) => !finishedInstances.has(key));
    const remaining = await activate(after, 100);
    expect(remaining.map((job) => job.processInstanceKey).sort()).toEqual([...unfinished].sort());
    expect(remaining.every((job) => !finished.some((done) => done.key === job.key))).toBe(true);

    // then: completing them completes every instance
    await complete(after, remaining);
    expect(await activate(after, 1)).toEqual([]);
    for (const key of created) await expectGone(after, key);

    // then: the deployment survived and new keys are higher than every key handed out before
    const fresh = await after.createProcessInstance({ bpmnProcessId: PROCESS_ID, variables: { fresh: true } });
    expect(fresh.processDefinitionKey).toBe(definitionKey);
    expect(BigInt(fresh.processInstanceKey)).toBeGreaterThan(highestKeyBefore);
    const [freshJob] = await activate(after, 1);
    expect(freshJob.processInstanceKey).toBe(fresh.processInstanceKey);
    expect(BigInt(freshJob.key)).toBeGreaterThan(highestKeyBefore);
    await complete(after, [freshJob]);
    await expectGone(after, fresh.processInstanceKey);
  }, 180_000);

  it('loses no instance acknowledged while creations were in flight', async () => {
    // given
    const dataDir = await tempDir('suqiu-kill9-data-');
    const workflowsDir = await tempDir('suqiu-kill9-workflows-');
    const port = await freePort();
    const first = await startEngine(dataDir, workflowsDir, port);
    const before = connect(first);
    await before.deployResource({ processFilename: FIXTURE });
    const acknowledged: string[] = [];
    const CONCURRENCY = 8;
    let stop = false;
    const creator = async (): Promise<void> => {
      // Bounded: stops at the kill (calls fail) or after 10,000 creations in all.
      while (!stop && acknowledged.length < 10_000) {
        try {
          const instance = await before.createProcessInstance({ bpmnProcessId: PROCESS_ID, variables: {} });
          acknowledged.push(instance.processInstanceKey);
        } catch {
          return;
        }
      }
    };
    const creators = Array.from({ length: CONCURRENCY }, creator);
    const deadline = Date.now() + 15_000;
    while (acknowledged.length < 200 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));

    // when
    await first.kill('SIGKILL');
    stop = true;
    await Promise.all(creators);
    await before.close();
    const second = await startEngine(dataDir, workflowsDir, port);
    const after = connect(second);

    // then: every acknowledged instance has its job; at most the in-flight ones come on top
    expect(acknowledged.length).toBeGreaterThan(0);
    const jobs = await activate(after, acknowledged.length + CONCURRENCY + 1);
    const withJob = new Set(jobs.map((job) => job.processInstanceKey));
    expect(acknowledged.filter((key) => !withJob.has(key))).toEqual([]);
    expect(jobs.length).toBeLessThanOrEqual(acknowledged.length + CONCURRENCY);

    // then: they all complete, and new keys are fresh
    await complete(after, jobs);
    expect(await activate(after, 1)).toEqual([]);
    const fresh = await after.createProcessInstance({ bpmnProcessId: PROCESS_ID, variables: {} });
    expect(BigInt(fresh.processInstanceKey)).toBeGreaterThan(maxKey([...acknowledged, ...jobs.map((job) => job.key)]));
  }, 180_000);
});
