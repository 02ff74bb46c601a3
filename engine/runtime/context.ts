// One command's processing context: the state, the clock, fresh keys, the queue of steps
// still to run inside this transaction, and the effects to announce after it commits.

import type { ElementModel, ProcessModel } from '../model/types.js';
import type { Store } from '../state/store.js';
import type { EngineClock } from './clock.js';
import type { KeyGenerator } from './keys.js';

/** What the rest of the engine learns once a transaction has committed. */
export interface Effects {
  /** job types that have new activatable jobs (long polls wake up) */
  jobsAvailable: Set<string>;
  /** the jobs that became activatable, in order (open job streams get them pushed) */
  activatableJobs: Array<{ key: number; type: string }>;
  /** a timer (or other work) is already due: run due work right after the commit */
  dueWork: boolean;
  /** process instances that completed or were terminated */
  endedInstances: Map<number, 'COMPLETED' | 'TERMINATED'>;
}

/** a start event of the latest version of a process, by the name it listens to */
export interface StartEventRef {
  definitionKey: number;
  bpmnProcessId: string;
  elementId: string;
  name: string;
}

export interface EngineCore {
  /** message or signal start events of the latest process versions of a tenant (optionally only those named `name`) */
  startEvents(tenantId: string, kind: 'message' | 'signal', name?: string): StartEventRef[];
  readonly store: Store;
  readonly clock: EngineClock;
  readonly keys: KeyGenerator;
  /** the executable model of a deployed definition (parsed once, cached) */
  model(definitionKey: number): ProcessModel;
}

export class Tx {
  readonly effects: Effects = { jobsAvailable: new Set(), activatableJobs: [], endedInstances: new Map(), dueWork: false };
  private readonly queue: Array<() => void> = [];
  readonly now: number;

  constructor(readonly core: EngineCore) {
    this.now = core.clock.now();
  }

  get store(): Store {
    return this.core.store;
  }

  /** announces, after commit, that a job can be activated */
  jobActivatable(key: number, type: string): void {
    this.effects.jobsAvailable.add(type);
    this.effects.activatableJobs.push({ key, type });
  }

  nextKey(): number {
    return this.core.keys.next();
  }

  model(definitionKey: number): ProcessModel {
    return this.core.model(definitionKey);
  }

  element(definitionKey: number, elementId: string): ElementModel {
    const element = this.core.model(definitionKey).elements.get(elementId);
    if (!element) throw new Error(`element ${elementId} not found in definition ${definitionKey}`);
    return element;
  }

  /** Steps run in FIFO order, like Zeebe's follow-up commands, until nothing is left. */
  enqueue(step: () => void): void {
    this.queue.push(step);
  }

  drain(): void {
    for (let step = this.queue.shift(); step; step = this.queue.shift()) step();
  }
}
