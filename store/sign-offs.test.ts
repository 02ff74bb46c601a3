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
    const first = recordSignOff(db, { requestId: 'r1', role: 'handler', signerName: '（演示）网格员', signerStaffId: 'dingshan-huangliang-staff-2', method: 'login' });
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
    const signers = { citizen: undefined, handler: 'dingshan-huangliang-staff-2', leader_in_charge: 'dingshan-huangliang-staff-3', main_leader: 'dingshan-huangliang-staff-1' } as const;
    for (const [role, signerStaffId] of Object.entries(signers) as [keyof typeof signers, string | undefined][]) {
      recordSignOff(db, { requestId: 'r1', role, signerName: role, signerStaffId, method: signerStaffId === undefined ? 'lookup_code' : 'login' });
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

  it('counts only a person\'s act: a row that says how its signer proved it, and for staff who signed', () => {
    // given: the citizen signed with the lookup code; the handler's row names no member of staff;
    // the leaders' rows say nothing of how they were given
    const { db, close } = storeWithOrganisation();
    receive(db, 'r1');
    recordSignOff(db, { requestId: 'r1', role: 'citizen', signerName: '诉求人', method: 'lookup_code' });
    recordSignOff(db, { requestId: 'r1', role: 'handler', signerName: '黄梁村网格员', method: 'login' });
    recordSignOff(db, { requestId: 'r1', role: 'leader_in_charge', signerName: '黄梁村副主任', signerStaffId: 'dingshan-huangliang-staff-3' });
    recordSignOff(db, { requestId: 'r1', role: 'main_leader', signerName: '黄梁村支书' });

    // when
    const check = signOffCheck(db, 'r1');

    // then
    expect(check).toEqual({ complete: false, missing: ['handler', 'leader_in_charge', 'main_leader'] });
    close();
  });
});
