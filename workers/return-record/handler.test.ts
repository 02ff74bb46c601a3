import { describe, expect, it } from 'vitest';
import { caseFile } from '../../store/case-file.js';
import { openEntryOf } from '../../store/ledger.js';
import { pendingNotifications } from '../../store/notifications.js';
import { returnsOf } from '../../store/returns.js';
import { DEMO, givenStore, jobOf, requestOnLedger, T0 } from '../shared/testing.js';
import { recordReturnHandler } from './handler.js';

const vars = (extra: Record<string, unknown> = {}) => ({
  requestId: 'R-1',
  responsibleUnit: DEMO.villageGroup,
  level: 'village',
  ledgerEntryId: '1',
  returnReason: 'wrong_locality',
  returnNote: '该地块属新桥村',
  ...extra,
});

describe('suqiu.return.record', () => {
  it('records the return against the unit and asks the special team to review it', async () => {
    // given
    const g = givenStore();
    const entryId = requestOnLedger(g, 'R-1');

    // when
    const out = await recordReturnHandler(jobOf('suqiu.return.record', vars()), g.deps);

    // then
    const [row] = returnsOf(g.store.db, 'R-1');
    expect(out).toEqual({ returnId: String(row!.id) });
    expect(row).toMatchObject({ unitId: DEMO.village, level: 'village', reason: 'wrong_locality', note: '该地块属新桥村', returnedAt: T0, decision: null });
    expect(caseFile(g.store.db, 'R-1').map((e) => e.kind)).toContain('returned');
    const [notice] = pendingNotifications(g.store.db);
    expect(notice).toMatchObject({ channel: 'internal', recipient: 'special-team', requestId: 'R-1' });
    expect(notice!.text).toContain('属地不符');
    // the unit keeps the ledger entry until the special team decides
    expect(openEntryOf(g.store.db, 'R-1')?.id).toBe(entryId);
  });

  it('records once when the same job runs again', async () => {
    // given
    const g = givenStore();
    requestOnLedger(g, 'R-1');
    const job = jobOf('suqiu.return.record', vars());
    const first = await recordReturnHandler(job, g.deps);

    // when
    const second = await recordReturnHandler(job, g.deps);

    // then
    expect(second).toEqual(first);
    expect(returnsOf(g.store.db, 'R-1')).toHaveLength(1);
    expect(pendingNotifications(g.store.db)).toHaveLength(1);
  });

  it('raises an incident for a return for another reason without a note, or for a reason not on the list', async () => {
    // given
    const g = givenStore();
    requestOnLedger(g, 'R-1');

    // when / then
    await expect(recordReturnHandler(jobOf('suqiu.return.record', vars({ returnReason: 'other', returnNote: null })), g.deps)).rejects.toThrow(/needs returnNote/);
    await expect(recordReturnHandler(jobOf('suqiu.return.record', vars({ returnReason: 'too_busy' })), g.deps)).rejects.toMatchObject({ name: 'IncidentError' });
    expect(returnsOf(g.store.db, 'R-1')).toEqual([]);
  });
});
