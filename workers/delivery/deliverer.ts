// The outbox deliverer: each pass takes the due notices of every lane (router.ts), claims each
// one before sending it (so two deliverers, in two processes, never both send it: see
// claimNotification), hands it to the lane's channel within a time limit, and records the outcome:
// sent (sent_at, delivered_via), or pending again after an exponential back-off, or failed after
// the last attempt (or at once when the channel refused the message for good).
//
// Lanes run side by side, each with a few attempts at a time; a lane still busy when the next pass
// comes is left to finish rather than started twice.
import { maskIdentity } from '../../domain/index.js';
import type { Conn } from '../../store/db.js';
import { claimNotification, dueNotifications, recordDelivered, recordFailedAttempt, type OutboxMessage, type RetryPolicy } from '../../store/notifications.js';
import type { Lane } from './router.js';
import { PermanentDeliveryError } from './types.js';

export interface DelivererOptions {
  db: Conn;
  lanes: Lane[];
  /** the time recorded and compared with next_attempt_at (the workers' clock: system or simulated) */
  now: () => Date;
  /** log lines; phone and ID numbers are masked before they get here */
  log: (line: string) => void;
  policy: RetryPolicy;
  /** how long one attempt may take (real time) */
  timeoutMs: number;
  /** attempts at a time per lane */
  concurrency: number;
  /** notices taken per lane and pass */
  batchSize?: number;
}

export interface PassResult {
  sent: number;
  failed: number;
  /** due when listed, but claimed by another deliverer first */
  skipped: number;
}

export interface Deliverer {
  /** starts a pass of every idle lane and returns at once (for the interval) */
  tick(): void;
  /** a pass of every lane (waiting for lanes already busy), and what it did */
  runOnce(): Promise<PassResult>;
  /** no attempt is started any more; waits for those in flight (each bounded by the timeout) */
  stop(): Promise<void>;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Rejects after `ms` (and aborts the signal the attempt was given), unless the attempt settles
 * first. A channel that cannot be aborted (SMTP) may still deliver after the deadline: the retry
 * then sends a second copy, the at-least-once edge again.
 */
async function withinTime<T>(ms: number, attempt: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new Error(`no answer within ${ms} ms`);
      controller.abort(error);
      reject(error);
    }, ms);
  });
  try {
    return await Promise.race([attempt(controller.signal), late]);
  } finally {
    clearTimeout(timer);
  }
}

export function createDeliverer(options: DelivererOptions): Deliverer {
  const { db, now, policy, timeoutMs } = options;
  const log = (line: string) => options.log(maskIdentity(line));
  const batchSize = options.batchSize ?? 100;
  // a claim outlives the attempt's time limit, so no other deliverer takes a notice still being sent
  const leaseMs = Math.max(60_000, 2 * timeoutMs);
  const busy = new Map<string, Promise<PassResult>>();
  const lastProblem = new Map<string, string>();
  let stopping = false;

  const attempt = async (lane: Lane, due: OutboxMessage, result: PassResult): Promise<void> => {
    const start = now();
    const m = claimNotification(db, due.id, start, new Date(start.getTime() + leaseMs));
    if (m === undefined) {
      result.skipped++;
      return;
    }
    let via: string;
    try {
      via = await withinTime(timeoutMs, (signal) => lane.delivery.deliver(m, signal));
    } catch (error) {
      const final = error instanceof PermanentDeliveryError;
      const problem = `${lane.delivery.name}: ${messageOf(error)}`;
      const outcome = recordFailedAttempt(db, m, problem, now(), policy, final);
      result.failed++;
      const what = `notification ${m.id} (${m.channel} → ${m.recipient})`;
      log(
        outcome.status === 'failed'
          ? `outbox: ${what} failed for good after ${m.attempts} attempt(s): ${problem}`
          : `outbox: ${what} attempt ${m.attempts} of ${policy.maxAttempts} failed, next at ${outcome.nextAttemptAt.toISOString()}: ${problem}`,
      );
      return;
    }
    // a store error here leaves the notice claimed: it is sent again when the claim runs out
    recordDelivered(db, m.id, via, now());
    result.sent++;
  };

  const pass = async (lane: Lane): Promise<PassResult> => {
    const result: PassResult = { sent: 0, failed: 0, skipped: 0 };
    const due = dueNotifications(db, now(), { channels: lane.channels, limit: batchSize });
    let next = 0;
    const worker = async () => {
      while (!stopping && next < due.length) await attempt(lane, due[next++]!, result);
    };
    await Promise.all(Array.from({ length: Math.min(options.concurrency, due.length) }, worker));
    return result;
  };

  const start = (lane: Lane): Promise<PassResult> => {
    const running = busy.get(lane.name);
    if (running !== undefined) return running;
    const run = pass(lane).finally(() => busy.delete(lane.name));
    busy.set(lane.name, run);
    return run;
  };

  return {
    tick() {
      if (stopping) return;
      for (const lane of options.lanes) {
        start(lane).then(
          () => lastProblem.delete(lane.name),
          (error: unknown) => {
            // the same problem every few seconds (the store locked, no simulated time yet) is said once
            const problem = messageOf(error);
            if (lastProblem.get(lane.name) !== problem) log(`outbox (${lane.name}): ${problem}`);
            lastProblem.set(lane.name, problem);
          },
        );
      }
    },
    async runOnce() {
      const results = await Promise.all(options.lanes.map(async (lane) => {
        await busy.get(lane.name)?.catch(() => undefined);
        return start(lane);
      }));
      return results.reduce((a, r) => ({ sent: a.sent + r.sent, failed: a.failed + r.failed, skipped: a.skipped + r.skipped }), { sent: 0, failed: 0, skipped: 0 });
    },
    async stop() {
      stopping = true;
      await Promise.allSettled([...busy.values()]);
    },
  };
}
