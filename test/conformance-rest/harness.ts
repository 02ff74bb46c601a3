// REST conformance harness: one engine per test file, reached only over HTTP through the
// official Orchestration Cluster (REST v2) client that `@camunda8/sdk` hands out, with its
// strictest response validation (`CAMUNDA_SDK_VALIDATION=fanatical`: a missing, mistyped or
// unknown field in an answer fails the call). Error answers are also checked raw with
// fetch, since the client validates requests before sending them.
//
// With CAMUNDA_REST_ADDRESS set the suite runs against that cluster (a real Camunda 8.8);
// otherwise it starts the embedded engine from `engine/server.ts` on free ports.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Camunda8 } from '@camunda8/sdk';
import type { CamundaClient } from '@camunda8/orchestration-cluster-api';
import { afterAll, beforeAll, expect } from 'vitest';

const HERE = dirname(fileURLToPath(import.meta.url));
const EXTERNAL = process.env.CAMUNDA_REST_ADDRESS;

export interface Harness {
  /** e.g. http://127.0.0.1:PORT (no /v2) */
  address: string;
  client: CamundaClient;
  stop(): Promise<void>;
}

/** Eventually consistent endpoints take this: the embedded engine is strongly consistent. */
export const NOW = { consistency: { waitUpToMs: 0 } };

export function fixture(name: string): string {
  return readFileSync(join(HERE, name), 'utf8');
}

async function startHarness(): Promise<Harness> {
  const captures = mkdtempSync(join(tmpdir(), 'suqiu-rest-captures-'));
  process.env.CAMUNDA_SDK_VALIDATION = 'fanatical';
  process.env.CAMUNDA_SDK_VALIDATION_CAPTURE_DIR = captures;
  process.env.CAMUNDA_SDK_HTTP_RETRY_MAX_ATTEMPTS = '1';
  let address = EXTERNAL?.replace(/\/v2\/?$/, '');
  let stopEngine = async () => {};
  if (!address) {
    const dataDir = mkdtempSync(join(tmpdir(), 'suqiu-rest-'));
    const server = await import('../../engine/server.js');
    const engine = await server.startEngine({ dataDir, grpcPort: 0, restPort: 0, host: '127.0.0.1', log: () => {} });
    address = engine.restAddress;
    stopEngine = async () => {
      await engine.stop();
      rmSync(dataDir, { recursive: true, force: true });
    };
  }
  process.env.CAMUNDA_REST_ADDRESS = `${address}/v2`;
  process.env.CAMUNDA_AUTH_STRATEGY = 'NONE';
  const c8 = new Camunda8({ ZEEBE_REST_ADDRESS: address, CAMUNDA_AUTH_STRATEGY: 'NONE' } as never);
  const client = c8.getOrchestrationClusterApiClient({}, { cached: false });
  const config = client.getConfig();
  expect(config.validation).toMatchObject({ req: 'fanatical', res: 'fanatical' });
  expect(config.restAddress).toBe(`${address}/v2`);
  return {
    address,
    client,
    async stop() {
      await stopEngine();
      rmSync(captures, { recursive: true, force: true });
    },
  };
}

/** Starts one engine (or connects to CAMUNDA_REST_ADDRESS) for the test file. */
export function useHarness(): () => Harness {
  let harness: Harness | undefined;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness?.stop();
  });
  return () => {
    if (!harness) throw new Error('harness not started');
    return harness;
  };
}

/** Deploys BPMN fixtures through `POST /v2/deployments`; returns the deployed definitions by id. */
export async function deploy(client: CamundaClient, ...names: string[]) {
  const resources = names.map((name) => new File([fixture(name)], name, { type: 'application/xml' }));
  const result = await client.createDeployment({ resources });
  return Object.fromEntries(result.processes.map((p) => [p.processDefinitionId, p]));
}

export interface RawAnswer {
  status: number;
  contentType: string;
   
  body: any;
  text: string;
}

/** A request without the client (no request validation), for error answers. */
export async function raw(address: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<RawAnswer> {
  const init: RequestInit = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${address}${path}`, init);
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', body: parsed, text };
}

/**
 * Expects an RFC 9457 problem as Camunda sends it: `application/problem+json`, exactly the
 * fields type, title, status, detail and instance (the request path).
 */
export function expectProblem(answer: RawAnswer, status: number, title: string, path: string, detailIncludes: string[] = []): void {
  expect(answer.status, answer.text).toBe(status);
  expect(answer.contentType).toMatch(/^application\/problem\+json/);
  expect(Object.keys(answer.body).sort()).toEqual(['detail', 'instance', 'status', 'title', 'type']);
  expect(answer.body).toMatchObject({ type: 'about:blank', title, status, instance: path });
  for (const part of detailIncludes) expect(answer.body.detail).toContain(part);
}

/** The error the client throws for an HTTP problem answer */
export interface HttpSdkError extends Error {
  status: number;
  title?: string;
  detail?: string;
}

/** Expects the client call to fail with an HTTP problem of `status` (and `title`). */
export async function expectHttpError(promise: PromiseLike<unknown>, status: number, title?: string): Promise<HttpSdkError> {
  let error: HttpSdkError | undefined;
  try {
    await promise;
  } catch (e) {
    error = e as HttpSdkError;
  }
  expect(error, `expected HTTP ${status}, but the call succeeded`).toBeDefined();
  expect(error!.name, String(error?.message)).toBe('HttpSdkError');
  expect(error!.status).toBe(status);
  if (title) expect(error!.title).toBe(title);
  return error!;
}

/** Activates and completes the one job of `type` (the service task of a fixture). */
export async function completeOneJob(client: CamundaClient, type: string, variables: Record<string, unknown> = {}): Promise<void> {
  const { jobs } = await client.activateJobs({ type, worker: 'rest-test', timeout: 30_000, maxJobsToActivate: 1, requestTimeout: 2_000 });
  expect(jobs).toHaveLength(1);
  await client.completeJob({ jobKey: jobs[0]!.jobKey, variables });
}

export function unique(prefix: string): string {
  return `${prefix}-${Math.random().toString(36).slice(2, 10)}`;
}
