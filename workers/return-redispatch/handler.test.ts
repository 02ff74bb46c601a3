import { describe, expect, it } from 'vitest';
import { ledgerHistory } from '../../store/ledger.js';
import { pendingNotifications } from '../../store/notifications.js';
import { getRequest } from '../../store/requests.js';
import { recordReturn, returnsOf } from '../../store/returns.js';
import { DEMO, givenStore, jobOf, requestOnLedger, T0, type Given } from '../shared/testing.js';
import { redispatchHandler } from './handler.js';

const DAY = 86_400_000;

function returned(g: Given): number {
  requestOnLedger(g, 'R-1');
  return recordReturn(g.store.db, { requestId: 'R-1', unitId: DEMO.village, level: 'village', reason: 'wrong_locality', at: T0, idempotencyKey: 'return:1' }).id;
}

const vars = (returnId: number, redispatchTo: string) => ({
  requestId: 'R-1',
  returnId: String(returnId),
  redispatchTo,
  decisionNote: '经核实属新桥村',
  responsibleUnit: DEMO.villageGroup,
  level: 'village',
  ledgerEntryId: '1',
});

describe('suqiu.return.redispatch', () => {
  it('moves the ledger entry to the named unit, with a fresh deadline, and tells both units', async () => {
    // given
    const g = givenStore();
    const returnId = returned(g);
    g.at(new Date(T0.getTime() + 2 * DAY));

    // when
    const out = await redispatchHandler(jobOf('suqiu.return.redispatch', vars(returnId, 'village:dingshan-xinqiao')), g.deps);

    // then
    const { entries, movements } = ledgerHistory(g.store.db, 'R-1');
    expect(entries.map((e) => [e.unitId, e.closeReason])).toEqual([
      [DEMO.village, 'redispatched'],
      ['dingshan-xinqiao', null],
    ]);
    expect(movements).toMatchObject([{ fromUnitId: DEMO.village, toUnitId: 'dingshan-xinqiao', reason: '退单改派(属地不符)' }]);
    expect(out).toEqual({ responsibleUnit: 'village:dingshan-xinqiao', responsibleUnitName: expect.stringContaining('新桥村'), level: 'village', ledgerEntryId: String(entries[1]!.id) });
    expect(getRequest(g.store.db, 'R-1')).toMatchObject({ responsibleUnitId: 'dingshan-xinqiao', level: 'village', deadline: new Date(T0.getTime() + 17 * DAY) });
    expect(returnsOf(g.store.db, 'R-1')).toMatchObject([{ decision: 'redispatched', redispatchedToUnitId: 'dingshan-xinqiao', decisionNote: '经核实属新桥村' }]);
    expect(pendingNotifications(g.store.db).map((n) => n.recipient).sort()).toEqual(['dingshan-huangliang', 'dingshan-xinqiao']);
  });

  it('moves to a district department at the district level', async () => {
    // given
    const g = givenStore();
    const returnId = returned(g);

    // when
    const out = await redispatchHandler(jobOf('suqiu.return.redispatch', vars(returnId, 'department:water-bureau')), g.deps);

    // then
    expect(out).toMatchObject({ responsibleUnit: 'department:water-bureau', responsibleUnitName: '区水利局', level: 'district' });
  });

  it('moves only once when the same job runs again', async () => {
    // given
    const g = givenStore();
    const returnId = returned(g);
    const job = jobOf('suqiu.return.redispatch', vars(returnId, 'village:dingshan-xinqiao'));
    const first = await redispatchHandler(job, g.deps);

    // when
    const second = await redispatchHandler(job, g.deps);

    // then
    expect(second).toEqual(first);
    expect(ledgerHistory(g.store.db, 'R-1').movements).toHaveLength(1);
  });

  it('raises an incident and moves nothing for no such unit, a body that handles no requests, or the returning unit itself', async () => {
    // given
    const g = givenStore();
    const returnId = returned(g);

    // when / then
    for (const target of ['village:no-such-village', 'township:dingshan-huangliang', 'district:joint-meeting', DEMO.villageGroup]) {
      await expect(redispatchHandler(jobOf('suqiu.return.redispatch', vars(returnId, target)), g.deps)).rejects.toMatchObject({ name: 'IncidentError' });
    }
    expect(ledgerHistory(g.store.db, 'R-1').movements).toEqual([]);
    expect(returnsOf(g.store.db, 'R-1')[0]?.decision).toBeNull();
    expect(getRequest(g.store.db, 'R-1')?.responsibleUnitId).toBe(DEMO.village);
  });
});
