// npm run replay [-- --scale 0.1] [--seed N] [--data-dir data/replay] [--kill-workers N] [--until YYYY-MM-DD]
//
// Replays the study's four years (2021 to August 2024) through the API, the real workflows and the
// workers at simulated time, then prints what the study reports beside what Suqiu measured in its store.
// See README.md, "Replay of the study's four years".
import { parseArgs } from 'node:util';
import { renderTable } from '../replay/figures.js';
import { replay } from '../replay/run.js';

function usage(problem: string): never {
  console.error(`replay: ${problem}\nusage: npm run replay -- [--scale 0.1] [--seed 2021] [--data-dir data/replay] [--kill-workers 0] [--until YYYY-MM-DD]`);
  process.exit(2);
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        scale: { type: 'string', default: '1' },
        seed: { type: 'string', default: '2021' },
        'data-dir': { type: 'string', default: 'data/replay' },
        'kill-workers': { type: 'string', default: '0' },
        until: { type: 'string' },
      },
      strict: true,
    }));
  } catch (error) {
    usage(error instanceof Error ? error.message : String(error));
  }
  const scale = Number(values.scale);
  if (!(scale > 0 && scale <= 1)) usage(`--scale must be a number above 0 and at most 1, got "${values.scale}"`);
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) usage(`--seed must be a whole number, got "${values.seed}"`);
  const killWorkers = Number(values['kill-workers']);
  if (!Number.isInteger(killWorkers) || killWorkers < 0 || killWorkers > 20) usage(`--kill-workers must be a whole number from 0 to 20, got "${values['kill-workers']}"`);

  const until = values.until;
  if (until !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(until)) usage(`--until must be a date YYYY-MM-DD, got "${until}"`);

  const result = await replay({ scale, seed, dataDir: values['data-dir'], killWorkers, until, log: (line) => console.error(line), progress: true });
  const minutes = Math.floor(result.seconds / 60);
  const seconds = Math.round(result.seconds % 60);
  const n = (x: number) => x.toLocaleString('en-US');
  console.log(
    `\nReplay of the study at scale ${scale} (seed ${seed}): ${n(result.requests)} requests taken in through the API, ${result.days} simulated days, ` +
      `${n(result.tasksCompleted)} user tasks completed through the API by the people they are for (${n(result.logins)} staff logins, ${n(result.scans)} task-list reads), ` +
      `${n(result.answersGiven)} follow-ups answered by the citizens, in ${minutes} min ${seconds} s` +
      `${result.workerKills > 0 ? `; workers killed (kill -9) and restarted ${result.workerKills} time(s)` : ''}.\n`,
  );
  console.log(renderTable(result.rows));
  if (scale < 1) console.log(`\nStudy figures are scaled by ${scale}.`);
  if (until !== undefined) console.log(`Stopped after ${until}: the study's figures cover the whole period and do not apply to this run.`);
  if (result.mismatches.length === 0) {
    console.log(`\nStore checked against the plans: all ${result.requests.toLocaleString('en-US')} requests present once; every finished one ended at its planned level with its planned moves and re-handlings.`);
  } else {
    console.log(`\nStore checked against the plans: ${result.mismatches.length} mismatch(es):`);
    for (const m of result.mismatches.slice(0, 20)) console.log(`  ${m.requestId}: ${m.problem}`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(`replay failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
