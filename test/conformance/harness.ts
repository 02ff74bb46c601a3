// Conformance harness: one Zeebe gateway per test file, reached only through gRPC.
//
// With ZEEBE_GRPC_ADDRESS set (e.g. `grpc://localhost:26500`) the suite runs against that
// gateway (a real Camunda 8.8). Otherwise it starts the embedded engine from
// `engine/server.ts` on a free port with a fresh data folder.
//
// Everything a test observes goes through `@camunda8/sdk`'s Zeebe gRPC client, plus a raw
// grpc-js client on the same proto for the few calls the SDK cannot make (non-object
// variables, processDefinitionKey, explicit deadlines, StreamActivatedJobs without the SDK's
// poll fallback). The only non-gRPC look-ups are the optional `inspect` hooks of the
// embedded engine (incidents, instance state); against an external gateway they answer
// `undefined` and the tests that need them are skipped with a printed reason.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';

import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { Camunda8, Zeebe } from '@camunda8/sdk';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';

export type ZeebeClient = Zeebe.ZeebeGrpcClient;
/** An activated job as the SDK returns it (variables and headers parsed from JSON). */
export interface ActivatedJob {
  readonly key: string;
  readonly type: string;
  readonly processInstanceKey: string;
  readonly bpmnProcessId: string;
  readonly processDefinitionVersion: number;
  readonly processDefinitionKey?: string;
  readonly elementId: string;
  readonly elementInstanceKey: string;
  readonly customHeaders: Record<string, any>;
  readonly worker: string;
  readonly retries: number;
  readonly deadline: string;
  readonly variables: Record<string, any>;
  readonly tenantId: string;
}

const HERE = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/** true when the suite starts the embedded engine itself (no ZEEBE_GRPC_ADDRESS given) */
export const EMBEDDED = !process.env.ZEEBE_GRPC_ADDRESS;

/** Reason printed for tests that need an inspection hook only the embedded engine offers. */
export const NEEDS_INSPECT_REASON =
  'needs an inspection hook (incident keys / instance state), only available on the embedded engine until REST lands';

// ---------------------------------------------------------------------------------------------
// gRPC status codes

export const Code = grpc.status;
export type CodeName = keyof typeof grpc.status;

export interface GrpcError extends Error {
  code: number;
  details?: string;
}

/**
 * Awaits `promise`, expects it to reject with a gRPC error of `code`, and returns the error.
 * `messageIncludes` entries must all appear (case-sensitive) in `details ?? message`.
 */
export async function expectGrpcError(
  promise: Promise<unknown>,
  code: CodeName,
  messageIncludes: string[] = [],
): Promise<GrpcError> {
  let error: unknown;
  try {
    const value = await promise;
    error = undefined;
    throw new Error(`expected gRPC ${code}, but the call succeeded with ${safeJson(value)}`);
  } catch (e) {
    error = e;
  }
  const err = error as GrpcError;
  if (typeof err?.code !== 'number') throw err;
  const text = `${err.details ?? ''} ${err.message ?? ''}`;
  expect(
    { code: grpc.status[err.code] ?? err.code, text },
    `gRPC error (${err.code}) ${text}`,
  ).toMatchObject({ code });
  for (const part of messageIncludes) expect(text).toContain(part);
  return err;
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v)?.slice(0, 300) ?? String(v);
  } catch {
    return String(v);
  }
}

// ---------------------------------------------------------------------------------------------
// polling

export interface WaitOptions {
  timeoutMs?: number;
  intervalMs?: number;
  description?: string;
}

