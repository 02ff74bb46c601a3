// Job worker child process of the engine-throughput benchmark.
// Configured through the environment only, like a real worker deployment:
//   ZEEBE_GRPC_ADDRESS=grpc://127.0.0.1:PORT  CAMUNDA_AUTH_STRATEGY=NONE
//   BENCH_WORKER_MODE=poll|stream  BENCH_JOB_TYPES=a,b  BENCH_MAX_JOBS=<maxJobsToActivate for poll>
// Completes every job it gets with no variables, reports its count to the parent over IPC,
// and exits when the parent says `stop` or goes away.

import { Camunda8 } from '@camunda8/sdk';

type Message = { kind: 'ready' } | { kind: 'progress'; completed: number; failed: number } | { kind: 'stopped'; completed: number; failed: number };

const mode = process.env.BENCH_WORKER_MODE === 'stream' ? 'stream' : 'poll';
const jobTypes = (process.env.BENCH_JOB_TYPES ?? 'bench-one').split(',').filter(Boolean);
const maxJobs = Number(process.env.BENCH_MAX_JOBS ?? 500);

const send = (message: Message): Promise<void> =>
  new Promise((resolveSend) => {
    if (!process.connected || !process.send) return resolveSend();
    process.send(message, () => resolveSend());
  });

const zbc = new Camunda8({
  CAMUNDA_LOG_LEVEL: 'none',
  zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: 'NONE' },
}).getZeebeGrpcApiClient();

let completed = 0;
let failed = 0;
const closers: Array<() => Promise<unknown> | void> = [];

/** Counts the outcome of a job completion and passes the acknowledgement on. */
async function counted<T>(completion: Promise<T>): Promise<T> {
  try {
    const ack = await completion;
    completed += 1;
    return ack;
  } catch (error) {
    failed += 1;
    throw error;
  }
}

for (const type of jobTypes) {
  if (mode === 'poll') {
    const worker = zbc.createWorker({
      taskType: type,
      maxJobsToActivate: maxJobs,
      timeout: 60_000,
      pollInterval: 10,
      longPoll: 30_000,
      loglevel: 'NONE',
      taskHandler: (job) => counted(job.complete()),
    });
    closers.push(() => worker.close(2_000));
  } else {
    const stream = await zbc.streamJobs({
      type,
      worker: `bench-${process.pid}`,
      timeout: 60_000,
      // what the SDK itself sends when no tenant is configured
      tenantIds: [process.env.CAMUNDA_TENANT_ID ?? '<default>'],
      taskHandler: (job) => counted(job.complete()),
    });
    closers.push(() => stream.close());
  }
}

const ticker = setInterval(() => void send({ kind: 'progress', completed, failed }), 250);
void send({ kind: 'ready' });

let stopping = false;

// The SDK prints every stream error with console.error, including the CANCELLED that closing
// our own stream causes; keep that one out of the benchmark's output.
const consoleError = console.error.bind(console);
console.error = (...parts: unknown[]): void => {
  if (stopping && (parts[0] as { code?: number } | undefined)?.code === 1) return;
  consoleError(...parts);
};

async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  clearInterval(ticker);
  const force = setTimeout(() => process.exit(0), 5_000);
  force.unref();
  await Promise.allSettled(closers.map((close) => close()));
  await zbc.close(2_000).catch(() => undefined);
  await send({ kind: 'stopped', completed, failed });
  process.exit(0);
}

process.on('message', (message: { kind?: string }) => {
  if (message?.kind === 'stop') void stop();
});
process.on('disconnect', () => void stop());
process.on('SIGTERM', () => void stop());
