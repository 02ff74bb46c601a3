import { describe, expect, it } from 'vitest';
import { rehandlingCount } from '../../store/follow-ups.js';
import { escalateLedger, ledgerHistory } from '../../store/ledger.js';
import { closeRequest, getRequest } from '../../store/requests.js';
import { DEMO, givenStore, jobOf, requestOnLedger, T0 } from '../shared/testing.js';
import { countRehandlingHandler } from './handler.js';

const VARS = { requestId: 'R-1', ledgerEntryId: '1', responsibleUnit: DEMO.villageGroup };

describe('suqiu.ledger.count-rehandling', () => {
  it('counts a re-handling, reopens the request and its ledger entry with a fresh time limit', async () => {
    // given: closed, then the citizen was not satisfied
    const g = givenStore();
    requestOnLedger(g, 'R-1');
    closeRequest(g.store.db, 'R-1', T0);
    g.at(new Date(T0.getTime() + 2 * 86_400_000));

    // when
    const out = await countRehandlingHandler(jobOf('suqiu.ledger.count-rehandling', VARS), g.deps);

    // then
    expect(out).toEqual({ reHandleCount: 1 });
    expect(getRequest(g.store.db, 'R-1')).toMatchObject({ status: 'rehandling', closedAt: null, deadline: new Date(T0.getTime() + 17 * 86_400_000) });
    expect(ledgerHistory(g.store.db, 'R-1').entries.filter((e) => e.closedAt === null)).toMatchObject([{ level: 'village', unitId: DEMO.village }]);
  });

  it('answers the refusals at the current level so far: 2 on the second', async () => {
    // given
    const g = givenStore();
    requestOnLedger(g, 'R-1');
    await countRehandlingHandler(jobOf('suqiu.ledger.count-rehandling', VARS), g.deps);

    // when
    const second = await countRehandlingHandler(jobOf('suqiu.ledger.count-rehandling', VARS), g.deps);

    // then
    expect(second).toEqual({ reHandleCount: 2 });
  });

  it('counts afresh at the level the request moved up to: the first refusal there answers 1', async () => {
    // given: refused twice at the village, then moved up to the township
    const g = givenStore();
    requestOnLedger(g, 'R-1');
    await countRehandlingHandler(jobOf('suqiu.ledger.count-rehandling', VARS), g.deps);
    await countRehandlingHandler(jobOf('suqiu.ledger.count-rehandling', VARS), g.deps);
    escalateLedger(g.store.db, 'R-1', { idempotencyKey: 'escalate:1', at: T0 });

    // when
    const atTownship = await countRehandlingHandler(
      jobOf('suqiu.ledger.count-rehandling', { ...VARS, responsibleUnit: DEMO.townshipGroup }),
      g.deps,
    );

    // then
    expect(atTownship).toEqual({ reHandleCount: 1 });
    expect(rehandlingCount(g.store.db, 'R-1')).toBe(3);
    expect(rehandlingCount(g.store.db, 'R-1', 'township')).toBe(1);
  });

  it('counts once when the same job runs again', async () => {
    // given
    const g = givenStore();
    requestOnLedger(g, 'R-1');
    const job = jobOf('suqiu.ledger.count-rehandling', VARS);
    await countRehandlingHandler(job, g.deps);

    // when
    const again = await countRehandlingHandler(job, g.deps);

    // then
    expect(again).toEqual({ reHandleCount: 1 });
    expect(rehandlingCount(g.store.db, 'R-1')).toBe(1);
  });
});