/** Polls `probe` until it returns something other than undefined/false; bounded by timeoutMs. */
export async function waitUntil<T>(
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  { timeoutMs = 10_000, intervalMs = 50, description = 'condition' }: WaitOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined && v !== false) return v as T;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() >= deadline) {
      const why = lastError ? ` (last error: ${(lastError as Error).message})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${description}${why}`);
    }
    await sleep(intervalMs);
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Rejects if `promise` does not settle within `ms` (for calls that must answer promptly). */
export function within<T>(ms: number, promise: Promise<T>, what = 'the call'): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  // a late rejection of the abandoned call must not surface as an unhandled error
  promise.catch(() => {});
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// ---------------------------------------------------------------------------------------------
// raw gRPC (same proto as the SDK)

const PROTO_PATH = join(dirname(require.resolve('@camunda8/sdk')), 'proto', 'zeebe.proto');

export class RawGateway {
  private readonly client: grpc.Client & Record<string, any>;

  constructor(hostPort: string, secure: boolean) {
    const definition = protoLoader.loadSync(PROTO_PATH, {
      keepCase: true,
      longs: String,
      enums: String,
      defaults: true,
      oneofs: true,
    });
    const pkg = grpc.loadPackageDefinition(definition).gateway_protocol as any;
    const credentials = secure ? grpc.credentials.createSsl() : grpc.credentials.createInsecure();
    this.client = new pkg.Gateway(hostPort, credentials, {
      'grpc.max_receive_message_length': -1,
      'grpc.max_send_message_length': -1,
    });
  }

  /** A unary call, e.g. `unary('CreateProcessInstance', {...})`; deadline in ms (default 30 s). */
  unary<T = any>(method: string, request: object, deadlineMs = 30_000): Promise<T> {
    const name = method.charAt(0).toLowerCase() + method.slice(1);
    return new Promise<T>((resolve, reject) => {
      this.client[name](
        request,
        new grpc.Metadata(),
        { deadline: Date.now() + deadlineMs },
        (err: grpc.ServiceError | null, res: T) => (err ? reject(err) : resolve(res)),
      );
    });
  }

  /** A server-streaming call (ActivateJobs, StreamActivatedJobs). */
  serverStream(method: string, request: object, deadlineMs?: number): grpc.ClientReadableStream<any> {
    const name = method.charAt(0).toLowerCase() + method.slice(1);
    const options: grpc.CallOptions = deadlineMs ? { deadline: Date.now() + deadlineMs } : {};
    return this.client[name](request, new grpc.Metadata(), options);
  }

  /** ActivateJobs collecting every response of the stream (no client-side parsing). */
  activateJobs(request: object, deadlineMs = 60_000): Promise<any[]> {
    return new Promise((resolve, reject) => {
      const jobs: any[] = [];
      const call = this.serverStream('ActivateJobs', request, deadlineMs);
      call.on('data', (res: any) => jobs.push(...res.jobs));
      call.on('error', reject);
      call.on('end', () => resolve(jobs));
    });
  }

  close(): void {
    this.client.close();
  }
}

// ---------------------------------------------------------------------------------------------
// fixtures: unique process ids and job types per test

let scopeCounter = 0;

