import { describe, expect, it } from 'vitest';
import { levelForDifficulty } from './difficulty.js';
import { isBackstop, levelRank, nextLevelUp } from './level.js';

describe('routing by level', () => {
  it('sends easy to the village, hard to the township, major to the district', () => {
    // given
    const all = ['easy', 'hard', 'major'] as const;

    // when
    const routed = all.map(levelForDifficulty);

    // then
    expect(routed).toEqual(['village', 'township', 'district']);
  });
});

describe('escalation', () => {
  it('goes village → township → district and stops at the district backstop', () => {
    // given / when / then
    expect(nextLevelUp('village')).toBe('township');
    expect(nextLevelUp('township')).toBe('district');
    expect(nextLevelUp('district')).toBeUndefined();
    expect(isBackstop('district')).toBe(true);
    expect(isBackstop('township')).toBe(false);
    expect(levelRank('village')).toBeLessThan(levelRank('district'));
  });
});
