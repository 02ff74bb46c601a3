import { describe, expect, it } from 'vitest';
import { followUpsOf } from '../../store/follow-ups.js';
import { givenStore, jobOf, requestOnLedger } from '../shared/testing.js';
import { recordAnswer } from './handler.js';

describe('suqiu.followup.record-answer', () => {
  it('records the answer for the current handling round', async () => {
    // given
    const g = givenStore();
    requestOnLedger(g, 'R-1');

    // when
    const out = await recordAnswer(jobOf('suqiu.followup.record-answer', { requestId: 'R-1', satisfied: false, feedback: '路灯还是不亮' }), g.deps);

    // then
    expect(out).toEqual({});
    expect(followUpsOf(g.store.db, 'R-1')).toMatchObject([{ round: 1, outcome: 'unsatisfied', note: '路灯还是不亮', level: 'village' }]);
  });

  it('records once when the same job runs again', async () => {
    // given
    const g = givenStore();
    requestOnLedger(g, 'R-1');
    const job = jobOf('suqiu.followup.record-answer', { requestId: 'R-1', satisfied: true });
    await recordAnswer(job, g.deps);

    // when
    await recordAnswer(job, g.deps);

    // then
    expect(followUpsOf(g.store.db, 'R-1')).toHaveLength(1);
  });

  it('raises an incident when the answer has no `satisfied`', async () => {
    // given
    const g = givenStore();
    requestOnLedger(g, 'R-1');

    // when / then
    await expect(recordAnswer(jobOf('suqiu.followup.record-answer', { requestId: 'R-1' }), g.deps)).rejects.toThrow(/variable "satisfied"/);
  });
});
