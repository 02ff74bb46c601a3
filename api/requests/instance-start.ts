// Starting a request's instance of request-lifecycle: after the intake transaction commits, the API
// publishes the message `request-collected` (the diagram's message start event) with the request id
// as correlation key and `request-collected:<id>` as message id, then records when the engine took it
// (`requests.instance_requested_at`).
//
// Why a message and not CreateProcessInstance: a publish can be repeated safely. While the message
// is buffered (its time to live, an hour) the engine refuses a second one with the same id
// (ALREADY_EXISTS), and while an instance started by a message with that correlation key is active
// it starts no second one (docs.camunda.io, "Messages", message uniqueness; "Message events",
// message start events). So the API republishes whenever it is unsure whether the first publish
// arrived: a crash between commit and publish, an engine that did not answer in time.
//
// The recovery (on ready, then every RETRY_EVERY_MS) republishes the requests whose
// `instance_requested_at` is still null: all of them when the API starts (it holds none in flight
// yet), afterwards those older than RETRY_AFTER_MS (younger ones may be in the hands of another API
// process). The register worker sets `instance_requested_at` too, so a request that has its
// instance is never republished.
import type { EngineClients } from '../plugins/engine.js';
import { markInstanceRequested, requestsAwaitingInstance, type InstanceStart } from '../../store/requests.js';
import type { Api } from '../types.js';

export const START_MESSAGE = 'request-collected';
export const START_TTL_MS = 60 * 60_000;
/** How long an intake waits for the engine to take the start message before answering 202. */
export const PUBLISH_WAIT_MS = 3_000;
export const RETRY_EVERY_MS = 10_000;
export const RETRY_AFTER_MS = 5_000;
const RECOVERY_BATCH = 200;

const GRPC_ALREADY_EXISTS = 6;

function alreadyExists(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown };
  return e?.code === GRPC_ALREADY_EXISTS || (typeof e?.message === 'string' && /^6 ALREADY_EXISTS/.test(e.message));
}

/** The variables a request's instance starts with (workflows/README.md, "Variables of a request"). */
export function startVariables(r: InstanceStart) {
  return { requestId: r.id, townshipId: r.townshipId, villageId: r.villageId, channel: r.channel, summary: r.text };
}

const sleep = (ms: number) => new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms).unref());

export class InstanceStarter {
  /** publishes under way in this process, by request id: resolve true once the engine took the message */
  private readonly inFlight = new Map<string, Promise<boolean>>();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private recovering: Promise<number> | undefined;

  constructor(private readonly app: Api) {}

  /**
   * Publishes the start message of `r` (or joins the publish already under way) and waits up to
   * `waitMs` for the engine to take it: true when it did, false when it did not answer in time or
   * refused (the publish goes on in the background; the recovery tries again later).
   */
  start(r: InstanceStart, waitMs = PUBLISH_WAIT_MS): Promise<boolean> {
    let publish = this.inFlight.get(r.id);
    if (publish === undefined) {
      publish = this.publish(r).finally(() => this.inFlight.delete(r.id));
      this.inFlight.set(r.id, publish);
    }
    return Promise.race([publish, sleep(waitMs)]);
  }

  /** The publish of `requestId` under way in this process, if any. */
  pending(requestId: string): Promise<boolean> | undefined {
    return this.inFlight.get(requestId);
  }

  private async publish(r: InstanceStart): Promise<boolean> {
    try {
      const answer = await this.app.engine.zeebe.publishMessage({
        name: START_MESSAGE,
        correlationKey: r.id,
        messageId: `${START_MESSAGE}:${r.id}`,
        timeToLive: START_TTL_MS,
        // (null, for a request located only at a township, is JSON; the SDK's variable type just leaves it out)
        variables: startVariables(r) as Record<string, string>,
      });
      // the client answers null when it is being closed: nothing is known then
      if (answer === null || answer === undefined) return false;
    } catch (error) {
      if (!alreadyExists(error)) {
        this.app.log.warn({ err: error, requestId: r.id }, 'could not publish request-collected; the recovery will try again');
        return false;
      }
    }
    if (!this.closed) markInstanceRequested(this.app.store.db, r.id, this.app.now());
    return true;
  }

  /**
   * Republishes the requests whose instance was never asked for (see the head of this file), one
   * at a time; stops at the first the engine does not take in time (it is away: the next round
   * tries again). Returns how many the engine took.
   */
  recover(options: { all: boolean }): Promise<number> {
    this.recovering ??= this.recoverOnce(options).finally(() => {
      this.recovering = undefined;
    });
    return this.recovering;
  }

  private async recoverOnce(options: { all: boolean }): Promise<number> {
    let started = 0;
    for (;;) {
      if (this.closed) return started;
      const createdBefore = options.all ? undefined : new Date(this.app.now().getTime() - RETRY_AFTER_MS);
      const waiting = requestsAwaitingInstance(this.app.store.db, { createdBefore, limit: RECOVERY_BATCH }).filter((r) => !this.inFlight.has(r.id));
      if (waiting.length === 0) return started;
      for (const r of waiting) {
        if (this.closed || !(await this.start(r))) return started;
        started++;
      }
    }
  }

  /** Recovers once now and then every RETRY_EVERY_MS until `stop`. */
  run(): void {
    const tick = (all: boolean) =>
      this.recover({ all }).catch((error: unknown) => this.app.log.error({ err: error }, 'recovery of request instances failed'));
    void tick(true);
    this.timer = setInterval(() => void tick(false), RETRY_EVERY_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.closed = true;
    if (this.timer !== undefined) clearInterval(this.timer);
    await this.recovering?.catch(() => undefined);
  }
}

const starters = new WeakMap<EngineClients, InstanceStarter>();

/**
 * The one starter of an app: the staff and the public routes share it and its publishes under way.
 * (Kept by the app's engine clients, which every plugin context of one app shares.)
 */
export function instanceStarterOf(app: Api): InstanceStarter {
  let starter = starters.get(app.engine);
  if (starter === undefined) {
    starter = new InstanceStarter(app);
    starters.set(app.engine, starter);
  }
  return starter;
}
