// Collects validation problems; validation never stops at the first one.

import type { ValidationProblem } from './types.js';

export class Problems {
  private readonly items: ValidationProblem[] = [];
  private readonly seen = new Set<string>();

  /** adds a problem; an identical problem (same element, same message) is recorded once; '' counts as no id */
  add(id: string | undefined, message: string): void {
    const elementId = id === '' ? undefined : id;
    const key = `${elementId ?? ''}\u0000${message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.items.push(elementId === undefined ? { message } : { elementId, message });
  }

  get list(): readonly ValidationProblem[] {
    return this.items;
  }

  get isEmpty(): boolean {
    return this.items.length === 0;
  }
}
