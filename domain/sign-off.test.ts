import { describe, expect, it } from 'vitest';
import { checkSignOff } from './sign-off.js';

describe('four-party sign-off', () => {
  it('is complete only with all four signatures', () => {
    // given
    const signed = ['main_leader', 'citizen', 'handler', 'leader_in_charge', 'citizen'] as const;

    // when
    const check = checkSignOff(signed);

    // then
    expect(check).toEqual({ complete: true, missing: [] });
  });

  it('names who has not signed yet, in the fixed order', () => {
    // given
    const signed = ['handler'] as const;

    // when
    const check = checkSignOff(signed);

    // then
    expect(check.complete).toBe(false);
    expect(check.missing).toEqual(['citizen', 'leader_in_charge', 'main_leader']);
  });
});
