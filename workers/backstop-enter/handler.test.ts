import { describe, expect, it } from 'vitest';
import { backstopCasesOf } from '../../store/backstop.js';
import { caseFile } from '../../store/case-file.js';
import { pendingNotifications } from '../../store/notifications.js';
import { givenStore, jobOf, requestOnLedger, T0 } from '../shared/testing.js';
import { enterBackstop } from './handler.js';

describe('suqiu.backstop.enter', () => {
  it('makes the request a backstop case and puts it before the joint meeting', async () => {
    // given
    const g = givenStore();
    const entryId = requestOnLedger(g, 'R-1');

    // when
    const out = await enterBackstop(jobOf('suqiu.backstop.enter', { requestId: 'R-1', ledgerEntryId: String(entryId) }), g.deps);

    // then
    expect(out).toEqual({ backstopCaseId: 'BS-R-1-1' });
    expect(backstopCasesOf(g.store.db, 'R-1')).toMatchObject([
      { id: 'BS-R-1-1', ledgerEntryId: entryId, enteredAt: T0, plan: null, resolvedAt: null, reviews: [] },
    ]);
    expect(caseFile(g.store.db, 'R-1').filter((e) => e.kind === 'backstop_entered')).toHaveLength(1);
    const notices = pendingNotifications(g.store.db);
    expect(notices.map((n) => n.recipient)).toContain('joint-meeting');
    expect(notices.every((n) => n.requestId === 'R-1' && n.text.includes('兜底'))).toBe(true);
  });

  it('changes nothing when the same job runs again; a later job opens a second case', async () => {
    // given
    const g = givenStore();
    requestOnLedger(g, 'R-1');
    const job = jobOf('suqiu.backstop.enter', { requestId: 'R-1', ledgerEntryId: '1' });
    await enterBackstop(job, g.deps);
    const notices = pendingNotifications(g.store.db).length;

    // when
    const again = await enterBackstop(job, g.deps);
    const later = await enterBackstop(jobOf('suqiu.backstop.enter', { requestId: 'R-1', ledgerEntryId: '1' }), g.deps);

    // then
    expect(again).toEqual({ backstopCaseId: 'BS-R-1-1' });
    expect(later).toEqual({ backstopCaseId: 'BS-R-1-2' });
    expect(pendingNotifications(g.store.db)).toHaveLength(notices * 2);
    expect(backstopCasesOf(g.store.db, 'R-1').map((c) => c.id)).toEqual(['BS-R-1-1', 'BS-R-1-2']);
  });
});
