import { describe, expect, it } from 'vitest';
import { caseFile } from '../../store/case-file.js';
import { receive } from '../../store/testing.js';
import { givenStore, jobOf, requestOnLedger } from '../shared/testing.js';
import { updateBoard } from './handler.js';

const VARS = { requestId: 'R-1', level: 'village', listType: 'individual', domain: 'water_resources' };

describe('suqiu.board.update', () => {
  it('records what the board shows, without the citizen', async () => {
    // given
    const g = givenStore();
    requestOnLedger(g, 'R-1');

    // when
    const out = await updateBoard(jobOf('suqiu.board.update', VARS), g.deps);

    // then
    expect(out).toEqual({});
    const published = caseFile(g.store.db, 'R-1').find((e) => e.kind === 'published');
    expect(published?.detail).toEqual({ status: 'assigned', level: 'village', listType: 'individual', domain: 'water_resources' });
  });

  it('changes nothing when the same job runs again', async () => {
    // given
    const g = givenStore();
    receive(g.store.db, 'R-1', { citizen: { name: '张三', phone: '13812345678' } });
    const job = jobOf('suqiu.board.update', VARS);
    await updateBoard(job, g.deps);

    // when
    await updateBoard(job, g.deps);

    // then
    const published = caseFile(g.store.db, 'R-1').filter((e) => e.kind === 'published');
    expect(published).toHaveLength(1);
    expect(JSON.stringify(published)).not.toContain('张三');
  });
});
