// The job workers as a service: one @camunda8/sdk job worker per job type, each job handed to its
// handler with the store, a clock and the notifier; health and metrics over HTTP; a clean stop.
//
// Outcomes: outputs → `job.complete(outputs)`; `BpmnError` → `job.error(code, message)` (for an
// error boundary event in the diagram); `IncidentError` → `job.fail` with 0 retries (an incident at
// once: retrying cannot help); any other error → `job.fail` with `retries - 1` and a back-off that
// doubles with each failure (`retryBackoffMs`, 2×, 4×, ...; at most 5 minutes).
//
// Stopping: health answers 503, no job is taken any more, jobs in flight finish (waited for up to
// `shutdownGraceMs`), then the clients, the HTTP server and (if it opened it) the store are closed.
import { performance } from 'node:perf_hooks';
import { Camunda8 } from '@camunda8/sdk';
import type { ICustomHeaders, IInputVariables, IOutputVariables, JSONDoc, ZeebeJob } from '@camunda8/sdk/dist/zeebe/lib/interfaces-1.0.js';
import { openStore, type Store } from '../../store/db.js';
import { simulatedClockOf } from '../../store/simulated-clock.js';
import { startOutbox } from '../delivery/outbox.js';
import { handlers as registry } from '../registry.js';
import { BpmnError, IncidentError, type Deps, type Handler, type JobInput, type Outputs } from '../shared/job.js';
import { outboxNotifier, type Notifier } from '../shared/notifier.js';
import type { WorkersConfig } from './config.js';
import { startHttpServer, type HttpServer, type ServiceState } from './http.js';
import { Metrics } from './metrics.js';

const MAX_BACKOFF_MS = 5 * 60_000;

export interface WorkersOptions {
  config: WorkersConfig;
  /** an open store; when omitted the runner opens `config.storePath` and closes it on stop */
  store?: Store;
  /** job type → handler (default: the registry) */
  handlers?: Readonly<Record<string, Handler>>;
  /** overrides `config.clock` (tests) */
  clock?: () => Date;
  notifier?: Notifier;
  log?: (line: string) => void;
}

export interface RunningWorkers {
  /** the health/metrics port */
  port: number;
  types: string[];
  metrics: Metrics;
  state(): ServiceState;
  /** stops taking jobs, waits for jobs in flight (bounded), closes everything; safe to call twice */
  stop(): Promise<void>;
}

// the SDK's job type (its interfaces module is not re-exported from the package root)
type SdkJob = Readonly<ZeebeJob<IInputVariables, ICustomHeaders, IOutputVariables>>;

export function backoffMs(base: number, retriesLeft: number, initialRetries = 3): number {
  const failuresSoFar = Math.max(0, initialRetries - retriesLeft);
  return Math.min(MAX_BACKOFF_MS, base * 2 ** failuresSoFar);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function inputOf(job: SdkJob): JobInput {
  return {
    key: String(job.key),
    type: job.type,
    processInstanceKey: String(job.processInstanceKey),
    elementInstanceKey: String(job.elementInstanceKey),
    elementId: job.elementId,
    bpmnProcessId: job.bpmnProcessId,
    retries: job.retries,
    variables: job.variables as Record<string, unknown>,
  };
}

export async function startWorkers(options: WorkersOptions): Promise<RunningWorkers> {
  const { config } = options;
  const log = options.log ?? ((line: string) => console.log(`workers: ${line}`));
  const all = options.handlers ?? registry;
  const types = config.types ?? Object.keys(all);
  const unknown = types.filter((t) => all[t] === undefined);
  if (unknown.length > 0) throw new Error(`no handler for job type(s) ${unknown.join(', ')}`);

  const metrics = new Metrics(types);
  let state: ServiceState = 'STARTING';
  const http: HttpServer = await startHttpServer({ state: () => state, workers: () => types, metrics }, config.host, config.port);

  const ownStore = options.store === undefined;
  let store: Store;
  try {
    store = options.store ?? openStore(config.storePath);
  } catch (error) {
    await http.close();
    throw error;
  }
  const clock = options.clock ?? (config.clock === 'simulated' ? simulatedClockOf(store.db) : () => new Date());
  const deps: Deps = { db: store.db, clock, notifier: options.notifier ?? outboxNotifier };

  const c8 = new Camunda8({
    ...config.camunda,
    zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: 'ERROR', ZEEBE_GRPC_CLIENT_EAGER_CONNECT: false },
  } as ConstructorParameters<typeof Camunda8>[0]);
  const zbc = c8.getZeebeGrpcApiClient();

  const run = async (type: string, handler: Handler, job: SdkJob) => {
    metrics.inFlight += 1;
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    try {
      let outputs: Outputs;
      try {
        outputs = await handler(inputOf(job), deps);
      } catch (error) {
        metrics.jobFailed(type, seconds());
        if (error instanceof BpmnError) {
          log(`${type} job ${job.key}: BPMN error ${error.code}: ${error.message}`);
          return await job.error({ errorCode: error.code, errorMessage: error.message, variables: error.variables as JSONDoc });
        }
        const retries = error instanceof IncidentError ? 0 : Math.max(0, job.retries - 1);
        log(`${type} job ${job.key} failed (${retries} retries left): ${messageOf(error)}`);
        return await job.fail({
          errorMessage: messageOf(error),
          retries,
          retryBackOff: retries > 0 ? backoffMs(config.retryBackoffMs, job.retries) : 0,
        });
      }
      metrics.jobHandled(type, seconds());
      return await job.complete(outputs as IOutputVariables);
    } finally {
      metrics.inFlight -= 1;
    }
  };

  const workers = types.map((type) => {
    const handler = all[type]!;
    return zbc.createWorker({
      taskType: type,
      taskHandler: (job) => run(type, handler, job),
      maxJobsToActivate: config.concurrency,
      timeout: config.jobTimeoutMs,
      // a long poll ends when it hands out jobs; the next one starts at the next tick of this interval
      pollInterval: config.pollIntervalMs,
      longPoll: 30_000,
      failProcessOnException: false,
      onConnectionError: () => log(`${type}: cannot reach the Zeebe gateway; retrying`),
    });
  });

  // The outbox deliverer (workers/delivery/): sends what the handlers queued, through the channels
  // the settings configure (the log by default), with retries; phone and ID numbers are masked in
  // every log line.
  const outbox = startOutbox({ settings: config.delivery, intervalMs: config.outboxIntervalMs, db: store.db, clock, log });

  state = 'UP';
  log(`taking jobs of ${types.length} type(s) from ${config.camunda.ZEEBE_GRPC_ADDRESS ?? 'the default gateway'}; health and metrics on port ${http.port}`);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      state = 'STOPPING';
      // no delivery attempt starts any more; those in flight end within their time limit
      const outboxStopped = outbox?.stop();
      const drained = Promise.all(workers.map((w) => w.close().catch(() => null))).then(() => true);
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), config.shutdownGraceMs);
      });
      const finished = await Promise.race([drained, timedOut]);
      clearTimeout(timer);
      if (!finished) log(`${metrics.inFlight} job(s) still in flight after ${config.shutdownGraceMs} ms; stopping anyway (the engine hands them out again)`);
      await zbc.close(1000).catch(() => null);
      await outboxStopped;
      await http.close();
      if (ownStore) store.close();
      state = 'STOPPED';
    })();
    return stopping;
  };

  return { port: http.port, types, metrics, state: () => state, stop };
}
