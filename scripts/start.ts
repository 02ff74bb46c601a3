// `npm start`: the embedded engine, the job workers and the API together, as three child
// processes; with SUQIU_ENGINE=camunda, the workers and the API against the Camunda 8 that
// ZEEBE_GRPC_ADDRESS names (after deploying the workflows there).
// The engine (engine/main.ts) starts first; once it logs `engine: ready` (workflows deployed) the
// workers (workers/main.ts) start, pointed at its gRPC and REST addresses, and once they log
// `workers: ready` the API (api/server.ts, port 3000). Their output is forwarded line by line with a
// prefix. SIGINT/SIGTERM stop the API first, then the workers (jobs in flight finish), then the
// engine; if any child dies, the others are stopped and start exits non-zero.
// `npm run engine` still runs the engine alone; every engine and worker setting is read from the
// environment by the children (engine/main.ts, workers/runtime/config.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { openStore } from '../store/db.js';
import { unitsOfKind } from '../store/org-units.js';
import { seedDemo } from '../store/seed/demo.js';
import { ensureWebBuilt } from './build-web.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const STOP_GRACE_MS = 30_000;

interface Child {
  name: string;
  process: ChildProcess;
  exited: Promise<number>;
}

function forward(stream: NodeJS.ReadableStream, prefix: string, out: NodeJS.WritableStream, onLine?: (line: string) => void): void {
  createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
    out.write(`${prefix}${line}\n`);
    onLine?.(line);
  });
}

function run(name: string, script: string, env: NodeJS.ProcessEnv, onLine?: (line: string) => void): Child {
  // node --import tsx (not the tsx CLI) so the child's pid is the program's own and signals reach it;
  // detached (own process group), so a Ctrl-C in the terminal reaches only this script, which stops
  // the workers before the engine
  const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const prefix = `[${name}] `;
  forward(child.stdout!, prefix, process.stdout, onLine);
  forward(child.stderr!, prefix, process.stderr, onLine);
  const exited = new Promise<number>((resolve) => {
    child.once('close', (code, signal) => resolve(code ?? (signal === null ? 1 : 128)));
  });
  return { name, process: child, exited };
}

async function stopChild(child: Child | undefined): Promise<void> {
  if (child === undefined || child.process.exitCode !== null || child.process.signalCode !== null) return;
  child.process.kill('SIGTERM');
  const timer = setTimeout(() => child.process.kill('SIGKILL'), STOP_GRACE_MS);
  await child.exited;
  clearTimeout(timer);
}

/**
 * A fresh machine has an empty business store, and the workers cannot route a request without
 * an organisation: load the demo data (every row marked demo) when the store has no district.
 * SUQIU_DEMO_DATA=off leaves an empty store alone.
 */
function loadDemoDataWhenEmpty(): boolean {
  if (process.env.SUQIU_DEMO_DATA === 'off') return false;
  const path = process.env.SUQIU_STORE_PATH || 'data/suqiu.db';
  const store = openStore(path);
  try {
    if (unitsOfKind(store.db, 'district').length > 0) return false;
    const summary = seedDemo(store.db);
    console.log(`start: empty store ${path}: demo data loaded (${summary.units} units, ${summary.staff} staff, ${summary.accounts} logins; SUQIU_DEMO_DATA=off to skip)`);
    return true;
  } finally {
    store.close();
  }
}

/**
 * With freshly loaded demo data, demo requests are submitted and worked through the API once it
 * is ready (scripts/demo-requests.ts): they run through the engine like any other request.
 * SUQIU_DEMO_REQUESTS=off leaves the demo organisation without requests.
 */
const demoRequestsWanted = loadDemoDataWhenEmpty() && process.env.SUQIU_DEMO_REQUESTS !== 'off';

/**
 * The pages (web/) are built while the engine starts, when their sources changed since the last
 * build (scripts/build-web.ts); SUQIU_WEB_BUILD=off serves whatever web/dist holds. A failed build
 * is reported and the API starts anyway: it answers the pages with a 503 that says so.
 */
const webBuilt: Promise<void> =
  process.env.SUQIU_WEB_BUILD === 'off'
    ? Promise.resolve()
    : ensureWebBuilt((line) => console.log(`[web] ${line}`)).catch((error: unknown) => {
        console.error(`[web] the pages could not be built: ${error instanceof Error ? error.message : String(error)}`);
      });

let engine: Child | undefined;
let workers: Child | undefined;
let api: Child | undefined;
let demo: Child | undefined;
let stopping = false;

async function stopAll(code: number): Promise<never> {
  stopping = true;
  await stopChild(demo);
  await stopChild(api);
  await stopChild(workers);
  await stopChild(engine);
  process.exit(code);
}

