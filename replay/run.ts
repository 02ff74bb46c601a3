// One replay: a fresh store with the demo organisation, the engine and the workers as child
// processes, the workload day by day, then the figures from the store.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore } from '../store/db.js';
import { childrenOf, unitsOfKind } from '../store/org-units.js';
import { seedDemo } from '../store/seed/demo.js';
import { setSimulatedTime } from '../store/simulated-clock.js';
import { ReplayDriver } from './driver.js';
import { checkAgainstPlans, comparison, measure, type Measured, type Mismatch, type Row } from './figures.js';
import { startEngineChild, startWorkersChild, type Child } from './processes.js';
import { progressBar } from './progress.js';
import { Rest } from './rest.js';
import { generateWorkload, type Place, type RequestPlan } from './workload.js';

const WORKFLOWS_DIR = fileURLToPath(new URL('../workflows/', import.meta.url));
/** a file in the data folder that marks it as the replay's own (so a rerun may wipe it) */
const MARKER = '.suqiu-replay';

export interface ReplayOptions {
  scale: number;
  seed: number;
  dataDir: string;
  /** kill -9 the workers this many times during the run (restarting them each time) */
  killWorkers: number;
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
  clockNudges: number;
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
  seedDemo(store.db, { requests: false });
  const places: Place[] = unitsOfKind(store.db, 'township', 'street').flatMap((t) => childrenOf(store.db, t.id).map((v) => ({ townshipId: t.id, villageId: v.id })));
  const departments = unitsOfKind(store.db, 'department').map((d) => d.id);
  const { plans, days } = generateWorkload({ scale: options.scale, seed: options.seed, places, departments });
  options.log(`replay: ${plans.length.toLocaleString('en-US')} requests over ${days.length} days (${days[0]} to ${days[days.length - 1]}), scale ${options.scale}, seed ${options.seed}; data in ${options.dataDir}`);

  const emptyDir = join(options.dataDir, 'no-workflows');
  mkdirSync(emptyDir, { recursive: true });
  const engine = await startEngineChild(join(options.dataDir, 'engine'), emptyDir);
  let workers: Child | undefined;
  let workerKills = 0;
  try {
    const rest = new Rest(engine.restAddress);
    const driver = new ReplayDriver(rest, {
      setSimulatedTime: (at) => setSimulatedTime(store.db, at),
      log: options.log,
    });
    // the clock first, then the workflows: the weekly supervision's timer counts from the deployment
    await driver.begin(days[0]!);
    await rest.deploy(readdirSync(WORKFLOWS_DIR).filter((f) => f.endsWith('.bpmn')).sort().map((name) => ({ name, xml: readFileSync(join(WORKFLOWS_DIR, name), 'utf8') })));
    workers = await startWorkersChild(engine.grpcAddress, storePath);

    const byDay = new Map<string, RequestPlan[]>();
    for (const plan of plans) byDay.set(plan.day, [...(byDay.get(plan.day) ?? []), plan]);
    const killAt = new Set(Array.from({ length: options.killWorkers }, (_, k) => Math.floor(((k + 1) * days.length) / (options.killWorkers + 1))));
    const bar = options.progress ? progressBar(days.length) : undefined;
    for (const [i, day] of days.entries()) {
      await driver.runDay(day, byDay.get(day) ?? [], i);
      if (killAt.has(i)) {
        // kill -9 in the middle of the run: whatever the workers held comes back from the engine
        await workers.stop('SIGKILL');
        workerKills += 1;
        workers = await startWorkersChild(engine.grpcAddress, storePath);
        options.log(`replay: workers killed (kill -9) and restarted on ${day}`);
      }
      const s = driver.stats;
      bar?.update(i + 1, `${day} · ${s.created.toLocaleString('en-US')} requests · ${s.tasksCompleted.toLocaleString('en-US')} tasks done · ${s.openTasks} open`);
    }
    await driver.finish();
    bar?.end();
    // the workers finish the jobs the last completions started (archive, board) before measuring
    await workers.stop('SIGTERM');
    workers = undefined;

    const measured = measure(store.db);
    return {
      requests: plans.length,
      days: days.length,
      seconds: (Date.now() - started) / 1000,
      measured,
      rows: comparison(measured, options.scale),
      mismatches: checkAgainstPlans(store.db, plans),
      tasksCompleted: driver.stats.tasksCompleted,
      clockNudges: driver.stats.clockNudges,
      workerKills,
    };
  } finally {
    await workers?.stop('SIGKILL');
    await engine.child.stop('SIGTERM');
    store.close();
  }
}
