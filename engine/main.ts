// Composition root of the embedded engine (`npm start`).
// Reads its settings from the environment only, starts the engine, deploys the workflows
// folder, and stops cleanly on SIGINT/SIGTERM.
//
//   SUQIU_DATA_DIR       folder for the engine's state      (default data/engine)
//   SUQIU_GRPC_PORT      Zeebe gateway gRPC port, 0 = free  (default 26500)
//   SUQIU_REST_PORT      Camunda REST API v2 port, 0 = free (default 8080; a free one when SUQIU_GRPC_PORT=0)
//   SUQIU_WORKFLOWS_DIR  *.bpmn deployed at start           (default workflows)
//   SUQIU_BIND_HOST      address both ports listen on       (default 127.0.0.1: the engine has no
//                        authentication, so only this machine may reach it; 0.0.0.0 opens it on purpose)

import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { startEngine, type RunningEngine } from './server.js';

const LISTEN_HOST = process.env.SUQIU_BIND_HOST?.trim() || '127.0.0.1';
const STOP_GRACE_MS = 10_000;

function say(line: string): void {
  console.log(`engine: ${line}`);
}

function complain(line: string): void {
  console.error(`engine: ${line}`);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function readPort(name: string, fallback: number): number;
function readPort(name: string, fallback: undefined): number | undefined;
function readPort(name: string, fallback: number | undefined): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`${name} must be a port number (0-65535), got "${raw}"`);
  }
  return port;
}

function portOf(address: string): string {
  try {
    return new URL(address).port;
  } catch {
    return address;
  }
}

/** Lists the `*.bpmn` files of a folder, sorted; `undefined` when the folder does not exist. */
async function listWorkflows(dir: string): Promise<string[] | undefined> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries
      .filter((entry) => entry.isFile() && entry.name.toLowerCase().endsWith('.bpmn'))
      .map((entry) => entry.name)
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Deploys every workflow on its own, so one bad file does not keep the others out. */
async function deployWorkflows(engine: RunningEngine, dir: string): Promise<void> {
  let files: string[] | undefined;
  try {
    files = await listWorkflows(dir);
  } catch (error) {
    complain(`cannot read workflows folder ${dir}: ${messageOf(error)}; nothing deployed`);
    return;
  }
  if (files === undefined) {
    say(`no workflows folder at ${dir}; nothing deployed`);
    return;
  }
  if (files.length === 0) {
    say(`no *.bpmn files in ${dir}; nothing deployed`);
    return;
  }
  let deployed = 0;
  for (const file of files) {
    try {
      const xml = await readFile(join(dir, file), 'utf8');
      await engine.deploy(file, xml);
      deployed += 1;
      say(`deployed ${file}`);
    } catch (error) {
      complain(`could not deploy ${file}: ${messageOf(error)}`);
    }
  }
  say(`deployed ${deployed} of ${files.length} workflow(s) from ${dir}`);
}

async function main(): Promise<void> {
  const dataDir = resolve(process.env.SUQIU_DATA_DIR || join('data', 'engine'));
  const workflowsDir = resolve(process.env.SUQIU_WORKFLOWS_DIR || 'workflows');
  const grpcPort = readPort('SUQIU_GRPC_PORT', 26500);
  // unset: the engine's default (8080, or a free port when the gRPC port is 0)
  const restPort = readPort('SUQIU_REST_PORT', undefined);

  say(`state in ${dataDir}`);
  const engine = await startEngine({ dataDir, grpcPort, restPort, host: LISTEN_HOST, log: say });

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      complain(`${signal} again; exiting without waiting`);
      process.exit(1);
    }
    stopping = true;
    say(`${signal} received, stopping`);
    const force = setTimeout(() => {
      complain(`did not stop within ${STOP_GRACE_MS} ms; exiting`);
      process.exit(1);
    }, STOP_GRACE_MS);
    force.unref();
    engine.stop().then(
      () => {
        say('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        complain(`error while stopping: ${messageOf(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  say(`Zeebe gateway (gRPC) listening on ${LISTEN_HOST}:${engine.grpcPort}`);
  say(`Camunda REST API (v2) listening on ${LISTEN_HOST}:${portOf(engine.restAddress)}`);
  await deployWorkflows(engine, workflowsDir);
  if (!stopping) say('ready');
}

main().catch((error: unknown) => {
  complain(`failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
