// The engine's clock. Everything time-based reads it, so that tests (and Camunda's clock API)
// can pin time instead of waiting.

export class EngineClock {
  private pinnedAt: number | undefined;

  now(): number {
    return this.pinnedAt ?? Date.now();
  }

  pin(epochMillis: number): void {
    this.pinnedAt = epochMillis;
  }

  reset(): void {
    this.pinnedAt = undefined;
  }

  get pinned(): boolean {
    return this.pinnedAt !== undefined;
  }
}
