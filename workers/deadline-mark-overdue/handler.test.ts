import { describe, expect, it } from 'vitest';
import { caseFile } from '../../store/case-file.js';
import { pendingNotifications } from '../../store/notifications.js';
import { getRequest } from '../../store/requests.js';
import { DEMO, givenStore, jobOf, requestOnLedger, T0 } from '../shared/testing.js';
import { markOverdueHandler } from './handler.js';

const VARS = {
  requestId: 'R-1',
  ledgerEntryId: '1',
  responsibleUnit: DEMO.villageGroup,
  deadlines: { deadline: '2024-05-25T01:00:00Z', warnAt: '2024-05-22T01:00:00Z' },
};

describe('suqiu.deadline.mark-overdue', () => {
  it('marks the request overdue and tells the unit and the supervisors', async () => {
    // given
    const g = givenStore();
    requestOnLedger(g, 'R-1');
    const due = new Date(T0.getTime() + 15 * 86_400_000);
    g.at(due);

    // when
    const out = await markOverdueHandler(jobOf('suqiu.deadline.mark-overdue', VARS), g.deps);

    // then
    expect(out).toEqual({ overdue: true });
    expect(getRequest(g.store.db, 'R-1')?.overdueAt).toEqual(due);
    expect(pendingNotifications(g.store.db).map((n) => n.recipient)).toContain(DEMO.village);
  });

  it('changes nothing when the same job runs again', async () => {
    // given
    const g = givenStore();
    requestOnLedger(g, 'R-1');
    const job = jobOf('suqiu.deadline.mark-overdue', VARS);
    await markOverdueHandler(job, g.deps);
    const notices = pendingNotifications(g.store.db).length;

    // when
    g.at(new Date(T0.getTime() + 86_400_000));
    await markOverdueHandler(job, g.deps);

    // then
    expect(getRequest(g.store.db, 'R-1')?.overdueAt).toEqual(T0);
    expect(pendingNotifications(g.store.db)).toHaveLength(notices);
    expect(caseFile(g.store.db, 'R-1').filter((e) => e.kind === 'overdue')).toHaveLength(1);
  });
});
