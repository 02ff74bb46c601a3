// The business store and the clock, for every route: `app.store` (opened here unless the caller
// hands one in, and then closed here too) and `app.now()`, the time the API records: the machine's,
// or with SUQIU_API_CLOCK=simulated the time a simulation wrote into the store (as the workers do).
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { openStore, type Store } from '../../store/db.js';
import { simulatedClockOf } from '../../store/simulated-clock.js';

export interface StorePluginOptions {
  /** an open store (tests); otherwise `path` is opened and closed with the app */
  store?: Store;
  path: string;
  clock: 'system' | 'simulated' | (() => Date);
}

declare module 'fastify' {
  interface FastifyInstance {
    store: Store;
    /** the time to record */
    now(): Date;
  }
}

async function storePlugin(app: FastifyInstance, options: StorePluginOptions): Promise<void> {
  const own = options.store === undefined;
  const store = options.store ?? openStore(options.path);
  const clock = typeof options.clock === 'function' ? options.clock : options.clock === 'simulated' ? simulatedClockOf(store.db) : () => new Date();
  app.decorate('store', store);
  app.decorate('now', clock);
  if (own) app.addHook('onClose', async () => store.close());
}

export default fp(storePlugin, { name: 'suqiu-store', fastify: '5.x' });
