// The outbox as the workers run it: the channels the settings configure, a deliverer pass every
// `intervalMs`, a start line saying where each channel delivers (no secrets), and a clean stop.
import type { Conn } from '../../store/db.js';
import { exponentialBackoff } from '../../store/notifications.js';
import { createDeliverer, type Deliverer } from './deliverer.js';
import { describeRoutes, routesFor } from './router.js';
import type { DeliverySettings } from './settings.js';

export interface OutboxDeps {
  db: Conn;
  /** the time recorded and compared with next_attempt_at */
  clock: () => Date;
  log: (line: string) => void;
}

export interface ConfiguredDeliverer {
  deliverer: Deliverer;
  /** where each channel delivers, for the start log (no secrets) */
  routes: string;
  /** stops the deliverer (attempts in flight end), then closes the channels; safe to call twice */
  stop(): Promise<void>;
}

/** A deliverer over the channels the settings configure. */
export function configuredDeliverer(settings: DeliverySettings, deps: OutboxDeps): ConfiguredDeliverer {
  const routes = routesFor(settings, { db: deps.db, log: deps.log });
  const deliverer = createDeliverer({
    db: deps.db,
    lanes: routes.lanes,
    now: deps.clock,
    log: deps.log,
    policy: { maxAttempts: settings.maxAttempts, backoffMs: exponentialBackoff(settings.backoffMs, settings.backoffMaxMs) },
    timeoutMs: settings.timeoutMs,
    concurrency: settings.concurrency,
  });
  let stopping: Promise<void> | undefined;
  return {
    deliverer,
    routes: describeRoutes(routes),
    stop() {
      stopping ??= deliverer.stop().finally(() => routes.close());
      return stopping;
    },
  };
}

export interface RunningOutbox {
  deliverer: Deliverer;
  /** stops the interval, waits for attempts in flight, closes the channels; safe to call twice */
  stop(): Promise<void>;
}

/** Delivers every `intervalMs` (0: never, and says so). */
export function startOutbox(options: OutboxDeps & { settings: DeliverySettings; intervalMs: number }): RunningOutbox | undefined {
  const { settings, intervalMs, log } = options;
  if (intervalMs <= 0) {
    log('outbox: not delivered (SUQIU_WORKERS_OUTBOX_INTERVAL_MS=0): notices stay pending');
    return undefined;
  }
  const configured = configuredDeliverer(settings, options);
  log(
    `outbox: every ${intervalMs} ms, up to ${settings.maxAttempts} attempt(s) of at most ${settings.timeoutMs} ms, ` +
      `back-off ${settings.backoffMs} ms doubling to ${settings.backoffMaxMs} ms, ${settings.concurrency} at a time per channel; ${configured.routes}`,
  );
  const timer = setInterval(() => configured.deliverer.tick(), intervalMs);
  timer.unref();
  return {
    deliverer: configured.deliverer,
    stop() {
      clearInterval(timer);
      return configured.stop();
    },
  };
}
