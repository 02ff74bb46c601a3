// The API's benchmark (`npm run bench:api`): the whole system as `npm start` runs it (engine,
// workers and API, each its own process, on a fresh temp store), loaded over HTTP with autocannon.
//
//   1. fixture   the store gets --search-requests synthetic requests (bench/api/fixture.ts) before start
//   2. intake    POST /api/public/requests for --seconds with --connections: requests/s, latency
//                (each answer comes after the store commits and the engine took the start message)
//   3. fill      more requests until --open-tasks screening tasks are open (they wait at 甄别)
//   4. tasks     GET /api/tasks?limit=50 of 鼎山镇's handler, whose unit holds a fifth of them
//   5. search    GET /api/requests, newest and ?q=路灯, as the district, a township and a village
//   6. board     GET /api/public/board (the first page, a filtered page, a text search) and
//                /api/public/board/units (per-unit figures of 2024, the fixture's busiest year)
//   7. open311   GET /open311/v2/requests (JSON and XML, 90 days of 2024: the default page of 200
//                and one of 1,000; by status; by service) and one request by id
//
// `--only board` runs the fixture, the board and Open311 only; `--store <path>` uses (or first builds and
// then keeps) a store there instead of a fresh temporary one, so the board can be measured again
// against the same million requests without building them anew.
//
// Targets (issue 9): intake ≥ 1,000 requests/s with p99 ≤ 50 ms; the task list p99 ≤ 20 ms with
// 100,000 open tasks; search over 1,000,000 requests p99 ≤ 50 ms. Issue 10: the board and
// Open311's GET requests over 1,000,000 requests p99 ≤ 50 ms. Printed beside the figures;
// the full result is written to .bench/api-<time>.json.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { openStore } from '../../store/db.js';
import { seedDemo } from '../../store/seed/demo.js';
import { addSyntheticRequests } from './fixture.js';

const { values: args } = parseArgs({
  options: {
    'search-requests': { type: 'string', default: '1000000' },
    'open-tasks': { type: 'string', default: '100000' },
    seconds: { type: 'string', default: '20' },
    connections: { type: 'string', default: '16' },
    only: { type: 'string', default: 'all' },
    store: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (args.help) {
  console.log('npm run bench:api -- [--search-requests 1000000] [--open-tasks 100000] [--seconds 20] [--connections 16] [--only all|board] [--store <path>]');
  process.exit(0);
}
const SEARCH_REQUESTS = Number(args['search-requests']);
const OPEN_TASKS = Number(args['open-tasks']);
const SECONDS = Number(args.seconds);
const CONNECTIONS = Number(args.connections);
const ONLY_BOARD = args.only === 'board';
if (args.only !== 'all' && !ONLY_BOARD) throw new Error(`--only ${args.only}: all or board`);
const root = fileURLToPath(new URL('../../', import.meta.url));
const say = (line: string) => console.log(`bench:api: ${line}`);

const VILLAGES: [string, string][] = [
  ['dingshan', 'dingshan-huangliang'], ['dingshan', 'dingshan-xinqiao'], ['dingshan', 'dingshan-shimen'], ['huacheng', 'huacheng-baihe'], ['huacheng', 'huacheng-liyuan'],
  ['zengkou', 'zengkou-gulou'], ['dongcheng', 'dongcheng-wenchang'], ['dongcheng', 'dongcheng-lianhua'], ['jiangbei', 'jiangbei-binhe'],
];
const TEXTS = ['路灯不亮,晚上出行不便', '道路破损,雨天积水', '自来水停水三天', '垃圾无人清运', '房屋漏雨,请求维修', '渠道堵塞影响灌溉'];
let submitted = 0;
const submission = () => {
  const [townshipId, villageId] = VILLAGES[submitted % VILLAGES.length]!;
  const text = `（演示）${TEXTS[submitted % TEXTS.length]!}(第${submitted}件)`;
  submitted++;
  return JSON.stringify({ text, townshipId, villageId, citizen: { name: '（演示）村民' } });
};

/** The CPU seconds each of npm start's children (engine, workers, API) has used so far, from /proc. */
function cpuSecondsOf(startPid: number): Record<string, number> {
  const out: Record<string, number> = {};
  const ticks = 100; // USER_HZ on Linux
  for (const entry of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) !== startPid) continue;
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      const name = /engine\/main/.test(cmd) ? 'engine' : /workers\/main/.test(cmd) ? 'workers' : /api\/server/.test(cmd) ? 'api' : undefined;
      if (name !== undefined) out[name] = (Number(fields[11]) + Number(fields[12])) / ticks;
    } catch {
      // the process ended meanwhile
    }
  }
  return out;
}

interface Phase {
  phase: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  total: number;
  non2xx: number;
  target?: string;
  /** CPU used by each process during the phase, in % of one core */
  cpu?: Record<string, number>;
}

let startPid = 0;

