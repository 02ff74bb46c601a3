import { describe, expect, it } from 'vitest';
import { caseFile } from '../../store/case-file.js';
import { pendingNotifications } from '../../store/notifications.js';
import { urgingsOfRequest } from '../../store/urgings.js';
import { DEMO, givenStore, jobOf, requestOnLedger } from '../shared/testing.js';
import { urgeHandler } from './handler.js';

const VARS = {
  requestId: 'R-1',
  responsibleUnit: DEMO.villageGroup,
  deadlines: { deadline: '2024-05-25T01:00:00Z', warnAt: '2024-05-22T01:00:00Z' },
};

describe('suqiu.supervision.urge', () => {
  it('records the urging against the unit and sends the notice through the outbox', async () => {
    // given
    const g = givenStore();
    requestOnLedger(g, 'R-1');

    // when
    await urgeHandler(jobOf('suqiu.supervision.urge', VARS), g.deps);

    // then
    expect(urgingsOfRequest(g.store.db, 'R-1')).toMatchObject([{ kind: 'urging', unitId: DEMO.village, deadline: new Date('2024-05-25T01:00:00Z') }]);
    const notices = pendingNotifications(g.store.db);
    expect(notices[0]).toMatchObject({ channel: 'internal', recipient: DEMO.village, requestId: 'R-1' });
    expect(notices[0]!.text).toContain('催办通知');
    expect(caseFile(g.store.db, 'R-1').map((e) => e.kind)).toContain('urged');
  });

  it('records once when the same job runs again', async () => {
    // given
    const g = givenStore();
    requestOnLedger(g, 'R-1');
    const job = jobOf('suqiu.supervision.urge', VARS);
    await urgeHandler(job, g.deps);
    const notices = pendingNotifications(g.store.db).length;

    // when
    await urgeHandler(job, g.deps);

    // then
    expect(urgingsOfRequest(g.store.db, 'R-1')).toHaveLength(1);
    expect(pendingNotifications(g.store.db)).toHaveLength(notices);
  });
});
