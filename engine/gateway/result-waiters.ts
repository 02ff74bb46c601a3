// CreateProcessInstanceWithResult: answers when the instance completes, with its root
// variables (filtered by fetchVariables), or DEADLINE_EXCEEDED when the request times out.

import * as grpc from '@grpc/grpc-js';
import type { Engine } from '../runtime/engine.js';

interface Waiter {
  resolve: (variables: Record<string, unknown>) => void;
  reject: (error: Partial<grpc.ServiceError>) => void;
  fetch: string[];
  timer: NodeJS.Timeout;
}

export class ResultWaiters {
  private readonly waiters = new Map<number, Waiter[]>();

  constructor(private readonly engine: Engine) {
    engine.addListener({
      onEffects: (effects) => {
        for (const [key, state] of effects.endedInstances) if (this.waiters.has(key)) this.settle(key, state);
      },
    });
  }

  waitForCompletion(processInstanceKey: number, timeoutMs: number, fetch: string[]): Promise<Record<string, unknown>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.remove(processInstanceKey, waiter);
        reject({
          code: grpc.status.DEADLINE_EXCEEDED,
          details: `Time out between gateway and broker: Request timed out after ${timeoutMs} ms waiting for process instance ${processInstanceKey} to complete`,
        });
      }, timeoutMs);
      const waiter: Waiter = { resolve, reject, fetch, timer };
      const list = this.waiters.get(processInstanceKey) ?? [];
      list.push(waiter);
      this.waiters.set(processInstanceKey, list);
      // the instance may have completed within the create command itself
      const state = this.engine.store.processInstance(processInstanceKey)?.state;
      if (state && state !== 'ACTIVE') this.settle(processInstanceKey, state);
    });
  }

  close(): void {
    for (const list of this.waiters.values()) for (const w of list) clearTimeout(w.timer);
    this.waiters.clear();
  }

  private remove(key: number, waiter: Waiter): void {
    const list = (this.waiters.get(key) ?? []).filter((w) => w !== waiter);
    if (list.length) this.waiters.set(key, list);
    else this.waiters.delete(key);
  }

  private settle(key: number, state: string): void {
    const list = this.waiters.get(key) ?? [];
    this.waiters.delete(key);
    if (list.length === 0) return;
    const variables: Record<string, unknown> = {};
    for (const row of this.engine.store.scopeVariables(key)) variables[row.name] = JSON.parse(row.value);
    for (const waiter of list) {
      clearTimeout(waiter.timer);
      if (state !== 'COMPLETED') {
        waiter.reject({ code: grpc.status.ABORTED, details: `Process instance ${key} was terminated before it completed` });
        continue;
      }
      if (waiter.fetch.length === 0) waiter.resolve(variables);
      else waiter.resolve(Object.fromEntries(waiter.fetch.filter((n) => n in variables).map((n) => [n, variables[n]])));
    }
  }
}
