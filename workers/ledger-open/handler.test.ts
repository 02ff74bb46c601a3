import { describe, expect, it } from 'vitest';
import { caseFile } from '../../store/case-file.js';
import { ledgerHistory } from '../../store/ledger.js';
import { getRequest } from '../../store/requests.js';
import { receive } from '../../store/testing.js';
import { IncidentError } from '../shared/job.js';
import { DEMO, givenStore, jobOf, T0 } from '../shared/testing.js';
import { openLedger } from './handler.js';

const VARS = {
  requestId: 'R-1',
  level: 'village',
  responsibleUnit: DEMO.villageGroup,
  listType: 'individual',
  domain: 'urban_rural_construction',
  difficulty: 'easy',
  timeLimitDays: 15,
};

describe('suqiu.ledger.open', () => {
  it('records the assessment and opens the ledger entry of the responsible unit', async () => {
    // given
    const g = givenStore();
    receive(g.store.db, 'R-1');

    // when
    const out = await openLedger(jobOf('suqiu.ledger.open', VARS), g.deps);

    // then
    const { entries } = ledgerHistory(g.store.db, 'R-1');
    expect(entries).toHaveLength(1);
    expect(out).toEqual({ ledgerEntryId: String(entries[0]!.id) });
    expect(entries[0]).toMatchObject({ level: 'village', unitId: DEMO.village, openedAt: T0, closedAt: null });
    expect(getRequest(g.store.db, 'R-1')).toMatchObject({
      status: 'assigned',
      level: 'village',
      responsibleUnitId: DEMO.village,
      listType: 'individual',
      timeLimitDays: 15,
      deadline: new Date(T0.getTime() + 15 * 86_400_000),
    });
    expect(caseFile(g.store.db, 'R-1').map((e) => e.kind)).toEqual(['received', 'assessed', 'ledger_opened']);
  });

  it('changes nothing when the same job runs again', async () => {
    // given
    const g = givenStore();
    receive(g.store.db, 'R-1');
    const job = jobOf('suqiu.ledger.open', VARS);
    const first = await openLedger(job, g.deps);

    // when
    g.at(new Date(T0.getTime() + 86_400_000));
    const second = await openLedger(job, g.deps);

    // then
    expect(second).toEqual(first);
    expect(ledgerHistory(g.store.db, 'R-1').entries).toHaveLength(1);
    expect(getRequest(g.store.db, 'R-1')?.deadline).toEqual(new Date(T0.getTime() + 15 * 86_400_000));
    expect(caseFile(g.store.db, 'R-1')).toHaveLength(3);
  });

  it('raises an incident for a unit group the store does not know, and writes nothing', async () => {
    // given
    const g = givenStore();
    receive(g.store.db, 'R-1');

    // when
    const opened = openLedger(jobOf('suqiu.ledger.open', { ...VARS, responsibleUnit: 'village:nowhere' }), g.deps);

    // then
    await expect(opened).rejects.toThrow(IncidentError);
    expect(ledgerHistory(g.store.db, 'R-1').entries).toEqual([]);
    expect(getRequest(g.store.db, 'R-1')?.status).toBe('received');
  });
});
