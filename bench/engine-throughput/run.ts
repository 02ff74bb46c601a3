// Engine throughput benchmark (`npm run bench:engine -- --count 20000`).
//
// Three processes on one machine, talking gRPC over loopback, as in a real deployment:
//   - the engine: `engine/main.ts` as a child process (temp data dir, free port, no workflows);
//   - a job worker: @camunda8/sdk in another child process (bench/engine-throughput/worker.ts),
//     configured by ZEEBE_GRPC_ADDRESS=grpc://127.0.0.1:PORT and CAMUNDA_AUTH_STRATEGY=NONE;
//   - this process: deploys the two processes and creates instances with @camunda8/sdk.
//
// Every instance is created with CreateProcessInstanceWithResult, so each one gives a latency
// sample: from the moment the call is made until the engine answers that the instance has
// completed (create → job activated → job completed by the worker → end event → answer).
//
// Runs, in order (each bounded by --max-seconds):
//   warm-up       one-task, poll worker, not reported
//   peak/poll     one-task, SDK createWorker (long-poll ActivateJobs), --window calls in flight
//   peak/stream   one-task, SDK streamJobs (StreamActivatedJobs), --window calls in flight
//   ten-task      ten sequential service tasks, the faster worker mode, --ten-count instances
//   paced 80%     one-task, the faster worker mode, open loop at 80% of the best peak rate
// The engine's peak RSS is VmHWM from /proc/<engine pid>/status at the end.

