// Runs time-based work when it falls due: job deadlines and retry back-offs, timers and message
// time-to-live. Polls the state's earliest due time, so no per-job timer lives in memory.

import type { Engine } from './engine.js';

const POLL_MS = 100;

export class DueWorkScheduler {
  private timer: NodeJS.Timeout | undefined;
  private nextDue: number | undefined;
  private running = false;

  constructor(private readonly engine: Engine, private readonly log: (line: string) => void) {}

  start(): void {
    this.nextDue = this.engine.nextDueTime();
    this.engine.onDueWork = () => setImmediate(() => this.tick());
    this.timer = setInterval(() => this.tick(), POLL_MS);
    this.timer.unref();
  }

  /** something changed (a command set a deadline): re-read the earliest due time */
  tick(): void {
    try {
      if (this.running) return;
      this.running = true;
      this.nextDue = this.engine.nextDueTime();
      if (this.nextDue !== undefined && this.nextDue <= this.engine.clock.now()) this.nextDue = this.engine.processDue();
    } catch (error) {
      this.log(`engine: scheduler error: ${(error as Error).message}`);
    } finally {
      this.running = false;
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
