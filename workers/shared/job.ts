// What every handler sees and what it may raise.
//
// A handler is a plain async function `(job, deps) => outputs`: it reads the variables it needs
// from `job.variables`, does its work through the injected `deps`, and returns the variables the
// job completes with (workflows/README.md lists them per job type). The runtime (workers/runtime/)
// turns the outcome into complete / error / fail; tests call handlers directly.
//
// Jobs come at least once: the same job (same `key`) can be handed over again after a time-out or
// a lost completion. Handlers that write do so once per job key (see `onceForJob`), so a second
// run changes nothing and answers what the first one did.
import type { Conn } from '../../store/db.js';
import { once } from '../../store/idempotency.js';
import type { Notifier } from './notifier.js';

/** The variables a job carries (all visible ones), as JSON values. */
export type Variables = Readonly<Record<string, unknown>>;

/** The parts of an activated job a handler may use. */
export interface JobInput {
  /** the job key: stable across retries and re-activations of one job, new for a new job */
  key: string;
  type: string;
  processInstanceKey: string;
  elementInstanceKey: string;
  elementId: string;
  bpmnProcessId: string;
  retries: number;
  variables: Variables;
}

/** What handlers are given: the business store (repository functions take it), a clock, a notifier. */
export interface Deps {
  /** the store's database (or a transaction on it); every store repository function takes it */
  db: Conn;
  /** the time a handler records; injected so tests and simulations control it */
  clock: () => Date;
  /** where notices to staff and citizens go (by default the store's outbox) */
  notifier: Notifier;
}

/** Outputs: the variables a job completes with (JSON values only). */
export type Outputs = Record<string, unknown>;

export type Handler = (job: JobInput, deps: Deps) => Promise<Outputs>;

/**
 * A business failure the diagram handles with an error boundary event: the runtime throws it as a
 * BPMN error (`job.error(code, message)`), not as a failure with retries.
 */
export class BpmnError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly variables: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'BpmnError';
  }
}

/**
 * A failure that retrying cannot fix (a variable missing from the job, a unit the store does not
 * know): the runtime fails the job with no retries left, so an incident shows at once and a person
 * can correct the data and retry. Any other error is retried with a back-off.
 */
export class IncidentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IncidentError';
  }
}

/** The idempotency key of what one job writes: `<job type>:<job key>`. */
export function jobKeyOf(job: Pick<JobInput, 'type' | 'key'>): string {
  return `${job.type}:${job.key}`;
}

/**
 * Applies a job's writes exactly once: the writes and the record of the job key commit in one
 * transaction; a repeated job writes nothing and gets the first run's outputs back.
 */
export function onceForJob<T extends Outputs>(deps: Deps, job: JobInput, requestId: string | undefined, apply: (tx: Conn) => T): T {
  // IMMEDIATE: take the write lock before the first read. A deferred transaction that reads and
  // then writes while another connection (the API) writes fails at once with SQLITE_BUSY instead
  // of waiting out the store's busy timeout.
  return deps.db.transaction((tx) => once(tx, jobKeyOf(job), job.type, apply, { requestId, at: deps.clock() }).result, { behavior: 'immediate' });
}
