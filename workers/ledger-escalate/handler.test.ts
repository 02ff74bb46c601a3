import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Conn } from '../../store/db.js';
import { ledgerHistory, openLedgerEntry } from '../../store/ledger.js';
import { ledgerEntries } from '../../store/schema.js';
import { getRequest } from '../../store/requests.js';
import { DEMO_DUTIES } from '../../store/seed/demo.js';
import { DEMO, givenStore, jobOf, requestOnLedger, T0 } from '../shared/testing.js';
import { escalate } from './handler.js';

const WATER = DEMO_DUTIES.water_resources;
const closeEntry = (tx: Conn, id: number) => tx.update(ledgerEntries).set({ closedAt: T0, closeReason: 'redispatched' }).where(eq(ledgerEntries.id, id)).run();

const vars = (ledgerEntryId: number | string, level: string, responsibleUnit: string) => ({
  requestId: 'R-1',
  ledgerEntryId: String(ledgerEntryId),
  level,
  responsibleUnit,
  domain: 'water_resources',
  townshipId: DEMO.township,
});

describe('suqiu.ledger.escalate', () => {
  it('moves the ledger entry up a level, to the unit there, with a fresh time limit', async () => {
    // given
    const g = givenStore();
    const entryId = requestOnLedger(g, 'R-1', 'village');
    g.at(new Date(T0.getTime() + 5 * 86_400_000));

    // when
    const out = await escalate(jobOf('suqiu.ledger.escalate', vars(entryId, 'village', DEMO.villageGroup)), g.deps);

    // then
    const { entries, movements } = ledgerHistory(g.store.db, 'R-1');
    expect(entries.map((e) => [e.level, e.unitId, e.closeReason])).toEqual([
      ['village', DEMO.village, 'escalated'],
      ['township', DEMO.township, null],
    ]);
    expect(movements).toHaveLength(1);
    expect(out).toEqual({ level: 'township', responsibleUnit: DEMO.townshipGroup, ledgerEntryId: String(entries[1]!.id) });
    expect(getRequest(g.store.db, 'R-1')).toMatchObject({ level: 'township', responsibleUnitId: DEMO.township, deadline: new Date(T0.getTime() + 20 * 86_400_000) });
  });

  it('moves from the township to the department that leads on the domain', async () => {
    // given
    const g = givenStore();
    const entryId = requestOnLedger(g, 'R-1', 'township');

    // when
    const out = await escalate(jobOf('suqiu.ledger.escalate', vars(entryId, 'township', DEMO.townshipGroup)), g.deps);

    // then
    expect(out).toMatchObject({ level: 'district', responsibleUnit: `department:${DEMO_DUTIES.water_resources}` });
  });

  it('moves only once when the same job runs again', async () => {
    // given
    const g = givenStore();
    const entryId = requestOnLedger(g, 'R-1', 'village');
    const job = jobOf('suqiu.ledger.escalate', vars(entryId, 'village', DEMO.villageGroup));
    const first = await escalate(job, g.deps);

    // when
    const second = await escalate(job, g.deps);

    // then
    expect(second).toEqual(first);
    expect(ledgerHistory(g.store.db, 'R-1').movements).toHaveLength(1);
    expect(getRequest(g.store.db, 'R-1')?.level).toBe('township');
  });

  it('answers the unit that holds the district entry when the process still names the unit before a re-dispatch', async () => {
    // given: a village request re-dispatched to the water bureau (the ledger is at the district)
    const g = givenStore();
    const villageEntry = requestOnLedger(g, 'R-1', 'village');
    g.store.db.transaction((tx) => {
      closeEntry(tx, villageEntry);
      openLedgerEntry(tx, 'R-1', 'district', WATER, T0);
    });

    // when: the bureau cannot solve it, and the process (whose variables did not come back) still says village
    const out = await escalate(jobOf('suqiu.ledger.escalate', vars(villageEntry, 'village', DEMO.villageGroup)), g.deps);

    // then
    expect(out).toMatchObject({ level: 'district', responsibleUnit: `department:${WATER}` });
  });
});
