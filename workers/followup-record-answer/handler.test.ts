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

  it('records the three answers of the citizen\'s form as given', async () => {
    // given
    const g = givenStore();
    for (const id of ['R-1', 'R-2', 'R-3']) requestOnLedger(g, id);

    // when: the catch event's mapping has also set `satisfied` (基本满意 counts as satisfied)
    await recordAnswer(jobOf('suqiu.followup.record-answer', { requestId: 'R-1', satisfaction: 'satisfied', satisfied: true }), g.deps);
    await recordAnswer(jobOf('suqiu.followup.record-answer', { requestId: 'R-2', satisfaction: 'basically_satisfied', satisfied: true, feedback: '还行' }), g.deps);
    await recordAnswer(jobOf('suqiu.followup.record-answer', { requestId: 'R-3', satisfaction: 'unsatisfied', satisfied: false }), g.deps);

    // then
    expect(['R-1', 'R-2', 'R-3'].map((id) => followUpsOf(g.store.db, id)[0]?.outcome)).toEqual(['satisfied', 'basically_satisfied', 'unsatisfied']);
    expect(followUpsOf(g.store.db, 'R-2')[0]?.note).toBe('还行');
  });

  it('raises an incident for an answer that is not one of the three', async () => {
    // given
    const g = givenStore();
    requestOnLedger(g, 'R-1');

    // when / then
    await expect(recordAnswer(jobOf('suqiu.followup.record-answer', { requestId: 'R-1', satisfaction: 'no_response', satisfied: true }), g.deps)).rejects.toThrow(/variable "satisfaction"/);
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
