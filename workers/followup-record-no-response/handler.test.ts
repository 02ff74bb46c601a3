import { describe, expect, it } from 'vitest';
import { followUpsOf } from '../../store/follow-ups.js';
import { givenStore, jobOf, requestOnLedger } from '../shared/testing.js';
import { recordNoResponse } from './handler.js';

describe('suqiu.followup.record-no-response', () => {
  it('records that the citizen did not answer', async () => {
    // given
    const g = givenStore();
    requestOnLedger(g, 'R-1');

    // when
    const out = await recordNoResponse(jobOf('suqiu.followup.record-no-response', { requestId: 'R-1' }), g.deps);

    // then
    expect(out).toEqual({ satisfaction: 'no_response' });
    expect(followUpsOf(g.store.db, 'R-1')).toMatchObject([{ round: 1, outcome: 'no_response' }]);
  });

  it('records once when the same job runs again', async () => {
    // given
    const g = givenStore();
    requestOnLedger(g, 'R-1');
    const job = jobOf('suqiu.followup.record-no-response', { requestId: 'R-1' });
    await recordNoResponse(job, g.deps);

    // when
    const again = await recordNoResponse(job, g.deps);

    // then
    expect(again).toEqual({ satisfaction: 'no_response' });
    expect(followUpsOf(g.store.db, 'R-1')).toHaveLength(1);
  });
});
