// bench/engine-inprocess: the engine's own cost per process instance, without gRPC or clients.
//
// Opens the engine in this process on a temporary data dir, deploys the one-task process of
// bench/engine-throughput, creates --count instances (group-committed, as the gateway submits
// them), then activates and completes their jobs in batches. Prints instances per second for
// each phase and overall: what one core does when no client shares the machine.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../../engine/runtime/engine.js';

const countArg = process.argv.indexOf('--count');
const count = countArg > 0 ? Number(process.argv[countArg + 1]) : 20_000;
if (!Number.isInteger(count) || count <= 0) throw new Error('usage: npm run bench:engine:inprocess -- [--count N]');

const dataDir = mkdtempSync(join(tmpdir(), 'suqiu-bench-inprocess-'));
const engine = await Engine.open(dataDir);
try {
  const xml = readFileSync(new URL('../engine-throughput/one-task.bpmn', import.meta.url), 'utf8');
  const [process_] = (await engine.deploy([{ name: 'one-task.bpmn', content: xml }])).processes;
  const type = /taskDefinition type="([^"]+)"/.exec(xml)![1]!;

  let started = performance.now();
  await Promise.all(Array.from({ length: count }, (_, i) =>
    engine.submit(() => engine.createProcessInstance({ bpmnProcessId: process_!.bpmnProcessId, variables: { i } }))));
  const createSeconds = (performance.now() - started) / 1000;

  started = performance.now();
  let completed = 0;
  while (completed < count) {
    const jobs = engine.activateJobs({ type, worker: 'bench', timeout: 600_000, maxJobsToActivate: 1000, fetchVariable: [], tenantIds: [] });
    if (jobs.length === 0) throw new Error(`only ${completed} of ${count} jobs were activatable`);
    await Promise.all(jobs.map((job) => engine.submit(() => engine.completeJob(job.key, {}))));
    completed += jobs.length;
  }
  const completeSeconds = (performance.now() - started) / 1000;

  console.log('== engine in-process results ==');
  console.log(`node            ${process.version}, ${cpus()[0]?.model ?? 'cpu'} × ${cpus().length}`);
  console.log(`instances       ${count} (one service task each)`);
  console.log(`create          ${Math.round(count / createSeconds)} instances/s`);
  console.log(`activate+complete ${Math.round(count / completeSeconds)} jobs/s`);
  console.log(`overall         ${Math.round(count / (createSeconds + completeSeconds))} instances/s (create to complete, one core)`);
} finally {
  engine.close();
  rmSync(dataDir, { recursive: true, force: true });
}
