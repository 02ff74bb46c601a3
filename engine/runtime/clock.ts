// The engine's clock. Everything time-based reads it, so that tests (and Camunda's clock API)
// can pin time instead of waiting, or move it forward while it keeps ticking.

export class EngineClock {
  private pinnedAt: number | undefined;
  /** added to system time while not pinned (Camunda 8.11's clock/add on a running clock) */
  private offset = 0;

  now(): number {
    return this.pinnedAt ?? Date.now() + this.offset;
  }

  pin(epochMillis: number): void {
    this.pinnedAt = epochMillis;
  }

  /** moves the clock by `millis`: a pinned clock stays pinned, a running one keeps running ahead */
  add(millis: number): void {
    if (this.pinnedAt !== undefined) this.pinnedAt += millis;
    else this.offset += millis;
  }

  reset(): void {
    this.pinnedAt = undefined;
    this.offset = 0;
  }
}
