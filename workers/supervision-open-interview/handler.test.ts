import { describe, expect, it } from 'vitest';
import { getInterview } from '../../store/interviews.js';
import { pendingNotifications } from '../../store/notifications.js';
import { DEMO, givenStore, jobOf } from '../shared/testing.js';
import { openInterviewHandler } from './handler.js';

const VARS = {
  progressReportId: '2024-W19',
  interviewee: { unit: DEMO.villageGroup, unitName: '黄梁村', reasons: ['black_list', 'low_closure_rate'] },
};

describe('suqiu.supervision.open-interview', () => {
  it('opens the interview record with the diagram\'s reasons and tells the unit and the discipline commission', async () => {
    // given
    const g = givenStore();

    // when
    const out = await openInterviewHandler(jobOf('suqiu.supervision.open-interview', VARS), g.deps);

    // then
    expect(getInterview(g.store.db, out.interviewId as number)).toMatchObject({
      unitId: DEMO.village,
      period: '2024-W19',
      reasons: ['black_list', 'low_closure_rate'],
      heldAt: null,
      checkedAt: null,
    });
    const notices = pendingNotifications(g.store.db);
    expect(notices.map((n) => n.recipient).sort()).toEqual(['discipline-commission', DEMO.village].sort());
    expect(notices[0]!.text).toContain('列入黑榜、化解率低');
  });

  it('opens one record when the same job runs again', async () => {
    // given
    const g = givenStore();
    const job = jobOf('suqiu.supervision.open-interview', VARS);
    const first = await openInterviewHandler(job, g.deps);

    // when
    const second = await openInterviewHandler(job, g.deps);

    // then
    expect(second).toEqual(first);
    expect(pendingNotifications(g.store.db)).toHaveLength(2);
  });
});