function stopWhenItDies(child: Child, what: string): void {
  void child.exited.then((code) => {
    if (stopping) return;
    console.error(`start: ${what} exited (${code}); stopping the rest`);
    void stopAll(code === 0 ? 1 : code);
  });
}

/** The workers, then the API once they are ready, both with the same engine settings. */
function startWorkers(env: NodeJS.ProcessEnv): void {
  workers = run('workers', 'workers/main.ts', env, (line) => {
    if (line === 'workers: ready' && api === undefined && !stopping) void webBuilt.then(() => api === undefined && !stopping && startApi(env));
  });
  stopWhenItDies(workers, 'the workers');
}

const LISTENING_API = /^api: listening on [^\s]*:(\d+)/;

function startApi(env: NodeJS.ProcessEnv): void {
  let apiPort: string | undefined;
  api = run('api', 'api/server.ts', env, (line) => {
    apiPort = LISTENING_API.exec(line)?.[1] ?? apiPort;
    if (line === 'api: ready' && demoRequestsWanted && demo === undefined && !stopping) startDemoRequests(env, apiPort ?? '3000');
  });
  stopWhenItDies(api, 'the API');
}

/** The demo requests, once: their end (done or failed) stops nothing else. */
function startDemoRequests(env: NodeJS.ProcessEnv, apiPort: string): void {
  demo = run('demo', 'scripts/demo-requests.ts', { ...env, SUQIU_API_URL: `http://127.0.0.1:${apiPort}` });
  void demo.exited.then((code) => {
    if (code !== 0 && !stopping) console.error(`start: the demo requests stopped with ${code}; the system runs on without them`);
  });
}

const LISTENING_GRPC = /^engine: Zeebe gateway \(gRPC\) listening on [^\s]*:(\d+)$/;
const LISTENING_REST = /^engine: Camunda REST API \(v2\) listening on [^\s]*:(\d+)$/;

/** The embedded engine, then the workers pointed at it once it is ready. */
function startEmbedded(): void {
  let grpcPort: string | undefined;
  let restPort: string | undefined;
  const child = run('engine', 'engine/main.ts', process.env, (line) => {
    grpcPort = LISTENING_GRPC.exec(line)?.[1] ?? grpcPort;
    restPort = LISTENING_REST.exec(line)?.[1] ?? restPort;
    if (line === 'engine: ready' && workers === undefined && !stopping) {
      startWorkers({
        ...process.env,
        ZEEBE_GRPC_ADDRESS: `grpc://127.0.0.1:${grpcPort ?? '26500'}`,
        ...(restPort === undefined ? {} : { ZEEBE_REST_ADDRESS: `http://127.0.0.1:${restPort}`, CAMUNDA_REST_ADDRESS: `http://127.0.0.1:${restPort}` }),
        CAMUNDA_AUTH_STRATEGY: process.env.CAMUNDA_AUTH_STRATEGY ?? 'NONE',
      });
    }
  });
  engine = child;
  stopWhenItDies(child, 'the engine');
}

/**
 * A Camunda 8 the environment names (SUQIU_ENGINE=camunda): no embedded engine; the workflows are
 * deployed there (`npm run deploy:workflows`), then the workers start with the same settings.
 */
function startOnCamunda(): void {
  if (!process.env.ZEEBE_GRPC_ADDRESS) {
    console.error('start: SUQIU_ENGINE=camunda needs ZEEBE_GRPC_ADDRESS (and CAMUNDA_AUTH_STRATEGY and its settings when the cluster asks for them); see docker/README.md');
    process.exit(2);
  }
  console.log(`start: on the Camunda 8 at ${process.env.ZEEBE_GRPC_ADDRESS}; no embedded engine`);
  const deploy = run('deploy', 'scripts/deploy-workflows.ts', process.env);
  void deploy.exited.then((code) => {
    if (stopping) return;
    if (code !== 0) {
      console.error(`start: deploying the workflows failed (${code}); not starting the workers`);
      process.exit(code);
    }
    startWorkers(process.env);
  });
}

const engineChoice = (process.env.SUQIU_ENGINE ?? '').trim() || 'embedded';
if (engineChoice === 'embedded') startEmbedded();
else if (engineChoice === 'camunda') startOnCamunda();
else {
  console.error(`start: SUQIU_ENGINE must be "embedded" (the default) or "camunda", got "${process.env.SUQIU_ENGINE}"`);
  process.exit(2);
}

// last resort: never leave a child behind
process.once('exit', () => {
  for (const child of [demo, api, workers, engine]) {
    if (child !== undefined && child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGKILL');
  }
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    console.log(`start: ${signal} received, stopping the API, the workers, then the engine`);
    void stopAll(0);
  });
}
