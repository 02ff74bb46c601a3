// `npm run test:camunda [-- vitest arguments]`: the engine conformance suites (gRPC and REST) and
// the scenario tests against a running Camunda 8 instead of the embedded engine, one test file at
// a time (the clock is cluster-wide). Refuses to start without the cluster's addresses:
//
//   ZEEBE_GRPC_ADDRESS     the Zeebe gateway, e.g. grpc://localhost:26500
//   CAMUNDA_REST_ADDRESS   the REST API v2, e.g. http://localhost:8080/v2 (or ZEEBE_REST_ADDRESS=http://localhost:8080)
//   SUQIU_TEST_CLUSTER_WAIT_MS   how long to wait for the cluster to answer first (default 180000)
//
// The cluster's API must be open (as in docker/compose.yaml) and its clock controllable
// (ZEEBE_CLOCK_CONTROLLED=true: docker/compose.test.yaml). Start one with
//   docker compose -f docker/compose.yaml -f docker/compose.test.yaml up -d
//
// Nothing is skipped silently: a test that needs what only the embedded engine has (its inspection
// hooks) or what the embedded engine lacks says so when it is skipped, and the list of tests not
// run is printed at the end. Arguments are passed to vitest; paths among them replace the three
// default folders (e.g. `npm run test:camunda -- test/scenarios`).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const SUITES = ['test/conformance', 'test/conformance-rest', 'test/scenarios'];

const USAGE = `npm run test:camunda needs a running Camunda 8:
  ZEEBE_GRPC_ADDRESS=grpc://localhost:26500 CAMUNDA_REST_ADDRESS=http://localhost:8080/v2 npm run test:camunda
(start one with: docker compose -f docker/compose.yaml -f docker/compose.test.yaml up -d; see docker/README.md)`;

const say = (line: string): void => console.log(`test:camunda: ${line}`);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function waitMs(): number {
  const raw = process.env.SUQIU_TEST_CLUSTER_WAIT_MS;
  const value = raw === undefined || raw.trim() === '' ? 180_000 : Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`SUQIU_TEST_CLUSTER_WAIT_MS must be a whole number of milliseconds, got "${raw}"`);
  return value;
}

/** Waits until `GET /v2/topology` answers 200; returns what it says. */
async function topology(rest: string): Promise<{ gatewayVersion?: string; brokers?: unknown[] }> {
  const deadline = Date.now() + waitMs();
  let last: string;
  for (;;) {
    try {
      const res = await fetch(`${rest}/v2/topology`, { signal: AbortSignal.timeout(5000) });
      if (res.ok) return (await res.json()) as { gatewayVersion?: string; brokers?: unknown[] };
      last = `answered ${res.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() >= deadline) throw new Error(`no Camunda answers at ${rest}/v2/topology (${last})`);
    await sleep(2000);
  }
}

interface Report {
  testResults: { name: string; assertionResults: { fullName: string; status: string }[] }[];
}

async function main(): Promise<number> {
  const grpc = process.env.ZEEBE_GRPC_ADDRESS?.trim();
  const restGiven = process.env.CAMUNDA_REST_ADDRESS?.trim() || process.env.ZEEBE_REST_ADDRESS?.trim();
  if (!grpc || !restGiven) {
    console.error(USAGE);
    return 2;
  }
  const rest = restGiven.replace(/\/+$/, '').replace(/\/v2$/, '');

  say(`waiting for Camunda at ${rest}`);
  const info = await topology(rest);
  say(`Camunda ${info.gatewayVersion ?? '(version not given)'}, ${info.brokers?.length ?? '?'} broker(s); gRPC at ${grpc}`);
  const reset = await fetch(`${rest}/v2/clock/reset`, { method: 'POST', signal: AbortSignal.timeout(10_000) }).catch((error: unknown) => error as Error);
  if (reset instanceof Error || !reset.ok) {
    const why = reset instanceof Error ? reset.message : `answered ${reset.status}`;
    console.warn(`test:camunda: WARNING the cluster refused clock control (POST /v2/clock/reset ${why}): the tests that pin the clock will fail. Start Camunda with docker/compose.test.yaml (ZEEBE_CLOCK_CONTROLLED=true).`);
  }

  const args = process.argv.slice(2);
  const paths = args.filter((a) => !a.startsWith('-'));
  const options = args.filter((a) => a.startsWith('-'));
  const reportDir = mkdtempSync(join(tmpdir(), 'suqiu-test-camunda-'));
  const reportFile = join(reportDir, 'report.json');
  const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
  const argv = [
    vitest, 'run', ...(paths.length > 0 ? paths : SUITES),
    '--no-file-parallelism', '--testTimeout=120000', '--hookTimeout=180000',
    '--reporter=default', '--reporter=json', `--outputFile.json=${reportFile}`,
    ...options,
  ];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ZEEBE_GRPC_ADDRESS: grpc,
    ZEEBE_REST_ADDRESS: rest,
    CAMUNDA_REST_ADDRESS: `${rest}/v2`,
    CAMUNDA_AUTH_STRATEGY: 'NONE',
  };
  say(`vitest ${argv.slice(1).join(' ')}`);
  const child = spawn(process.execPath, argv, { cwd: root, env, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  const code = await new Promise<number>((resolve) => child.once('close', (c, signal) => resolve(c ?? (signal === null ? 1 : 1))));

  try {
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as Report;
    const notRun = report.testResults.flatMap((file) => file.assertionResults
      .filter((t) => t.status !== 'passed' && t.status !== 'failed')
      .map((t) => `  ${t.status}: ${file.name.replace(root, '')} > ${t.fullName}`));
    if (notRun.length > 0) {
      console.log(`\ntest:camunda: ${notRun.length} test(s) not run on this cluster (each printed its reason above):`);
      for (const line of notRun) console.log(line);
    } else {
      say('every test ran');
    }
  } catch {
    say('no test report was written');
  } finally {
    rmSync(reportDir, { recursive: true, force: true });
  }
  return code;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`test:camunda: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
