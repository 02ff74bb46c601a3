import { describe, expect, it } from 'vitest';
import { caseFile } from '../../store/case-file.js';
import { publicBoard } from '../../store/board.js';
import { getRequest } from '../../store/requests.js';
import { receive } from '../../store/testing.js';
import { givenStore, jobOf, T0 } from '../shared/testing.js';
import { closeInvalid } from './handler.js';

describe('suqiu.request.close-invalid', () => {
  it('closes the request as invalid with both notes, off the public board', async () => {
    // given
    const g = givenStore();
    receive(g.store.db, 'R-1');

    // when
    const out = await closeInvalid(jobOf('suqiu.request.close-invalid', { requestId: 'R-1', screeningNote: '重复诉求', explanationNote: '已当面解释' }), g.deps);

    // then
    expect(out).toEqual({ closedAt: '2024-05-10T01:00:00Z' });
    expect(getRequest(g.store.db, 'R-1')).toMatchObject({ status: 'invalid', closedAt: T0 });
    expect(caseFile(g.store.db, 'R-1').find((e) => e.kind === 'explained_invalid')?.detail).toEqual({ screeningNote: '重复诉求', explanationNote: '已当面解释' });
    expect(publicBoard(g.store.db)).toEqual([]);
  });

  it('changes nothing when the same job runs again', async () => {
    // given
    const g = givenStore();
    receive(g.store.db, 'R-1');
    const job = jobOf('suqiu.request.close-invalid', { requestId: 'R-1' });
    const first = await closeInvalid(job, g.deps);
    const events = caseFile(g.store.db, 'R-1').length;

    // when
    g.at(new Date(T0.getTime() + 3_600_000));
    const second = await closeInvalid(job, g.deps);

    // then
    expect(second).toEqual(first);
    expect(caseFile(g.store.db, 'R-1')).toHaveLength(events);
  });
});
