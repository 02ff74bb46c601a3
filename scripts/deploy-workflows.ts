// `npm run deploy:workflows`: deploys every `*.bpmn` of the workflows folder to the engine the
// environment names, in one atomic DeployResource call over gRPC through `@camunda8/sdk`, so the
// same step serves the embedded engine (which also deploys the folder itself when it starts) and a
// real Camunda 8 (the one-shot `deploy` service of docker/compose.yaml). Deploying files that did
// not change creates no new version. Exits non-zero when nothing could be deployed.
//
//   ZEEBE_GRPC_ADDRESS      the Zeebe gateway, grpc:// or grpcs://    (default grpc://localhost:26500)
//   CAMUNDA_AUTH_STRATEGY   NONE, OAUTH, BASIC, ... (the SDK reads the rest of its variables itself) (default NONE)
//   SUQIU_WORKFLOWS_DIR     folder whose *.bpmn files are deployed    (default workflows)
//   SUQIU_DEPLOY_WAIT_MS    how long to wait for the gateway to answer (default 120000)
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Camunda8 } from '@camunda8/sdk';

export interface DeployedProcess {
  bpmnProcessId: string;
  version: number;
  processDefinitionKey: string;
  resourceName: string;
}

export interface DeployOptions {
  /** where the settings come from (default process.env) */
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
}

/** gRPC status codes worth waiting out: the gateway is starting or busy */
const TRANSIENT_CODES = new Set([4 /* DEADLINE_EXCEEDED */, 8 /* RESOURCE_EXHAUSTED */, 14 /* UNAVAILABLE */]);

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isTransient(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'number' && TRANSIENT_CODES.has(code);
}

function waitMsOf(env: NodeJS.ProcessEnv): number {
  const raw = env.SUQIU_DEPLOY_WAIT_MS;
  if (raw === undefined || raw.trim() === '') return 120_000;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`SUQIU_DEPLOY_WAIT_MS must be a whole number of milliseconds, got "${raw}"`);
  return value;
}

/** The `*.bpmn` files of a folder, sorted by name; fails when there is none. */
export async function workflowFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile() && entry.name.toLowerCase().endsWith('.bpmn'))
    .map((entry) => entry.name)
    .sort();
  if (files.length === 0) throw new Error(`no *.bpmn file in ${dir}`);
  return files;
}

/** Deploys the workflows folder; resolves with what the engine deployed (one entry per process). */
export async function deployWorkflows(options: DeployOptions = {}): Promise<DeployedProcess[]> {
  const env = options.env ?? process.env;
  const log = options.log ?? (() => {});
  const dir = resolve(env.SUQIU_WORKFLOWS_DIR || 'workflows');
  const address = env.ZEEBE_GRPC_ADDRESS || 'grpc://localhost:26500';
  const waitMs = waitMsOf(env);
  const files = await workflowFiles(dir);
  const resources = await Promise.all(files.map(async (name) => ({ name, process: await readFile(join(dir, name)) })));

  const c8 = new Camunda8({
    ZEEBE_GRPC_ADDRESS: address,
    CAMUNDA_AUTH_STRATEGY: env.CAMUNDA_AUTH_STRATEGY || 'NONE',
    CAMUNDA_LOG_LEVEL: env.CAMUNDA_LOG_LEVEL || 'error',
    zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: 'NONE', ZEEBE_GRPC_CLIENT_EAGER_CONNECT: false, ZEEBE_GRPC_CLIENT_RETRY: false },
  } as ConstructorParameters<typeof Camunda8>[0]);
  const zbc = c8.getZeebeGrpcApiClient();
  try {
    const deadline = Date.now() + waitMs;
    let waiting = false;
    for (;;) {
      try {
        const answer = await zbc.deployResources(resources);
        const deployed = answer.deployments
          .map((d) => (d as { process?: DeployedProcess }).process)
          .filter((p): p is DeployedProcess => p !== undefined)
          .map((p) => ({ bpmnProcessId: p.bpmnProcessId, version: Number(p.version), processDefinitionKey: String(p.processDefinitionKey), resourceName: p.resourceName }));
        for (const p of deployed) log(`${p.resourceName}: ${p.bpmnProcessId} version ${p.version} (key ${p.processDefinitionKey})`);
        return deployed;
      } catch (error) {
        if (!isTransient(error) || Date.now() >= deadline) throw error;
        if (!waiting) log(`waiting for the gateway at ${address} (${messageOf(error)})`);
        waiting = true;
        await sleep(1000);
      }
    }
  } finally {
    await zbc.close(2000).catch(() => undefined);
  }
}

async function main(): Promise<void> {
  const say = (line: string): void => console.log(`deploy: ${line}`);
  say(`deploying ${resolve(process.env.SUQIU_WORKFLOWS_DIR || 'workflows')} to ${process.env.ZEEBE_GRPC_ADDRESS || 'grpc://localhost:26500'}`);
  const deployed = await deployWorkflows({ log: say });
  say(`done: ${deployed.length} process(es)`);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(`deploy: failed: ${messageOf(error)}`);
    process.exit(1);
  });
}
