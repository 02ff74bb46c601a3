import { describe, expect, it } from 'vitest';
import { closeRequest } from '../../store/requests.js';
import { receive } from '../../store/testing.js';
import { givenStore, jobOf } from '../shared/testing.js';
import { suggestAssessmentHandler } from './handler.js';

describe('suqiu.assessment.suggest', () => {
  it('suggests list type, domain and difficulty from the summary, with similar closed cases', async () => {
    // given
    const g = givenStore();
    receive(g.store.db, 'OLD-1', { text: '村里堰塘漏水' });
    closeRequest(g.store.db, 'OLD-1');

    // when
    const out = await suggestAssessmentHandler(
      jobOf('suqiu.assessment.suggest', { requestId: 'R-1', summary: '全村的堰塘整治后仍然漏水', channel: 'meeting' }),
      g.deps,
    );

    // then
    expect(out.suggestion).toMatchObject({ listType: 'collective', domain: 'water_resources', difficulty: 'hard', similarCases: ['OLD-1'] });
  });

  it('suggests no domain when no keyword matches', async () => {
    // given
    const g = givenStore();

    // when
    const out = await suggestAssessmentHandler(jobOf('suqiu.assessment.suggest', { requestId: 'R-1', summary: '其他事情', channel: 'hotline' }), g.deps);

    // then
    expect(out.suggestion).toMatchObject({ listType: 'other', domain: null, difficulty: 'easy', similarCases: [] });
  });
});
