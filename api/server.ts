// `npm run api`: the API on SUQIU_API_PORT (default 3000), the only door open to people. Settings
// from the environment (api/config.ts). Prints `api: listening on <host>:<port>` and `api: ready`;
// stops cleanly on SIGINT/SIGTERM (requests in flight finish, then the store and the engine
// clients close).
import { apiConfigFromEnv } from './config.js';
import { buildApp } from './app.js';

const say = (line: string): void => console.log(`api: ${line}`);
const complain = (line: string): void => console.error(`api: ${line}`);

async function main(): Promise<void> {
  const config = apiConfigFromEnv();
  const app = await buildApp({ config, logger: { level: process.env.SUQIU_API_LOG_LEVEL?.trim() || 'warn' } });
  const address = await app.listen({ port: config.port, host: config.host });
  const port = new URL(address).port;
  say(`listening on ${config.host}:${port} (OpenAPI at /docs)`);
  say(`store at ${config.storePath}; engine at ${config.camunda.ZEEBE_GRPC_ADDRESS ?? 'the default gateway'}`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      complain(`${signal} again; exiting without waiting`);
      process.exit(1);
    }
    stopping = true;
    say(`${signal} received, stopping`);
    const force = setTimeout(() => {
      complain('did not stop in time; exiting');
      process.exit(1);
    }, 15_000);
    force.unref();
    app.close().then(
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
