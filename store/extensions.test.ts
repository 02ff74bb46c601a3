import { describe, expect, it } from 'vitest';
import { caseFile } from './case-file.js';
import { extensionsOf, recordExtension } from './extensions.js';
import { day, receive, storeWithOrganisation } from './testing.js';

const ASKED = { requestId: 'r1', unitId: 'dingshan-huangliang', days: 10, reason: '需等待供电公司停电检修', requestedAt: day(5), oldDeadline: day(15) };

describe('extensions (延期)', () => {
  it('records an approved extension with its new deadline, once per key', () => {
    // given
    const { db, close } = storeWithOrganisation();
    receive(db, 'r1');

    // when
    const first = recordExtension(db, { ...ASKED, approved: true, newDeadline: day(25), decisionNote: '同意', decidedAt: day(6), idempotencyKey: 'grant:1', actor: 'system' });
    const again = recordExtension(db, { ...ASKED, approved: true, newDeadline: day(30), decidedAt: day(7), idempotencyKey: 'grant:1' });

    // then
    expect(again).toEqual(first);
    expect(extensionsOf(db, 'r1')).toMatchObject([
      { days: 10, reason: ASKED.reason, requestedAt: day(5), oldDeadline: day(15), approved: true, decisionNote: '同意', newDeadline: day(25), decidedAt: day(6) },
    ]);
    expect(caseFile(db, 'r1').filter((e) => e.kind === 'extension_granted')).toMatchObject([
      { at: day(6), detail: { days: 10, oldDeadline: day(15).toISOString(), newDeadline: day(25).toISOString(), note: '同意' } },
    ]);
    close();
  });

  it('records a refusal, saying whether the leader or the rule refused', () => {
    // given
    const { db, close } = storeWithOrganisation();
    receive(db, 'r1');

    // when
    recordExtension(db, { ...ASKED, approved: false, refusedBy: 'leader', decisionNote: '理由不充分', decidedAt: day(6), idempotencyKey: 'refuse:1' });
    recordExtension(db, { ...ASKED, requestedAt: day(16), approved: false, refusedBy: 'rule', decidedAt: day(16), idempotencyKey: 'refuse:2' });

    // then
    expect(extensionsOf(db, 'r1').map((e) => [e.approved, e.newDeadline, e.decisionNote])).toEqual([
      [false, null, '理由不充分'],
      [false, null, null],
    ]);
    expect(caseFile(db, 'r1').filter((e) => e.kind === 'extension_refused').map((e) => e.detail?.refusedBy)).toEqual(['leader', 'rule']);
    close();
  });
});
