// One replay: a fresh store with the demo organisation (its staff log in with the demo password),
// the engine, the workers and the API as child processes, the workload day by day through the API,
// then the figures from the store.
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deployWorkflows } from '../scripts/deploy-workflows.js';
import { openStore } from '../store/db.js';
import { childrenOf, unitsOfKind } from '../store/org-units.js';
import { hashPassword } from '../store/passwords.js';
import { DEMO_PASSWORD, seedDemo } from '../store/seed/demo.js';
import { awaitedFollowUpRound } from '../store/intake.js';
import { setSimulatedTime } from '../store/simulated-clock.js';
import { ApiClient, Sessions } from './api.js';
import { ReplayClock, ReplayDriver } from './driver.js';
import { checkAgainstPlans, comparison, measure, type Measured, type Mismatch, type Row } from './figures.js';
import { Directory } from './people.js';
import { startApiChild, startEngineChild, startWorkersChild, workersQuiet, type ApiChild, type WorkersChild } from './processes.js';
import { progressBar } from './progress.js';
import { Rest } from './rest.js';
import { generateWorkload, type Place, type RequestPlan } from './workload.js';

const WORKFLOWS_DIR = fileURLToPath(new URL('../workflows/', import.meta.url));
/** a file in the data folder that marks it as the replay's own (so a rerun may wipe it) */
const MARKER = '.suqiu-replay';
/** scrypt's cost for the demo staff's password hash in a replay's store (see `replay`) */
const REPLAY_SCRYPT_COST = 1024;

export interface ReplayOptions {
  scale: number;
  seed: number;
  dataDir: string;
  /** kill -9 the workers this many times during the run (restarting them each time) */
  killWorkers: number;
  /** stop after this day (`YYYY-MM-DD`): a shorter run for quick checks; the study's figures then do not apply */
  until?: string;
  log: (line: string) => void;
  progress: boolean;
}

export interface ReplayResult {
  requests: number;
  days: number;
  seconds: number;
  measured: Measured;
  rows: Row[];
  mismatches: Mismatch[];
  tasksCompleted: number;
  /** the citizens' answers to the follow-up, through the public door */
  answersGiven: number;
  /** staff logins (a session ends a week after its login, in simulated time) */
  logins: number;
  clockNudges: number;
  /** reads of the task list by the simulated staff */
  scans: number;
  workerKills: number;
}

function freshDataDir(dir: string): void {
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    if (!existsSync(join(dir, MARKER))) throw new Error(`${dir} is not empty and not a replay's folder; choose another --data-dir`);
    rmSync(dir, { recursive: true, force: true });
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, MARKER), 'this folder holds a replay of the study (npm run replay); the next replay wipes it\n');
}

