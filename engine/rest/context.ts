// What the route modules share: the engine, its searches, the waiting requests, and the
// address the server reports in its topology.

import type { Engine } from '../runtime/engine.js';
import type { SearchStore } from '../state/search.js';
import type { Waiters } from './waiters.js';

export interface RestContext {
  engine: Engine;
  search: SearchStore;
  waiters: Waiters;
  log: (line: string) => void;
  /** host and port reported as the broker's in the topology */
  topology: { host: string; port: () => number };
}
