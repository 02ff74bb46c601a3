import { describe, expect, it } from 'vitest';
import { decideAfterFollowUp, isContent, satisfactions } from './satisfaction.js';

describe('follow-up and re-handling', () => {
  it('archives when the citizen is satisfied, basically satisfied or does not answer', () => {
    // given
    const outcomes = ['satisfied', 'basically_satisfied', 'no_response'] as const;

    // when
    const decisions = outcomes.map((o) => decideAfterFollowUp(o, 'village', 1));

    // then
    expect(decisions.every((d) => d.action === 'archive')).toBe(true);
  });

  it('re-handles a first refusal at the same level', () => {
    // given / when
    const decision = decideAfterFollowUp('unsatisfied', 'township', 0);

    // then
    expect(decision).toEqual({ action: 'rehandle', level: 'township' });
  });

  it('sends a second refusal one level up, and at the district to the backstop', () => {
    // given / when
    const fromVillage = decideAfterFollowUp('unsatisfied', 'village', 1);
    const fromDistrict = decideAfterFollowUp('unsatisfied', 'district', 1);

    // then
    expect(fromVillage).toEqual({ action: 'escalate', level: 'township' });
    expect(fromDistrict).toEqual({ action: 'backstop', level: 'district' });
  });

  it('counts satisfied and basically satisfied as content', () => {
    // given / when / then
    expect(satisfactions.codes.filter(isContent)).toEqual(['satisfied', 'basically_satisfied']);
  });
});
