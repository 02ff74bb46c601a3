import { describe, expect, it } from 'vitest';
import { caseFile } from '../../store/case-file.js';
import { closeRequest, getRequest } from '../../store/requests.js';
import { givenStore, jobOf, requestOnLedger } from '../shared/testing.js';
import { archiveCaseFile } from './handler.js';

describe('suqiu.casefile.archive', () => {
  it('archives the case file and the request', async () => {
    // given
    const g = givenStore();
    const entryId = requestOnLedger(g, 'R-1');
    closeRequest(g.store.db, 'R-1');

    // when
    const out = await archiveCaseFile(jobOf('suqiu.casefile.archive', { requestId: 'R-1', ledgerEntryId: String(entryId) }), g.deps);

    // then
    expect(out).toEqual({ caseFileId: 'CF-R-1' });
    expect(getRequest(g.store.db, 'R-1')?.status).toBe('archived');
    const archived = caseFile(g.store.db, 'R-1').find((e) => e.kind === 'archived');
    expect(archived?.detail).toMatchObject({ caseFileId: 'CF-R-1', events: 3, ledgerEntryId: String(entryId) });
  });

  it('changes nothing when the same job runs again', async () => {
    // given
    const g = givenStore();
    requestOnLedger(g, 'R-1');
    const job = jobOf('suqiu.casefile.archive', { requestId: 'R-1', ledgerEntryId: '1' });
    await archiveCaseFile(job, g.deps);
    const events = caseFile(g.store.db, 'R-1').length;

    // when
    const again = await archiveCaseFile(job, g.deps);

    // then
    expect(again).toEqual({ caseFileId: 'CF-R-1' });
    expect(caseFile(g.store.db, 'R-1')).toHaveLength(events);
  });
});
