import { describe, expect, it } from 'vitest';
import { caseFile } from '../../store/case-file.js';
import { pendingNotifications } from '../../store/notifications.js';
import { urgingsOfRequest } from '../../store/urgings.js';
import { DEMO, givenStore, jobOf, requestOnLedger } from '../shared/testing.js';
import { supervisionOrderHandler } from './handler.js';

const VARS = {
  requestId: 'R-1',
  responsibleUnit: DEMO.villageGroup,
  deadlines: { deadline: '2024-05-25T01:00:00Z', warnAt: '2024-05-22T01:00:00Z' },
};

describe('suqiu.supervision.order', () => {
  it('numbers each supervision order of a deadline and tells the unit and its leaders', async () => {
    // given
    const g = givenStore();
    requestOnLedger(g, 'R-1');
    await supervisionOrderHandler(jobOf('suqiu.supervision.order', VARS, '1'), g.deps);

    // when
    await supervisionOrderHandler(jobOf('suqiu.supervision.order', VARS, '2'), g.deps);

    // then
    expect(urgingsOfRequest(g.store.db, 'R-1').map((u) => u.kind)).toEqual(['supervision_order', 'supervision_order']);
    const texts = pendingNotifications(g.store.db).filter((n) => n.recipient === DEMO.village).map((n) => n.text);
    expect(texts).toHaveLength(2);
    expect(texts[1]).toContain('第 2 次');
    expect(pendingNotifications(g.store.db).some((n) => n.recipient.startsWith(`${DEMO.village}-staff-`))).toBe(true);
    expect(caseFile(g.store.db, 'R-1').filter((e) => e.kind === 'supervision_order')).toHaveLength(2);
  });

  it('records once when the same job runs again', async () => {
    // given
    const g = givenStore();
    requestOnLedger(g, 'R-1');
    const job = jobOf('suqiu.supervision.order', VARS);
    await supervisionOrderHandler(job, g.deps);
    const notices = pendingNotifications(g.store.db).length;

    // when
    await supervisionOrderHandler(job, g.deps);

    // then
    expect(urgingsOfRequest(g.store.db, 'R-1')).toHaveLength(1);
    expect(pendingNotifications(g.store.db)).toHaveLength(notices);
  });
});
