// For the handlers' specs: a fresh in-memory store with the demo organisation, deps with a fixed
// clock and the outbox notifier, and jobs built the way the runtime builds them.
import { deadlineFrom } from '../../domain/index.js';
import type { Store } from '../../store/db.js';
import { openLedgerEntry } from '../../store/ledger.js';
import { assessRequest } from '../../store/requests.js';
import { receive, storeWithOrganisation, T0 } from '../../store/testing.js';
import type { Deps, JobInput } from './job.js';
import { outboxNotifier } from './notifier.js';

export { T0 };

export interface Given {
  store: Store;
  deps: Deps;
  /** sets the clock */
  at(date: Date): void;
}

export function givenStore(): Given {
  const store = storeWithOrganisation();
  let now = T0;
  return {
    store,
    deps: { db: store.db, clock: () => now, notifier: outboxNotifier },
    at(date) {
      now = date;
    },
  };
}

let nextKey = 2_251_799_813_685_249;

/** A job of `type` with `variables`; a fresh key unless one is given (the same key = the same job again). */
export function jobOf(type: string, variables: Record<string, unknown>, key?: string): JobInput {
  const jobKey = key ?? String(nextKey++);
  return {
    key: jobKey,
    type,
    processInstanceKey: '2251799813685000',
    elementInstanceKey: String(Number(jobKey) - 1),
    elementId: type.split('.').pop() ?? type,
    bpmnProcessId: 'request-lifecycle',
    retries: 3,
    variables,
  };
}

/** Units of the demo organisation the specs use. */
export const DEMO = {
  township: 'dingshan',
  village: 'dingshan-huangliang',
  villageGroup: 'village:dingshan-huangliang',
  townshipGroup: 'township:dingshan',
} as const;

/** A received request, assessed and on the ledger of the demo village (or township) at T0. */
export function requestOnLedger(given: Given, id: string, level: 'village' | 'township' = 'village'): number {
  const { db } = given.store;
  receive(db, id, { townshipId: DEMO.township, villageId: DEMO.village });
  const unitId = level === 'village' ? DEMO.village : DEMO.township;
  assessRequest(db, id, {
    listType: 'individual',
    domain: 'water_resources',
    difficulty: level === 'village' ? 'easy' : 'hard',
    level,
    responsibleUnitId: unitId,
    timeLimitDays: level === 'village' ? 15 : 30,
    deadline: deadlineFrom(T0, level === 'village' ? 15 : 30),
  });
  return openLedgerEntry(db, id, level, unitId, T0).entry.id;
}
