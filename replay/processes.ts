// The engine, the workers and the API of a replay, each in a child process of its own (as
// `npm start` runs them), so the workers can be killed and restarted in the middle of a run.
//
// Children run as `node --import tsx <script>` (not the tsx CLI, which would put the program in a
// grandchild and keep a SIGKILL from reaching it).
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));

export interface Child {
  process: ChildProcess;
  /** the child's last output lines, for error messages */
  recent(): string;
  exited: Promise<number | null>;
  /** SIGTERM (or the signal given), then waits for the exit */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts `script` and resolves once a line of its output matches `ready` (with the match), or
 * rejects if it exits first or takes longer than `timeoutMs`.
 */
export function startChild(script: string, env: NodeJS.ProcessEnv, ready: RegExp, timeoutMs = 60_000): Promise<{ child: Child; match: RegExpMatchArray }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', script], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const child: Child = {
    process: proc,
    recent: () => lines.slice(-20).join('\n'),
    exited,
    stop: async (signal = 'SIGTERM') => {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
      await exited;
    },
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`${script} was not ready within ${timeoutMs} ms:\n${child.recent()}`));
    }, timeoutMs);
    const onLine = (line: string) => {
      lines.push(line);
      if (lines.length > 200) lines.shift();
      const match = line.match(ready);
      if (match) {
        clearTimeout(timer);
        resolve({ child, match });
      }
    };
    for (const stream of [proc.stdout!, proc.stderr!]) createInterface({ input: stream, crlfDelay: Infinity }).on('line', onLine);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited (${code}) before it was ready:\n${child.recent()}`));
    });
  });
}

export interface EngineChild {
  child: Child;
  grpcAddress: string;
  restAddress: string;
}

/** The embedded engine on free ports, with nothing deployed (the replay deploys once its clock is pinned). */
export async function startEngineChild(dataDir: string, emptyWorkflowsDir: string): Promise<EngineChild> {
  const { child } = await startChild(
    'engine/main.ts',
    { SUQIU_DATA_DIR: dataDir, SUQIU_GRPC_PORT: '0', SUQIU_REST_PORT: '0', SUQIU_WORKFLOWS_DIR: emptyWorkflowsDir, SUQIU_HOST: '127.0.0.1' },
    /^engine: ready$/,
  );
  const log = child.recent();
  const grpc = log.match(/gRPC\) listening on [^\s]*:(\d+)/);
  const rest = log.match(/REST API \(v2\) listening on [^\s]*:(\d+)/);
  if (!grpc || !rest) throw new Error(`cannot read the engine's ports from its output:\n${log}`);
  return { child, grpcAddress: `grpc://127.0.0.1:${grpc[1]}`, restAddress: `http://127.0.0.1:${rest[1]}` };
}

export interface WorkersChild extends Child {
  /** the port of their health and metrics */
  port: number;
}

/** The job workers against that engine, on the replay's store, reading the simulated time from it. */
export async function startWorkersChild(grpcAddress: string, storePath: string): Promise<WorkersChild> {
  const { child } = await startChild(
    'workers/main.ts',
    {
      ZEEBE_GRPC_ADDRESS: grpcAddress,
      CAMUNDA_AUTH_STRATEGY: 'NONE',
      SUQIU_STORE_PATH: storePath,
      SUQIU_WORKERS_CLOCK: 'simulated',
      SUQIU_WORKERS_PORT: '0',
      SUQIU_WORKERS_HOST: '127.0.0.1',
      SUQIU_WORKERS_CONCURRENCY: '32',
      // a job held by killed workers comes back after this much engine time (the replay moves the clock on)
      SUQIU_WORKERS_JOB_TIMEOUT_MS: '30000',
      SUQIU_WORKERS_RETRY_BACKOFF_MS: '1000',
      // each step of a request waits for the next poll: keep the gap between polls short
      SUQIU_WORKERS_POLL_INTERVAL_MS: '5',
      // notifications stay in the outbox: a replay sends nothing to anyone
      SUQIU_WORKERS_OUTBOX_INTERVAL_MS: '0',
    },
    /^workers: ready$/,
  );
  const port = child.recent().match(/health and metrics on port (\d+)/);
  if (!port) throw new Error(`cannot read the workers' metrics port from their output:\n${child.recent()}`);
  return { ...child, port: Number(port[1]) };
}

export interface ApiChild {
  child: Child;
  /** e.g. http://127.0.0.1:41234 */
  baseUrl: string;
}

/**
 * The API against that engine, on the replay's store, recording the simulated time (the store's
 * copy of the engine's clock). Its limits on logins and public calls are lifted: the replay's
 * people all call from one address.
 */
export async function startApiChild(engine: Pick<EngineChild, 'grpcAddress' | 'restAddress'>, storePath: string, attachmentsDir: string): Promise<ApiChild> {
  const { child } = await startChild(
    'api/server.ts',
    {
      SUQIU_API_PORT: '0',
      SUQIU_API_HOST: '127.0.0.1',
      SUQIU_STORE_PATH: storePath,
      SUQIU_ATTACHMENTS_DIR: attachmentsDir,
      SUQIU_API_CLOCK: 'simulated',
      SUQIU_API_LOGIN_LIMIT: '1000000',
      SUQIU_API_PUBLIC_LIMIT: '1000000',
      // a session still ends a week after its login (simulated time): the replay's staff log in again then
      SUQIU_API_SESSION_IDLE_MINUTES: String(60 * 24 * 30),
      ZEEBE_GRPC_ADDRESS: engine.grpcAddress,
      CAMUNDA_REST_ADDRESS: engine.restAddress,
      ZEEBE_REST_ADDRESS: engine.restAddress,
      CAMUNDA_AUTH_STRATEGY: 'NONE',
    },
    /^api: ready$/,
  );
  const port = child.recent().match(/^api: listening on [^\s]*:(\d+)/m);
  if (!port) throw new Error(`cannot read the API's port from its output:\n${child.recent()}`);
  return { child, baseUrl: `http://127.0.0.1:${port[1]}` };
}

/**
 * Waits until the workers have been idle for a second: nothing in flight and their job counters
 * (Prometheus metrics) unchanged. What the last completions started (close, follow-up, archive,
 * board) is then done.
 */
export async function workersQuiet(workers: WorkersChild, idleMs = 1000, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  let since = Date.now();
  while (Date.now() < deadline) {
    const text = await (await fetch(`http://127.0.0.1:${workers.port}/metrics`)).text();
    const counters = text
      .split('\n')
      .filter((l) => l.startsWith('suqiu_jobs_handled_total') || l.startsWith('suqiu_jobs_failed_total') || l.startsWith('suqiu_jobs_in_flight'))
      .join('\n');
    if (counters !== last) {
      last = counters;
      since = Date.now();
    } else if (Date.now() - since >= idleMs && /suqiu_jobs_in_flight 0$/m.test(counters)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the workers were still busy after ${timeoutMs} ms`);
}
