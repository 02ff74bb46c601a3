import { describe, expect, it } from 'vitest';
import { countRehandling } from './follow-ups.js';
import { currentRound, recordSignOff, signOffCheck, signOffsOf } from './sign-offs.js';
import { receive, storeWithOrganisation } from './testing.js';

describe('four-party sign-off', () => {
  it('records each role once and says who is missing', () => {
    // given
    const { db, close } = storeWithOrganisation();
    receive(db, 'r1');

    // when
    const first = recordSignOff(db, { requestId: 'r1', role: 'handler', signerName: '（演示）网格员', signerStaffId: 'dingshan-huangliang-staff-2' });
    const again = recordSignOff(db, { requestId: 'r1', role: 'handler', signerName: 'someone else' });

    // then
    expect(first.recorded).toBe(true);
    expect(again.recorded).toBe(false);
    expect(again.check.missing).toEqual(['citizen', 'leader_in_charge', 'main_leader']);
    close();
  });

  it('is complete with all four, and a re-handling needs four new signatures', () => {
    // given
    const { db, close } = storeWithOrganisation();
    receive(db, 'r1');
    for (const role of ['citizen', 'handler', 'leader_in_charge', 'main_leader'] as const) {
      recordSignOff(db, { requestId: 'r1', role, signerName: role });
    }
    const complete = signOffCheck(db, 'r1');

    // when
    countRehandling(db, { requestId: 'r1', idempotencyKey: 'rehandle:1' });

    // then
    expect(complete.complete).toBe(true);
    expect(currentRound(db, 'r1')).toBe(2);
    expect(signOffCheck(db, 'r1').missing).toHaveLength(4);
    expect(signOffCheck(db, 'r1', 1).complete).toBe(true);
    expect(signOffsOf(db, 'r1').map((s) => [s.round, s.role])).toEqual([
      [1, 'citizen'], [1, 'handler'], [1, 'leader_in_charge'], [1, 'main_leader'],
    ]);
    close();
  });
});
