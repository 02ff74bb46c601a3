import { describe, expect, it } from 'vitest';
import { caseFile } from '../../store/case-file.js';
import { pendingNotifications } from '../../store/notifications.js';
import { DEMO, givenStore, jobOf, requestOnLedger } from '../shared/testing.js';
import { warnDeadline } from './handler.js';

const VARS = {
  requestId: 'R-1',
  ledgerEntryId: '1',
  responsibleUnit: DEMO.villageGroup,
  deadlines: { deadline: '2024-05-25T01:00:00Z', warnAt: '2024-05-22T01:00:00Z' },
};

describe('suqiu.deadline.warn', () => {
  it('warns the responsible unit and the supervisors', async () => {
    // given
    const g = givenStore();
    requestOnLedger(g, 'R-1');

    // when
    const out = await warnDeadline(jobOf('suqiu.deadline.warn', VARS), g.deps);

    // then
    expect(out).toEqual({});
    const notices = pendingNotifications(g.store.db);
    expect(notices[0]).toMatchObject({ channel: 'internal', recipient: DEMO.village, requestId: 'R-1' });
    expect(notices[0]!.text).toContain('2024-05-25 09:00');
    expect(notices.length).toBeGreaterThan(1); // and the district's supervisors
    expect(caseFile(g.store.db, 'R-1').map((e) => e.kind)).toContain('deadline_warning');
  });

  it('warns once when the same job runs again', async () => {
    // given
    const g = givenStore();
    requestOnLedger(g, 'R-1');
    const job = jobOf('suqiu.deadline.warn', VARS);
    await warnDeadline(job, g.deps);
    const notices = pendingNotifications(g.store.db).length;

    // when
    await warnDeadline(job, g.deps);

    // then
    expect(pendingNotifications(g.store.db)).toHaveLength(notices);
  });
});