/** Rewrites process ids (and calledElement references) and static job types with a suffix. */
export function rewriteFixture(xml: string, suffix: string): string {
  let out = xml.replace(/(<(?:[\w-]+:)?process\b[^>]*?\bid=")([^"]+)(")/g, (_all, a, id, z) => `${a}${id}_${suffix}${z}`);
  out = out.replace(
    /(<zeebe:calledElement\b[^>]*?\bprocessId=")([^"=][^"]*)(")/g,
    (_all, a, id, z) => `${a}${id}_${suffix}${z}`,
  );
  out = out.replace(/(<zeebe:taskDefinition\b[^>]*?\btype=")([^"]+)(")/g, (all, a, type: string, z) =>
    type.startsWith('=') || type.startsWith('io.camunda') ? all : `${a}${type}_${suffix}${z}`,
  );
  // message and signal names are cluster-wide too
  out = out.replace(/(<(?:[\w-]+:)?(?:message|signal)\b[^>]*?\bname=")([^"=][^"]*)(")/g, (_all, a, name, z) => `${a}${name}_${suffix}${z}`);
  return out;
}

export function readFixture(fixture: string): string {
  return readFileSync(isAbsolute(fixture) ? fixture : join(HERE, fixture), 'utf8');
}

export interface ProcessMeta {
  bpmnProcessId: string;
  version: number;
  processDefinitionKey: string;
  resourceName: string;
  tenantId?: string;
}

export interface Incident {
  key: string;
  type: string;
  elementId: string;
  message: string;
  jobKey?: string;
  elementInstanceKey?: string;
  /** 'ACTIVE' or 'RESOLVED'; only active incidents are returned by Harness.incidents */
  state?: string;
}

export type InstanceState = 'ACTIVE' | 'COMPLETED' | 'TERMINATED';

/** Per-test namespace: every process id and job type gets the same unique suffix. */
export class TestScope {
  readonly suffix: string;

  constructor(private readonly h: Harness) {
    this.suffix = `t${Date.now().toString(36)}${(scopeCounter++).toString(36)}${randomBytes(2).toString('hex')}`;
  }

  /** the deployed process id for a fixture's process id */
  id(base: string): string {
    return `${base}_${this.suffix}`;
  }

  /** the deployed job type for a fixture's job type */
  type(base: string): string {
    return `${base}_${this.suffix}`;
  }

  /** the deployed message name for a fixture's message name */
  msg(base: string): string {
    return `${base}_${this.suffix}`;
  }

  /** the deployed signal name for a fixture's signal name */
  signal(base: string): string {
    return `${base}_${this.suffix}`;
  }

  /** The fixture's XML with this scope's process ids, job types, message and signal names. */
  xml(fixture: string): string {
    return rewriteFixture(readFixture(fixture), this.suffix);
  }

  /** Deploys a fixture (path relative to test/conformance) and returns its process metadata. */
  async deploy(fixture: string): Promise<ProcessMeta> {
    const all = await this.deployAll(fixture);
    return all[0]!;
  }

  async deployAll(fixture: string): Promise<ProcessMeta[]> {
    return this.deployXml(basename(fixture), this.xml(fixture));
  }

  /** Deploys raw XML under resourceName. */
  async deployXml(resourceName: string, xml: string): Promise<ProcessMeta[]> {
    const res = await this.h.zbc.deployResource({ name: resourceName, process: Buffer.from(xml) });
    return res.deployments.map((d: any) => d.process).filter(Boolean) as ProcessMeta[];
  }

  create(base: string, variables: Record<string, unknown> = {}, version?: number) {
    return this.h.zbc.createProcessInstance({ bpmnProcessId: this.id(base), variables: variables as any, version });
  }

  /** CreateProcessInstanceWithResult; resolves with the final root variables. */
  createWithResult(
    base: string,
    variables: Record<string, unknown> = {},
    options: { fetchVariables?: string[]; requestTimeout?: number } = {},
  ) {
    return this.h.zbc.createProcessInstanceWithResult({
      bpmnProcessId: this.id(base),
      variables: variables as any,
      fetchVariables: options.fetchVariables,
      requestTimeout: options.requestTimeout ?? 20_000,
    });
  }
}

export interface RunningGateway {
  address: string;
  embedded: boolean;
  engine?: any;
  stop(): Promise<void>;
}

async function startGateway(): Promise<RunningGateway> {
  const external = process.env.ZEEBE_GRPC_ADDRESS;
  if (external) return { address: external, embedded: false, stop: async () => {} };

  const dataDir = mkdtempSync(join(tmpdir(), 'suqiu-conformance-'));
  // Imported lazily so that the suite can run against an external gateway without the engine.
  const server = await import('../../engine/server.js');
  const log = process.env.CONFORMANCE_ENGINE_LOG ? (line: string) => console.log(`[engine] ${line}`) : () => {};
  const engine = await server.startEngine({ dataDir, grpcPort: 0, host: '127.0.0.1', log });
  return {
    address: engine.grpcAddress,
    embedded: true,
    engine,
    stop: async () => {
      try {
        await engine.stop();
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}

function hostPortOf(address: string): { hostPort: string; secure: boolean } {
  const m = /^(grpcs?|https?):\/\/(.+)$/.exec(address);
  if (!m) return { hostPort: address, secure: false };
  return { hostPort: m[2]!.replace(/\/$/, ''), secure: m[1] === 'grpcs' || m[1] === 'https' };
}

export class Harness {
  zbc!: ZeebeClient;
  raw!: RawGateway;
  gateway!: RunningGateway;

  get embedded(): boolean {
    return this.gateway.embedded;
  }

  async start(): Promise<void> {
    this.gateway = await startGateway();
    const { hostPort, secure } = hostPortOf(this.gateway.address);
    // the scheme (grpc:// or grpcs://) decides TLS for the SDK
    const address = /:\/\//.test(this.gateway.address) ? this.gateway.address : `grpc://${hostPort}`;
    const c8 = new Camunda8({
      ZEEBE_GRPC_ADDRESS: address,
      CAMUNDA_AUTH_STRATEGY: 'NONE',
      CAMUNDA_LOG_LEVEL: 'none',
      zeebeGrpcSettings: {
        ZEEBE_CLIENT_LOG_LEVEL: 'NONE',
        // Conformance wants the raw status of every call: no SDK retries on
        // UNAVAILABLE / RESOURCE_EXHAUSTED / DEADLINE_EXCEEDED.
        ZEEBE_GRPC_CLIENT_RETRY: false,
        ZEEBE_GRPC_CLIENT_EAGER_CONNECT: false,
      },
    });
    this.zbc = c8.getZeebeGrpcApiClient();
    this.raw = new RawGateway(hostPort, secure);
  }

  async stop(): Promise<void> {
    try {
      await this.zbc?.close(2_000);
    } catch {
      /* closing is best effort */
    }
    this.raw?.close();
    await this.gateway?.stop();
  }

  scope(): TestScope {
    return new TestScope(this);
  }

  // --- jobs ---------------------------------------------------------------------------------

  /** One ActivateJobs call; requestTimeout -1 (answer at once) unless given. */
  activate(
    type: string,
    options: {
      maxJobsToActivate?: number;
      timeout?: number;
      requestTimeout?: number;
      worker?: string;
      fetchVariable?: string[];
    } = {},
  ): Promise<ActivatedJob[]> {
    return this.zbc.activateJobs({
      type,
      worker: options.worker ?? 'conformance',
      maxJobsToActivate: options.maxJobsToActivate ?? 32,
      timeout: options.timeout ?? 60_000,
      requestTimeout: options.requestTimeout ?? -1,
      fetchVariable: options.fetchVariable,
    } as any) as unknown as Promise<ActivatedJob[]>;
  }

  /**
   * Activates jobs of `type` (polling with requestTimeout -1) until `count` were activated;
   * bounded by timeoutMs. Returns the activated jobs (they are locked for `timeout` ms).
   */
  async waitForJobs(
    type: string,
    options: { count?: number; timeoutMs?: number; timeout?: number; fetchVariable?: string[]; worker?: string } = {},
  ): Promise<ActivatedJob[]> {
    const count = options.count ?? 1;
    const jobs: ActivatedJob[] = [];
    await waitUntil(
      async () => {
        const got = await this.activate(type, {
          maxJobsToActivate: count - jobs.length,
          timeout: options.timeout,
          fetchVariable: options.fetchVariable,
          worker: options.worker,
        });
        jobs.push(...got);
        return jobs.length >= count;
      },
      { timeoutMs: options.timeoutMs ?? 10_000, intervalMs: 50, description: `${count} job(s) of type ${type} (got ${jobs.length})` },
    ).catch((e) => {
      throw new Error(`${(e as Error).message}; activated so far: ${jobs.map((j) => j.elementId).join(', ')}`);
    });
    return jobs;
  }

  async waitForJob(type: string, options: { timeoutMs?: number; timeout?: number; fetchVariable?: string[] } = {}) {
    return (await this.waitForJobs(type, { ...options, count: 1 }))[0]!;
  }

  /** Polls ActivateJobs (requestTimeout -1) for windowMs and fails if any job of `type` shows up. */
  async expectNoJobs(type: string, windowMs = 1_000): Promise<void> {
    const deadline = Date.now() + windowMs;
    do {
      const got = await this.activate(type, { timeout: 60_000 });
      if (got.length > 0) {
        throw new Error(
          `expected no activatable job of type ${type}, got ${got.map((j) => `${j.elementId}#${j.key}`).join(', ')}`,
        );
      }
      await sleep(100);
    } while (Date.now() < deadline);
  }

  complete(job: { key: string }, variables: Record<string, unknown> = {}) {
    return this.zbc.completeJob({ jobKey: job.key, variables: variables as any });
  }

  // --- optional inspection hooks (embedded engine only) ---------------------------------------

  private inspectHook(name: string): ((piKey: string) => unknown) | undefined {
    if (!this.gateway.embedded) return undefined;
    const inspect = this.gateway.engine?.inspect;
    const fn = inspect?.[name];
    if (typeof fn !== 'function') {
      throw new Error(`embedded engine has no inspect.${name}(processInstanceKey) hook yet`);
    }
    return fn.bind(inspect);
  }

  /** Active incidents of a process instance; undefined against an external gateway. */
  async incidents(processInstanceKey: string): Promise<Incident[] | undefined> {
    const fn = this.inspectHook('incidents');
    if (!fn) return undefined;
    const list = (await fn(processInstanceKey)) as Incident[];
    return list
      .filter((i) => i.state === undefined || i.state === 'ACTIVE' || i.state === 'CREATED')
      .map((i) => ({ ...i, key: String(i.key), jobKey: i.jobKey == null ? undefined : String(i.jobKey) }));
  }

  /** Waits until the instance has at least one incident (embedded only) and returns them. */
  async waitForIncidents(processInstanceKey: string, timeoutMs = 10_000): Promise<Incident[]> {
    return waitUntil(
      async () => {
        const list = await this.incidents(processInstanceKey);
        if (list === undefined) throw new Error(NEEDS_INSPECT_REASON);
        return list.length > 0 ? list : undefined;
      },
      { timeoutMs, description: `an incident on process instance ${processInstanceKey}` },
    );
  }

  /** 'ACTIVE' | 'COMPLETED' | 'TERMINATED'; undefined against an external gateway. */
  async instanceState(processInstanceKey: string): Promise<InstanceState | undefined> {
    const fn = this.inspectHook('instanceState');
    if (!fn) return undefined;
    return (await fn(processInstanceKey)) as InstanceState;
  }
}

/**
 * Registers beforeAll/afterAll for one gateway per test file and returns the harness.
 * Also raises vitest's timeouts: gateway calls and bounded waits take seconds, not ms.
 */
export function useHarness(): Harness {
  vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });
  const h = new Harness();
  beforeAll(async () => {
    await h.start();
  });
  afterAll(async () => {
    await h.stop();
  });
  return h;
}

/**
 * An `it` that needs an inspection hook (incident keys, instance state). Against an external
 * gateway it is skipped, and the reason is printed (never skip silently).
 */
export function itNeedsInspect(name: string, fn: () => Promise<void>, timeout?: number): void {
  if (!EMBEDDED) console.warn(`[conformance] skipping "${name}": ${NEEDS_INSPECT_REASON}`);
  it.skipIf(!EMBEDDED)(`${name} [needs inspect hook]`, fn, timeout);
}
