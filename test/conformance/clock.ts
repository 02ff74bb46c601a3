// Clock control for the conformance suite: tests pin the engine's clock instead of waiting.
//
// Embedded engine (no ZEEBE_GRPC_ADDRESS): the harness keeps the RunningEngine it started in
// `h.gateway.engine`; its `engine` (runtime/engine.ts) pins, advances and resets the clock and
// runs whatever falls due synchronously, in this process.
//
// External Camunda 8.8 (ZEEBE_GRPC_ADDRESS set): Camunda's clock API over REST,
// `PUT ${CAMUNDA_REST_ADDRESS}/v2/clock {"timestamp": ms}` and `POST /v2/clock/reset`
// (docs: https://docs.camunda.io/docs/apis-tools/orchestration-cluster-api-rest/specifications/pin-clock/).
// The endpoints only work when the cluster allows clock control (broker setting
// `zeebe.clock.controlled: true`, env ZEEBE_CLOCK_CONTROLLED=true); Camunda 8.8 has no
// GET/add, so `advanceClock` remembers the last pinned time itself. The clock is cluster-wide:
// against an external cluster, run the files that pin it one at a time
// (`npx vitest run --no-file-parallelism test/conformance/timers ...`).
//
// Zeebe fires due timers from a background checker, so after a pin always wait (bounded) for
// the expected job or state instead of assuming it is there already (`waitUntil`,
// `h.waitForJob`).

import { afterAll } from 'vitest';
import type { Harness } from './harness.js';

const REST_ADDRESS = (process.env.CAMUNDA_REST_ADDRESS ?? 'http://localhost:8080').replace(/\/$/, '');

/** the last time pinned per harness (external clusters cannot be asked for it in 8.8) */
const pinned = new WeakMap<Harness, number>();

interface EngineClockControl {
  pinClock(epochMillis: number): void;
  advanceClock(millis: number): void;
  resetClock(): void;
  clock: { now(): number };
}

function embeddedEngine(h: Harness): EngineClockControl | undefined {
  if (!h.gateway?.embedded) return undefined;
  const engine = h.gateway.engine?.engine as EngineClockControl | undefined;
  if (!engine || typeof engine.pinClock !== 'function') {
    throw new Error('the embedded RunningEngine exposes no engine.pinClock(ms); cannot control its clock');
  }
  return engine;
}

async function rest(method: 'PUT' | 'POST', path: string, body?: object): Promise<void> {
  const res = await fetch(`${REST_ADDRESS}${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) {
    const text = await res.text().catch(() => '');
    throw new Error(
      `${method} ${REST_ADDRESS}${path} answered ${res.status} ${text.slice(0, 300)} ` +
        '(is clock control enabled on the cluster? ZEEBE_CLOCK_CONTROLLED=true)',
    );
  }
}

/** Pins the engine's clock to `epochMillis`; timers due by then fire. */
export async function pinClock(h: Harness, epochMillis: number): Promise<void> {
  const engine = embeddedEngine(h);
  if (engine) engine.pinClock(epochMillis);
  else await rest('PUT', '/v2/clock', { timestamp: epochMillis });
  pinned.set(h, epochMillis);
}

/** Moves the clock `millis` forward from the current (pinned) time, and keeps it pinned there. */
export async function advanceClock(h: Harness, millis: number): Promise<void> {
  const engine = embeddedEngine(h);
  if (engine) {
    engine.advanceClock(millis);
    pinned.set(h, engine.clock.now());
    return;
  }
  await pinClock(h, (pinned.get(h) ?? Date.now()) + millis);
}

/** Unpins the clock: it follows the system time again. */
export async function resetClock(h: Harness): Promise<void> {
  pinned.delete(h);
  const engine = embeddedEngine(h);
  if (engine) engine.resetClock();
  else await rest('POST', '/v2/clock/reset');
}

/** The time the tests pinned last, or the system time. */
export function clockNow(h: Harness): number {
  const engine = h.gateway?.embedded ? embeddedEngine(h) : undefined;
  return engine ? engine.clock.now() : (pinned.get(h) ?? Date.now());
}

/**
 * Call after `useHarness()`: resets the clock when the test file ends (afterAll hooks run in
 * reverse order, so this runs before the harness stops the gateway).
 */
export function useClockReset(h: Harness): void {
  afterAll(async () => {
    if (h.gateway) await resetClock(h);
  });
}

/**
 * Pins the clock to a fresh, round start time for one test and returns it: the next full
 * minute at least an hour after the current (pinned or real) time, so that every test of a
 * file moves the clock forward only and starts clear of the previous test's timers.
 */
export async function pinFreshStart(h: Harness): Promise<number> {
  const start = Math.ceil((clockNow(h) + HOUR) / MINUTE) * MINUTE;
  await pinClock(h, start);
  return start;
}

export const SECOND = 1_000;
export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;