/** One autocannon run; `opts.connections` (default --connections) requests in flight at a time. */
async function load(phase: string, opts: autocannon.Options, target?: string): Promise<Phase> {
  const cpuBefore = cpuSecondsOf(startPid);
  const started = performance.now();
  const r = await autocannon({ connections: CONNECTIONS, duration: SECONDS, ...opts });
  phase = `${phase} [${opts.connections ?? CONNECTIONS} conn]`;
  const seconds = (performance.now() - started) / 1000;
  const cpuAfter = cpuSecondsOf(startPid);
  const cpu = Object.fromEntries(Object.keys(cpuAfter).map((k) => [k, Math.round((100 * ((cpuAfter[k] ?? 0) - (cpuBefore[k] ?? 0))) / seconds)]));
  const result: Phase = {
    phase,
    requestsPerSecond: Math.round(r.requests.average),
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    maxMs: r.latency.max,
    total: r.requests.total,
    non2xx: r.non2xx,
    ...(target === undefined ? {} : { target }),
    cpu,
  };
  say(`${phase}: ${result.requestsPerSecond} requests/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, max ${result.maxMs} ms (${result.total} requests, ${result.non2xx} not 2xx; CPU % of a core: ${Object.entries(cpu).map(([k, v]) => `${k} ${v}`).join(', ')})${target ? `; target ${target}` : ''}`);
  return result;
}

async function login(base: string, username: string): Promise<string> {
  const answer = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'demo' }) });
  if (answer.status !== 200) throw new Error(`login ${username}: ${answer.status}`);
  return (answer.headers.get('set-cookie') ?? '').split(';')[0]!;
}

