import { describe, expect, it } from 'vitest';
import { pendingNotifications } from '../../store/notifications.js';
import { receive } from '../../store/testing.js';
import { givenStore, jobOf, requestOnLedger, DEMO } from '../shared/testing.js';
import { askSatisfaction } from './handler.js';

describe('suqiu.followup.ask', () => {
  it('texts a citizen who left a phone number', async () => {
    // given
    const g = givenStore();
    receive(g.store.db, 'R-1', { citizen: { name: '张三', phone: '13812345678' } });

    // when
    const out = await askSatisfaction(jobOf('suqiu.followup.ask', { requestId: 'R-1' }), g.deps);

    // then
    expect(out).toEqual({ followUpAskedAt: '2024-05-10T01:00:00Z' });
    expect(pendingNotifications(g.store.db).map((n) => [n.channel, n.recipient])).toEqual([['sms', '13812345678']]);
  });

  it('asks the responsible unit to call or visit a citizen without a phone', async () => {
    // given
    const g = givenStore();
    requestOnLedger(g, 'R-1');

    // when
    await askSatisfaction(jobOf('suqiu.followup.ask', { requestId: 'R-1' }), g.deps);

    // then
    expect(pendingNotifications(g.store.db).map((n) => [n.channel, n.recipient])).toEqual([['internal', DEMO.village]]);
  });

  it('asks once when the same job runs again', async () => {
    // given
    const g = givenStore();
    requestOnLedger(g, 'R-1');
    const job = jobOf('suqiu.followup.ask', { requestId: 'R-1' });
    const first = await askSatisfaction(job, g.deps);

    // when
    g.at(new Date(Date.parse(first.followUpAskedAt as string) + 60_000));
    const second = await askSatisfaction(job, g.deps);

    // then
    expect(second).toEqual(first);
    expect(pendingNotifications(g.store.db)).toHaveLength(1);
  });
});