import { fork, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { cpuSeconds, residentMemory } from '../support/process-stats.js';
import { freePort, repositoryRoot, spawnEngine, type EngineProcess } from '../../test/support/engine-process.js';
import { zeebeClient, type ZeebeClient } from '../../test/support/zeebe-client.js';

type WorkerMode = 'poll' | 'stream';

interface RunResult {
  run: string;
  process: string;
  worker: WorkerMode;
  tasksPerInstance: number;
  requested: number;
  completed: number;
  failed: number;
  seconds: number;
  instancesPerSecond: number;
  jobsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** paced runs: the rate asked for */
  targetRate?: number;
  timedOut: boolean;
  /** CPU used during the run, in % of one core */
  cpu: { engine: number; worker: number; client: number };
}

const here = fileURLToPath(new URL('.', import.meta.url));
const ONE_TASK = { id: 'bench-one-task', file: join(here, 'one-task.bpmn'), tasks: 1, jobType: 'bench-one' };
const TEN_TASKS = { id: 'bench-ten-tasks', file: join(here, 'ten-tasks.bpmn'), tasks: 10, jobType: 'bench-step' };

const { values: args } = parseArgs({
  options: {
    count: { type: 'string', default: '20000' },
    'ten-count': { type: 'string' },
    window: { type: 'string', default: '256' },
    'max-jobs': { type: 'string', default: '500' },
    'paced-seconds': { type: 'string', default: '20' },
    'max-seconds': { type: 'string', default: '300' },
    worker: { type: 'string', default: 'both' },
    help: { type: 'boolean', default: false },
  },
});

if (args.help) {
  console.log(`npm run bench:engine -- [--count 20000] [--ten-count N] [--window 256] [--max-jobs 500]
                           [--paced-seconds 20] [--max-seconds 300] [--worker both|poll|stream]`);
  process.exit(0);
}

function positiveInt(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer, got "${raw}"`);
  return value;
}

const COUNT = positiveInt('count', args.count, 20000);
const TEN_COUNT = positiveInt('ten-count', args['ten-count'], Math.max(1, Math.floor(COUNT / 10)));
const WINDOW = positiveInt('window', args.window, 256);
const MAX_JOBS = positiveInt('max-jobs', args['max-jobs'], 500);
const PACED_SECONDS = positiveInt('paced-seconds', args['paced-seconds'], 20);
const MAX_SECONDS = positiveInt('max-seconds', args['max-seconds'], 300);
const WORKER_MODES: WorkerMode[] =
  args.worker === 'poll' ? ['poll'] : args.worker === 'stream' ? ['stream'] : ['poll', 'stream'];
/** in-flight cap of the paced run: beyond it the engine is not keeping up and pacing stops being open-loop */
const PACED_MAX_IN_FLIGHT = 10_000;

const LOAD_AT_START = os.loadavg()[0];
const log = (line: string): void => console.log(line);
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}


interface CpuMark {
  at: number;
  engine: number;
  worker: number;
  client: number;
}
let enginePid = 0;

function cpuMark(worker: WorkerChild): CpuMark {
  const own = process.cpuUsage();
  return {
    at: performance.now(),
    engine: cpuSeconds(enginePid),
    worker: cpuSeconds(worker.pid),
    client: (own.user + own.system) / 1e6,
  };
}

function cpuSince(start: CpuMark, worker: WorkerChild): RunResult['cpu'] {
  const end = cpuMark(worker);
  const wall = (end.at - start.at) / 1000;
  const pct = (a: number, b: number): number => (100 * (b - a)) / wall;
  return { engine: pct(start.engine, end.engine), worker: pct(start.worker, end.worker), client: pct(start.client, end.client) };
}

// ---------------------------------------------------------------------------------------------
// worker child

interface WorkerChild {
  mode: WorkerMode;
  pid: number;
  completed(): number;
  stop(): Promise<void>;
}

const workerChildren = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of workerChildren) child.kill('SIGKILL');
});

async function startWorker(mode: WorkerMode, grpcAddress: string): Promise<WorkerChild> {
  const child = fork(join(here, 'worker.ts'), [], {
    cwd: repositoryRoot,
    execArgv: ['--import', 'tsx'],
    env: {
      ...process.env,
      ZEEBE_GRPC_ADDRESS: grpcAddress,
      CAMUNDA_AUTH_STRATEGY: 'NONE',
      CAMUNDA_OAUTH_DISABLED: 'true',
      BENCH_WORKER_MODE: mode,
      BENCH_JOB_TYPES: [ONE_TASK.jobType, TEN_TASKS.jobType].join(','),
      BENCH_MAX_JOBS: String(MAX_JOBS),
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  workerChildren.add(child);
  let completed = 0;
  const exited = new Promise<void>((resolveExit) =>
    child.once('exit', () => {
      workerChildren.delete(child);
      resolveExit();
    }),
  );
  await new Promise<void>((resolveReady, reject) => {
    const timer = setTimeout(() => reject(new Error(`${mode} worker not ready within 60 s`)), 60_000);
    child.on('message', (message: { kind: string; completed?: number }) => {
      if (message.completed !== undefined) completed = message.completed;
      if (message.kind === 'ready') {
        clearTimeout(timer);
        resolveReady();
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`${mode} worker exited before it was ready`));
    });
  });
  return {
    mode,
    pid: child.pid ?? 0,
    completed: () => completed,
    stop: async () => {
      if (child.connected) child.send({ kind: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 8_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// load generators

interface Target {
  id: string;
  tasks: number;
}

function progressTicker(label: string, total: number, state: () => { done: number; inFlight: number; worker: number }) {
  const started = performance.now();
  let lastDone = 0;
  let lastAt = started;
  const timer = setInterval(() => {
    const now = performance.now();
    const { done, inFlight, worker } = state();
    const recent = ((done - lastDone) * 1000) / (now - lastAt);
    lastDone = done;
    lastAt = now;
    log(
      `  [${label}] ${done}/${total} completed, ${recent.toFixed(0)} PI/s now, ` +
        `${inFlight} in flight, worker completed ${worker} jobs, ${((now - started) / 1000).toFixed(0)} s`,
    );
  }, 2_000);
  return () => clearInterval(timer);
}

function summarize(
  base: Pick<RunResult, 'run' | 'process' | 'worker' | 'tasksPerInstance' | 'requested' | 'targetRate' | 'cpu'>,
  latencies: number[],
  failed: number,
  seconds: number,
  timedOut: boolean,
): RunResult {
  const sorted = Float64Array.from(latencies).sort();
  const rate = latencies.length / seconds;
  return {
    ...base,
    completed: latencies.length,
    failed,
    seconds,
    instancesPerSecond: rate,
    jobsPerSecond: rate * base.tasksPerInstance,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    maxMs: sorted.length ? sorted[sorted.length - 1] : Number.NaN,
    timedOut,
  };
}

async function createWithResult(zbc: ZeebeClient, target: Target, i: number): Promise<void> {
  await zbc.createProcessInstanceWithResult({
    bpmnProcessId: target.id,
    variables: { i },
    requestTimeout: 60_000,
  });
}

/** Closed loop: `window` calls in flight until `count` instances are done or the deadline passes. */
async function closedLoop(
  zbc: ZeebeClient,
  run: string,
  target: Target,
  worker: WorkerChild,
  count: number,
): Promise<RunResult> {
  const latencies: number[] = [];
  let next = 0;
  let inFlight = 0;
  let failed = 0;
  let firstError: unknown;
  const deadline = performance.now() + MAX_SECONDS * 1000;
  const stopTicker = progressTicker(run, count, () => ({ done: latencies.length, inFlight, worker: worker.completed() }));
  const started = performance.now();
  const cpuStart = cpuMark(worker);
  const lane = async (): Promise<void> => {
    while (next < count && performance.now() < deadline) {
      const i = next++;
      inFlight += 1;
      const t0 = performance.now();
      try {
        await createWithResult(zbc, target, i);
        latencies.push(performance.now() - t0);
      } catch (error) {
        failed += 1;
        firstError ??= error;
        if (failed > Math.max(100, count / 10)) next = count; // give up: something is broken
      } finally {
        inFlight -= 1;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(WINDOW, count) }, lane));
  const seconds = (performance.now() - started) / 1000;
  const cpu = cpuSince(cpuStart, worker);
  stopTicker();
  if (firstError) log(`  [${run}] ${failed} call(s) failed; first error: ${String(firstError)}`);
  return summarize(
    { run, process: target.id, worker: worker.mode, tasksPerInstance: target.tasks, requested: count, cpu },
    latencies,
    failed,
    seconds,
    latencies.length + failed < count,
  );
}

/** Open loop: starts instances at a fixed rate, whatever the answers do, for `count` instances. */
async function pacedLoop(
  zbc: ZeebeClient,
  run: string,
  target: Target,
  worker: WorkerChild,
  rate: number,
  count: number,
): Promise<RunResult> {
  const latencies: number[] = [];
  const calls: Promise<void>[] = [];
  let inFlight = 0;
  let failed = 0;
  let firstError: unknown;
  let sent = 0;
  const deadline = performance.now() + MAX_SECONDS * 1000;
  const stopTicker = progressTicker(run, count, () => ({ done: latencies.length, inFlight, worker: worker.completed() }));
  const started = performance.now();
  const cpuStart = cpuMark(worker);
  while (sent < count && performance.now() < deadline) {
    const due = started + (sent * 1000) / rate;
    const now = performance.now();
    if (now < due) {
      await sleep(Math.max(1, Math.floor(due - now)));
      continue;
    }
    if (inFlight >= PACED_MAX_IN_FLIGHT) {
      await sleep(1);
      continue;
    }
    const i = sent++;
    inFlight += 1;
    const t0 = performance.now();
    calls.push(
      createWithResult(zbc, target, i).then(
        () => {
          latencies.push(performance.now() - t0);
          inFlight -= 1;
        },
        (error: unknown) => {
          failed += 1;
          firstError ??= error;
          inFlight -= 1;
        },
      ),
    );
  }
  const sendSeconds = (performance.now() - started) / 1000;
  await Promise.race([Promise.all(calls), sleep(Math.max(0, deadline - performance.now()) + 60_000)]);
  const seconds = (performance.now() - started) / 1000;
  const cpu = cpuSince(cpuStart, worker);
  stopTicker();
  log(`  [${run}] sent ${sent} in ${sendSeconds.toFixed(1)} s (${(sent / sendSeconds).toFixed(0)}/s asked ${rate.toFixed(0)}/s)`);
  if (firstError) log(`  [${run}] ${failed} call(s) failed; first error: ${String(firstError)}`);
  return summarize(
    { run, process: target.id, worker: worker.mode, tasksPerInstance: target.tasks, requested: count, targetRate: rate, cpu },
    latencies,
    failed,
    seconds,
    latencies.length + failed < count,
  );
}

// ---------------------------------------------------------------------------------------------
// reporting


function conditions(): Record<string, string> {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    node: process.version,
    cpu: `${cpus[0]?.model ?? 'unknown'}`,
    cores: String(cpus.length),
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    os: `${os.type()} ${os.release()}`,
    count: String(COUNT),
    'ten-task count': String(TEN_COUNT),
    window: `${WINDOW} CreateProcessInstanceWithResult calls in flight (peak runs)`,
    'worker maxJobsToActivate': `${MAX_JOBS} (poll mode)`,
    'engine data dir': os.tmpdir(),
    'load average (1 min)': `${LOAD_AT_START.toFixed(2)} at start, ${os.loadavg()[0].toFixed(2)} at end (other processes share the machine when this is above ~0)`,
  };
}

function table(results: RunResult[]): string {
  const head = [
    'run', 'process', 'worker', 'instances', 'failed', 'seconds', 'PI/s', 'jobs/s', 'p50 ms', 'p99 ms', 'max ms',
    'CPU engine/worker/client %',
  ];
  const fmt = (n: number, digits = 0): string => (Number.isFinite(n) ? n.toFixed(digits) : '-');
  const rows = results.map((r) => [
    r.run + (r.timedOut ? ' (timed out)' : ''),
    r.process,
    r.worker,
    `${r.completed}/${r.requested}`,
    String(r.failed),
    fmt(r.seconds, 1),
    fmt(r.instancesPerSecond),
    fmt(r.jobsPerSecond),
    fmt(r.p50Ms, 1),
    fmt(r.p99Ms, 1),
    fmt(r.maxMs, 1),
    `${fmt(r.cpu.engine)}/${fmt(r.cpu.worker)}/${fmt(r.cpu.client)}`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

// ---------------------------------------------------------------------------------------------
// main

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(os.tmpdir(), 'suqiu-bench-data-'));
  const workflowsDir = await mkdtemp(join(os.tmpdir(), 'suqiu-bench-workflows-'));
  let engine: EngineProcess | undefined;
  let zbc: ZeebeClient | undefined;
  let worker: WorkerChild | undefined;
  const results: RunResult[] = [];
  try {
    log(`engine-throughput: count ${COUNT}, ten-task count ${TEN_COUNT}, window ${WINDOW}, node ${process.version}, ${os.cpus().length} cores`);
    log('starting the engine (engine/main.ts, child process)...');
    engine = await spawnEngine({ dataDir, workflowsDir, port: await freePort() });
    enginePid = engine.pid;
    log(`engine pid ${engine.pid} listening on ${engine.hostPort}`);
    zbc = zeebeClient(engine.grpcAddress, { retry: true });
    for (const target of [ONE_TASK, TEN_TASKS]) {
      await zbc.deployResource({ processFilename: target.file });
      log(`deployed ${target.id}`);
    }

    const peaks: RunResult[] = [];
    for (const [index, mode] of WORKER_MODES.entries()) {
      log(`starting the ${mode} worker (child process)...`);
      worker = await startWorker(mode, engine.grpcAddress);
      if (index === 0) {
        const warmup = Math.min(1000, COUNT);
        log(`warm-up: ${warmup} one-task instances`);
        await closedLoop(zbc, 'warm-up', ONE_TASK, worker, warmup);
      }
      log(`peak run, one-task, ${mode} worker: ${COUNT} instances`);
      const peak = await closedLoop(zbc, `peak/${mode}`, ONE_TASK, worker, COUNT);
      peaks.push(peak);
      results.push(peak);
      log(`  -> ${peak.instancesPerSecond.toFixed(0)} PI/s, p50 ${peak.p50Ms.toFixed(1)} ms, p99 ${peak.p99Ms.toFixed(1)} ms`);
      await worker.stop();
      worker = undefined;
    }
    const best = peaks.reduce((a, b) => (b.instancesPerSecond > a.instancesPerSecond ? b : a));
    log(`faster worker mode: ${best.worker} (${best.instancesPerSecond.toFixed(0)} PI/s)`);

    worker = await startWorker(best.worker, engine.grpcAddress);
    log(`ten-task run, ${best.worker} worker: ${TEN_COUNT} instances`);
    const ten = await closedLoop(zbc, 'ten-task', TEN_TASKS, worker, TEN_COUNT);
    results.push(ten);
    log(`  -> ${ten.instancesPerSecond.toFixed(0)} PI/s (${ten.jobsPerSecond.toFixed(0)} jobs/s)`);

    const rate = Math.max(1, best.instancesPerSecond * 0.8);
    const pacedCount = Math.max(1, Math.min(COUNT, Math.round(rate * PACED_SECONDS)));
    log(`paced run at 80% of peak: ${rate.toFixed(0)} PI/s for ${pacedCount} instances`);
    const paced = await pacedLoop(zbc, 'paced 80%', ONE_TASK, worker, rate, pacedCount);
    results.push(paced);
    await worker.stop();
    worker = undefined;

    const { peakMb, nowMb } = residentMemory(engine.pid);
    const memory = { peakRssMb: peakMb, rssMb: nowMb };
    const cond = conditions();
    cond['faster worker mode'] = best.worker;
    log('');
    log('== engine-throughput results ==');
    for (const [key, value] of Object.entries(cond)) log(`${key.padEnd(26)} ${value}`);
    log('');
    log(table(results));
    log(`CPU: % of one core used during the run by the engine / the worker child / this load generator (${os.cpus().length * 100}% = all cores)`);
    log('');
    log(`engine peak RSS (VmHWM): ${memory.peakRssMb.toFixed(0)} MB (RSS at end ${memory.rssMb.toFixed(0)} MB)`);
    const peakOk = best.instancesPerSecond >= 1000;
    const latencyOk = paced.p99Ms <= 50;
    log(`target ≥ 1,000 PI/s one-task:        ${best.instancesPerSecond.toFixed(0)} PI/s  ${peakOk ? 'MET' : 'NOT MET'}`);
    log(`target p99 ≤ 50 ms at 80% of peak:    ${paced.p99Ms.toFixed(1)} ms  ${latencyOk ? 'MET' : 'NOT MET'}`);

    const outDir = join(repositoryRoot, '.bench', 'engine-throughput');
    await mkdir(outDir, { recursive: true });
    const outFile = join(outDir, `${cond.date.replace(/[:.]/g, '-')}.json`);
    await writeFile(outFile, `${JSON.stringify({ conditions: cond, results, engineMemory: memory }, null, 2)}\n`);
    log(`results written to ${outFile}`);
  } finally {
    await worker?.stop().catch(() => undefined);
    await zbc?.close(2_000).catch(() => undefined);
    if (engine) {
      const timer = setTimeout(() => void engine?.kill('SIGKILL'), 10_000);
      await engine.kill('SIGTERM');
      clearTimeout(timer);
    }
    await rm(dataDir, { recursive: true, force: true });
    await rm(workflowsDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`engine-throughput failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
