import { describe, expect, it } from 'vitest';
import { caseFile } from '../../store/case-file.js';
import { ledgerHistory } from '../../store/ledger.js';
import { pendingNotifications } from '../../store/notifications.js';
import { recordReturn, returnsOf } from '../../store/returns.js';
import { DEMO, givenStore, jobOf, requestOnLedger, T0 } from '../shared/testing.js';
import { rejectReturnHandler } from './handler.js';

describe('suqiu.return.reject', () => {
  it('records the rejection, leaves the request with the unit and tells it why', async () => {
    // given
    const g = givenStore();
    requestOnLedger(g, 'R-1');
    const row = recordReturn(g.store.db, { requestId: 'R-1', unitId: DEMO.village, level: 'village', reason: 'unclear_ownership', at: T0, idempotencyKey: 'return:1' });
    const job = jobOf('suqiu.return.reject', { requestId: 'R-1', returnId: String(row.id), decisionNote: '属本村职责', responsibleUnit: DEMO.villageGroup });

    // when
    const out = await rejectReturnHandler(job, g.deps);
    await rejectReturnHandler(job, g.deps);

    // then
    expect(out).toEqual({});
    expect(returnsOf(g.store.db, 'R-1')).toMatchObject([{ decision: 'rejected', decisionNote: '属本村职责', redispatchedToUnitId: null }]);
    expect(caseFile(g.store.db, 'R-1').filter((e) => e.kind === 'return_rejected')).toHaveLength(1);
    expect(ledgerHistory(g.store.db, 'R-1').entries).toMatchObject([{ unitId: DEMO.village, closedAt: null }]);
    const notices = pendingNotifications(g.store.db);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ channel: 'internal', recipient: DEMO.village });
    expect(notices[0]!.text).toContain('属本村职责');
  });

  it('raises an incident for a return of another request', async () => {
    // given
    const g = givenStore();
    requestOnLedger(g, 'R-1');
    requestOnLedger(g, 'R-2');
    const other = recordReturn(g.store.db, { requestId: 'R-2', unitId: DEMO.village, level: 'village', reason: 'other', note: 'x', at: T0, idempotencyKey: 'return:2' });

    // when / then
    await expect(rejectReturnHandler(jobOf('suqiu.return.reject', { requestId: 'R-1', returnId: String(other.id), responsibleUnit: DEMO.villageGroup }), g.deps))
      .rejects.toMatchObject({ name: 'IncidentError' });
    expect(returnsOf(g.store.db, 'R-2')[0]?.decision).toBeNull();
  });
});