export async function replay(options: ReplayOptions): Promise<ReplayResult> {
  const started = Date.now();
  freshDataDir(options.dataDir);
  const storePath = join(options.dataDir, 'suqiu.db');
  const store = openStore(storePath);
  // the demo staff share the published password; their stored hash is at a lower scrypt cost
  // (2^10, about 1 ms instead of 60) because the staff log in again each simulated week, some
  // 7,800 logins at a tenth of the study: each still goes through POST /api/session and its check
  seedDemo(store.db, { passwordHash: hashPassword(DEMO_PASSWORD, undefined, REPLAY_SCRYPT_COST) });
  const places: Place[] = unitsOfKind(store.db, 'township', 'street').flatMap((t) => childrenOf(store.db, t.id).map((v) => ({ townshipId: t.id, villageId: v.id })));
  const departments = unitsOfKind(store.db, 'department').map((d) => d.id);
  const workload = generateWorkload({ scale: options.scale, seed: options.seed, places, departments });
  const days = options.until === undefined ? workload.days : workload.days.filter((d) => d <= options.until!);
  if (days.length === 0) throw new Error(`--until ${options.until} is before the first day ${workload.days[0]}`);
  const plans = workload.plans.filter((p) => p.day <= days[days.length - 1]!);
  options.log(`replay: ${plans.length.toLocaleString('en-US')} requests over ${days.length} days (${days[0]} to ${days[days.length - 1]}), scale ${options.scale}, seed ${options.seed}; data in ${options.dataDir}`);

  const emptyDir = join(options.dataDir, 'no-workflows');
  mkdirSync(emptyDir, { recursive: true });
  const engine = await startEngineChild(join(options.dataDir, 'engine'), emptyDir);
  let workers: WorkersChild | undefined;
  let api: ApiChild | undefined;
  let workerKills = 0;
  try {
    const rest = new Rest(engine.restAddress);
    const byDay = new Map<string, RequestPlan[]>();
    for (const plan of plans) byDay.set(plan.day, [...(byDay.get(plan.day) ?? []), plan]);
    // kill on days with new requests, evenly spread over the run
    const busyDays = days.filter((d) => byDay.has(d));
    const killAt = new Set(Array.from({ length: options.killWorkers }, (_, k) => busyDays[Math.floor(((k + 1) * busyDays.length) / (options.killWorkers + 1))]));
    const clock = new ReplayClock(rest, (at) => setSimulatedTime(store.db, at));
    // the clock first, then the workflows: the weekly supervision's timer counts from the deployment;
    // the API records the simulated time, so it starts once there is one
    await clock.pin(ReplayClock.workdayStart(days[0]!));
    await deployWorkflows({ env: { ZEEBE_GRPC_ADDRESS: engine.grpcAddress, SUQIU_WORKFLOWS_DIR: WORKFLOWS_DIR } });
    workers = await startWorkersChild(engine.grpcAddress, storePath);
    api = await startApiChild(engine, storePath, join(options.dataDir, 'attachments'));
    const client = new ApiClient(api.baseUrl);
    const driver = new ReplayDriver(clock, { api: client, sessions: new Sessions(client, () => clock.now), people: new Directory(store.db) }, {
      // the citizen hears of the follow-up (an SMS, a call or a visit); the store says whether it was asked
      followUpAwaited: (requestId) => awaitedFollowUpRound(store.db, requestId) !== undefined,
      log: options.log,
      onArrivals: async (day) => {
        if (!killAt.has(day) || workers === undefined) return;
        // kill -9 while the workers hold the new requests' first jobs: the engine hands them out
        // again after their time-out, and the handlers must neither lose nor repeat a write
        await new Promise((r) => setTimeout(r, 50));
        await workers.stop('SIGKILL');
        workerKills += 1;
        workers = await startWorkersChild(engine.grpcAddress, storePath);
        options.log(`replay: workers killed (kill -9) and restarted on ${day}`);
      },
    });

    const bar = options.progress ? progressBar(days.length) : undefined;
    for (const [i, day] of days.entries()) {
      await driver.runDay(day, byDay.get(day) ?? [], i);
      const s = driver.stats;
      bar?.update(i + 1, `${day} · ${s.created.toLocaleString('en-US')} requests · ${s.tasksCompleted.toLocaleString('en-US')} tasks done · ${s.openTasks} open`);
    }
    await driver.finish();
    bar?.end();
    // the workers finish the jobs the last completions started (archive, board) before measuring
    if (workers !== undefined) await workersQuiet(workers);
    await workers?.stop('SIGTERM');
    workers = undefined;
    await api.child.stop('SIGTERM');
    api = undefined;

    const measured = measure(store.db);
    return {
      requests: plans.length,
      days: days.length,
      seconds: (Date.now() - started) / 1000,
      measured,
      rows: comparison(measured, options.scale),
      mismatches: checkAgainstPlans(store.db, plans, (planId) => driver.takenIn.get(planId)?.requestId),
      tasksCompleted: driver.stats.tasksCompleted,
      answersGiven: driver.stats.answersGiven,
      logins: driver.logins,
      clockNudges: driver.stats.clockNudges,
      scans: driver.stats.scans,
      workerKills,
    };
  } finally {
    await api?.child.stop('SIGKILL');
    await workers?.stop('SIGKILL');
    await engine.child.stop('SIGTERM');
    store.close();
  }
}
