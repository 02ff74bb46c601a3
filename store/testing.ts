// Helpers for the store's specs (and later the workers' and API's): a fresh in-memory store with
// the demo organisation, and a quick way to receive a request.
import type { Channel } from '../domain/index.js';
import { openStore, type Conn, type Store } from './db.js';
import { createRequest } from './requests.js';
import { seedDemo } from './seed/demo.js';

/** A migrated in-memory store holding the demo organisation (no requests, no logins: hashing them takes time). */
export function storeWithOrganisation(): Store {
  const store = openStore(':memory:');
  seedDemo(store.db, { accounts: false });
  return store;
}

export const T0 = new Date('2024-05-10T09:00:00+08:00');

/** Days after T0. */
export const day = (n: number): Date => new Date(T0.getTime() + n * 86_400_000);

export function receive(
  conn: Conn,
  id: string,
  options: { channel?: Channel; text?: string; townshipId?: string; villageId?: string; createdAt?: Date; citizen?: { name?: string; phone?: string } } = {},
): void {
  createRequest(conn, {
    id,
    channel: options.channel ?? 'door_to_door',
    text: options.text ?? '路灯不亮',
    location: { townshipId: options.townshipId ?? 'dingshan', villageId: options.villageId ?? 'dingshan-huangliang' },
    citizen: options.citizen,
    createdAt: options.createdAt ?? T0,
  });
}
