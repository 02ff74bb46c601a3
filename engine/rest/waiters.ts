// Requests that wait on the engine: job activation long polling (answered when a job of the
// type appears or the request timeout passes) and process creation with `awaitCompletion`.

import type { Engine } from '../runtime/engine.js';
import type { ActivatedJob, ActivateRequest } from '../runtime/job-commands.js';
import { ApiProblem } from './problem.js';

interface Poll {
  request: ActivateRequest;
  resolve: (jobs: ActivatedJob[]) => void;
  reject: (error: unknown) => void;
  timer: NodeJS.Timeout;
  done: boolean;
}

interface CompletionWaiter {
  resolve: (variables: Record<string, unknown>) => void;
  reject: (error: unknown) => void;
  timer: NodeJS.Timeout;
}

export class Waiters {
  private readonly polls = new Set<Poll>();
  private readonly completions = new Map<number, CompletionWaiter[]>();
  private readonly unsubscribe: () => void;

  constructor(private readonly engine: Engine) {
    this.unsubscribe = engine.addListener({
      onEffects: (effects) => {
        const types = [...effects.jobsAvailable];
        const ended = [...effects.endedInstances].filter(([key]) => this.completions.has(key));
        // effects are announced from inside the command: act once it has returned
        if (types.length || ended.length) {
          setImmediate(() => {
            if (types.length) this.servePolls(new Set(types));
            for (const [key, state] of ended) this.settle(key, state);
          });
        }
      },
    });
  }

  /** Activates at once, or waits up to `wait` ms (< 0: never) for jobs of the type. */
  activateJobs(request: ActivateRequest, wait: number, aborted: AbortSignal): Promise<ActivatedJob[]> {
    const jobs = this.engine.activateJobs(request);
    if (jobs.length > 0 || wait < 0) return Promise.resolve(jobs);
    return new Promise((resolve, reject) => {
      const poll: Poll = { request, resolve, reject, done: false, timer: setTimeout(() => this.finish(poll, []), wait) };
      this.polls.add(poll);
      aborted.addEventListener('abort', () => this.finish(poll, undefined), { once: true });
    });
  }

  waitForCompletion(processInstanceKey: number, timeoutMs: number, fetch: string[] | undefined): Promise<Record<string, unknown>> {
    return new Promise((resolve, reject) => {
      const waiter: CompletionWaiter = {
        resolve: (variables) => resolve(fetch?.length ? Object.fromEntries(fetch.filter((n) => n in variables).map((n) => [n, variables[n]])) : variables),
        reject,
        timer: setTimeout(() => {
          this.remove(processInstanceKey, waiter);
          reject(new ApiProblem(504, 'java.util.concurrent.TimeoutException',
            `Expected to handle REST API request, but request timed out between gateway and broker`));
        }, timeoutMs),
      };
      const list = this.completions.get(processInstanceKey) ?? [];
      list.push(waiter);
      this.completions.set(processInstanceKey, list);
      // the instance may have ended within the create command itself
      const state = this.engine.store.processInstance(processInstanceKey)?.state;
      if (state && state !== 'ACTIVE') this.settle(processInstanceKey, state);
    });
  }

  close(): void {
    this.unsubscribe();
    for (const poll of [...this.polls]) this.finish(poll, []);
    for (const list of this.completions.values()) {
      for (const waiter of list) {
        clearTimeout(waiter.timer);
        waiter.reject(new ApiProblem(503, 'UNAVAILABLE', 'The engine is shutting down'));
      }
    }
    this.completions.clear();
  }

  private finish(poll: Poll, jobs: ActivatedJob[] | undefined): void {
    if (poll.done) return;
    poll.done = true;
    clearTimeout(poll.timer);
    this.polls.delete(poll);
    if (jobs) poll.resolve(jobs);
  }

  private servePolls(types: Set<string>): void {
    for (const poll of [...this.polls]) {
      if (poll.done || !types.has(poll.request.type)) continue;
      try {
        const jobs = this.engine.activateJobs(poll.request);
        if (jobs.length) this.finish(poll, jobs);
      } catch (error) {
        poll.done = true;
        clearTimeout(poll.timer);
        this.polls.delete(poll);
        poll.reject(error);
      }
    }
  }

  private remove(key: number, waiter: CompletionWaiter): void {
    const list = (this.completions.get(key) ?? []).filter((w) => w !== waiter);
    if (list.length) this.completions.set(key, list);
    else this.completions.delete(key);
  }

  private settle(key: number, state: string): void {
    const list = this.completions.get(key);
    if (!list) return;
    this.completions.delete(key);
    const variables: Record<string, unknown> = {};
    for (const row of this.engine.store.scopeVariables(key)) variables[row.name] = JSON.parse(row.value);
    for (const waiter of list) {
      clearTimeout(waiter.timer);
      if (state === 'COMPLETED') waiter.resolve(variables);
      else waiter.reject(new ApiProblem(409, 'INVALID_STATE', `Process instance with key '${key}' was terminated before it completed`));
    }
  }
}
