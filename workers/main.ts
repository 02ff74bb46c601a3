// Composition root of the job workers (`npm run workers`): settings from the environment
// (workers/runtime/config.ts), the store at SUQIU_STORE_PATH, one job worker per job type of the
// registry, health and metrics on SUQIU_WORKERS_PORT; stops cleanly on SIGTERM/SIGINT (jobs in
// flight finish first, within SUQIU_WORKERS_SHUTDOWN_GRACE_MS) and exits 0.
import { configFromEnv } from './runtime/config.js';
import { startWorkers } from './runtime/runner.js';

const say = (line: string): void => console.log(`workers: ${line}`);
const complain = (line: string): void => console.error(`workers: ${line}`);

async function main(): Promise<void> {
  const config = configFromEnv();
  say(`store at ${config.storePath}`);
  const workers = await startWorkers({ config, log: say });

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      complain(`${signal} again; exiting without waiting`);
      process.exit(1);
    }
    stopping = true;
    say(`${signal} received, stopping (${workers.metrics.inFlight} job(s) in flight)`);
    // the stop itself is bounded by the grace period; this is the last resort
    const force = setTimeout(() => {
      complain('did not stop in time; exiting');
      process.exit(1);
    }, config.shutdownGraceMs + 5000);
    force.unref();
    workers.stop().then(
      () => {
        say('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        complain(`error while stopping: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  say('ready');
}

main().catch((error: unknown) => {
  complain(`failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
