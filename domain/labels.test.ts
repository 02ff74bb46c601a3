import { describe, expect, it } from 'vitest';
import { vocabulary } from './labels.js';

describe('vocabulary', () => {
  it('lists codes in order, labels them and recognises only its own codes', () => {
    // given
    const colours = vocabulary<'red' | 'black'>({ red: '红榜', black: '黑榜' });

    // when
    const recognised = ['red', 'black', 'blue', 3, undefined].map((v) => colours.is(v));

    // then
    expect(colours.codes).toEqual(['red', 'black']);
    expect(colours.label('black')).toBe('黑榜');
    expect(recognised).toEqual([true, true, false, false, false]);
  });
});
