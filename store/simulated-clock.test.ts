import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from './db.js';
import { setSimulatedTime, simulatedClockOf, simulatedTime } from './simulated-clock.js';

let store: Store | undefined;
afterEach(() => store?.close());

describe('simulated time', () => {
  it('is absent until a simulation sets it, then reads back the last value set', () => {
    // given
    store = openStore(':memory:');
    const clock = simulatedClockOf(store.db);

    // when / then
    expect(simulatedTime(store.db)).toBeUndefined();
    expect(() => clock()).toThrow(/no simulated time/);
    setSimulatedTime(store.db, new Date('2021-01-04T01:00:00Z'));
    setSimulatedTime(store.db, new Date('2021-01-05T01:00:00Z'));
    expect(clock().toISOString()).toBe('2021-01-05T01:00:00.000Z');
  });
});