async function openScreenings(base: string, cookie: string): Promise<number> {
  const answer = await fetch(`${base}/api/tasks?all=true&element=screen&limit=1`, { headers: { cookie } });
  return ((await answer.json()) as { total: number }).total;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(os.tmpdir(), 'suqiu-bench-api-'));
  const storePath = args.store ?? join(dir, 'suqiu.db');
  if (args.store === undefined || !existsSync(args.store)) {
    const store = openStore(storePath);
    seedDemo(store.db);
    if (SEARCH_REQUESTS > 0) addSyntheticRequests(store, SEARCH_REQUESTS, say);
    store.close();
  } else say(`using the store at ${storePath} as it is`);

  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      SUQIU_DATA_DIR: join(dir, 'engine'),
      SUQIU_STORE_PATH: storePath,
      SUQIU_ATTACHMENTS_DIR: join(dir, 'attachments'),
      SUQIU_GRPC_PORT: '0',
      SUQIU_REST_PORT: '0',
      SUQIU_WORKERS_PORT: '0',
      SUQIU_API_PORT: '0',
      SUQIU_API_HOST: '127.0.0.1',
      SUQIU_DEMO_REQUESTS: 'off',
      SUQIU_API_PUBLIC_LIMIT: '1000000',
      SUQIU_API_LOGIN_LIMIT: '1000000',
      SUQIU_WORKERS_OUTBOX_INTERVAL_MS: '0',
    },
  });
  startPid = child.pid!;
  const lines: string[] = [];
  const ready = new Promise<string>((resolve, reject) => {
    let port: string | undefined;
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => {
        lines.push(line);
        if (lines.length > 200) lines.shift();
        port = /^\[api\] api: listening on [^\s]*:(\d+)/.exec(line)?.[1] ?? port;
        if (line === '[api] api: ready') resolve(`http://127.0.0.1:${port}`);
      });
    }
    child.once('exit', (code) => reject(new Error(`npm start exited (${code}):\n${lines.join('\n')}`)));
  });
  const stop = () => {
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  process.once('exit', stop);
  try {
    const base = await ready;
    say(`system up at ${base} (store ${storePath})`);
    const results: Phase[] = [];

    if (!ONLY_BOARD) {
      results.push(await load('intake POST /api/public/requests', {
        url: `${base}/api/public/requests`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        requests: [{ setupRequest: (req) => ({ ...req, body: submission() }) }],
      }, '≥ 1,000 requests/s, p99 ≤ 50 ms'));

      const supervisor = await login(base, 'supervisor');
      say(`fill: submitting until ${OPEN_TASKS.toLocaleString('en')} screening tasks are open`);
      const started = Date.now();
      for (;;) {
        const open = await openScreenings(base, supervisor);
        if (open >= OPEN_TASKS) break;
        // every submission ends up waiting at screening: submit what is still missing, then wait for the workers
        const missing = OPEN_TASKS - submitted;
        if (missing > 0) {
          await autocannon({ url: `${base}/api/public/requests`, method: 'POST', headers: { 'content-type': 'application/json' }, connections: CONNECTIONS, amount: Math.min(missing, 20_000), requests: [{ setupRequest: (req) => ({ ...req, body: submission() }) }] });
        } else await new Promise((r) => setTimeout(r, 2000));
        say(`fill: ${(await openScreenings(base, supervisor)).toLocaleString('en')} open (${Math.round((Date.now() - started) / 1000)} s)`);
      }

      const handler = await login(base, 'dingshan-handler');
      const mine = await (await fetch(`${base}/api/tasks?limit=1`, { headers: { cookie: handler } })).json() as { total: number };
      say(`tasks: 鼎山镇's handler has ${mine.total.toLocaleString('en')} of ${(await openScreenings(base, supervisor)).toLocaleString('en')} open tasks`);
      for (const connections of [CONNECTIONS, 2]) {
        results.push(await load(`my unit's tasks GET /api/tasks?limit=50 (${mine.total} of the unit's)`, { url: `${base}/api/tasks?limit=50`, headers: { cookie: handler }, connections }, 'p99 ≤ 20 ms'));
      }

      const village = await login(base, 'huangliang-handler');
      const total = SEARCH_REQUESTS + submitted;
      for (const connections of [CONNECTIONS, 2]) {
        for (const [who, cookie] of [['district', supervisor], ['township', handler], ['village', village]] as const) {
          results.push(await load(`search ${who}, newest (${total} requests)`, { url: `${base}/api/requests?limit=20`, headers: { cookie }, connections }, 'p99 ≤ 50 ms'));
          results.push(await load(`search ${who}, q=路灯`, { url: `${base}/api/requests?limit=20&q=${encodeURIComponent('路灯')}`, headers: { cookie }, connections }, 'p99 ≤ 50 ms'));
        }
      }
    }

    const requestsInStore = (() => {
      const store = openStore(storePath);
      try {
        return store.sqlite.prepare('select count(*) as n from requests').get() as { n: number };
      } finally {
        store.close();
      }
    })().n;
    const boardUrls: [string, string][] = [
      [`board, first page (${requestsInStore} requests)`, '/api/public/board?limit=20'],
      ['board, filtered: a township\'s open requests', '/api/public/board?townshipId=huacheng&status=open&limit=20'],
      ['board, filtered: a domain at village level', '/api/public/board?domain=water_resources&level=village&limit=20'],
      ['board, q=路灯', `/api/public/board?limit=20&q=${encodeURIComponent('路灯')}`],
      ['board units, villages of 2024 (kept a few seconds)', '/api/public/board/units?group=village&year=2024'],
      ['board units, every group of 2024', '/api/public/board/units?year=2024'],
    ];
    for (const [, path] of boardUrls.filter(([what]) => what.startsWith('board units'))) {
      const started = performance.now();
      const answer = await fetch(`${base}${path}`);
      say(`${path}: computed in ${Math.round(performance.now() - started)} ms (${answer.status}), then served from the answer kept`);
    }
    for (const connections of [CONNECTIONS, 2]) {
      for (const [what, path] of boardUrls) results.push(await load(what, { url: `${base}${path}`, connections }, 'p99 ≤ 50 ms'));
    }

    // Open311: the fixture's requests are of 2021–2024, so the window is 90 days of 2024, not the default (the last 90 days)
    const oneId = (() => {
      const store = openStore(storePath);
      try {
        return (store.sqlite.prepare("select id from requests where created_at >= ? order by created_at limit 1").get(Date.parse('2024-06-01T00:00:00+08:00')) as { id: string }).id;
      } finally {
        store.close();
      }
    })();
    const window = `start_date=${encodeURIComponent('2024-06-01T00:00:00+08:00')}&end_date=${encodeURIComponent('2024-08-29T00:00:00+08:00')}`;
    const open311Urls: [string, string][] = [
      ['open311 requests.json, 90 days of 2024 (200: the default page)', `/open311/v2/requests.json?${window}`],
      ['open311 requests.xml, 90 days of 2024 (200: the default page)', `/open311/v2/requests.xml?${window}`],
      ['open311 requests.json?page_size=1000', `/open311/v2/requests.json?${window}&page_size=1000`],
      ['open311 requests.json?status=open', `/open311/v2/requests.json?${window}&status=open`],
      ['open311 requests.json?service_code=water_resources.individual', `/open311/v2/requests.json?${window}&service_code=water_resources.individual`],
      ['open311 requests/{id}.json', `/open311/v2/requests/${encodeURIComponent(oneId)}.json`],
    ];
    for (const connections of [CONNECTIONS, 2]) {
      for (const [what, path] of open311Urls) results.push(await load(what, { url: `${base}${path}`, connections }, 'p99 ≤ 50 ms'));
    }

    console.log('\n== API results ==');
    console.log(`node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}; engine, workers and API each in its own process (npm start)`);
    for (const r of results) console.log(`${r.phase.padEnd(80)} ${String(r.requestsPerSecond).padStart(6)}/s  p50 ${String(r.p50Ms).padStart(4)} ms  p99 ${String(r.p99Ms).padStart(4)} ms  ${r.target ?? ''}`);
    mkdirSync(join(root, '.bench'), { recursive: true });
    const file = join(root, '.bench', `api-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), args, results }, null, 2));
    say(`written to ${file}`);
  } finally {
    stop();
    await new Promise((r) => setTimeout(r, 3000));
    rmSync(dir, { recursive: true, force: true }); // a --store given is outside it and kept
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`bench:api: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
