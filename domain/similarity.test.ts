import { describe, expect, it } from 'vitest';
import { diceSimilarity, gramSet, textGrams } from './similarity.js';

describe('text grams', () => {
  it('cuts Chinese into overlapping character bigrams and keeps Latin letters and digits as whole words', () => {
    // given / when
    const grams = textGrams('G210国道旁,３号楼 Hello-World!');

    // then
    expect(grams).toEqual(['g210', '国道', '道旁', '3', '号楼', 'hello', 'world']);
  });

  it('keeps a lone Chinese character as itself and drops punctuation', () => {
    // given / when / then
    expect(textGrams('路,灯。')).toEqual(['路', '灯']);
    expect(textGrams('!!! ,。')).toEqual([]);
    expect(gramSet('路灯路灯')).toEqual(new Set(['路灯', '灯路']));
  });
});

describe('Dice similarity', () => {
  it('is 1 for the same text, 0 for texts that share nothing or are empty', () => {
    // given / when / then
    expect(diceSimilarity('村口路灯不亮', '村口路灯不亮')).toBe(1);
    expect(diceSimilarity('村口路灯不亮', '自来水停水')).toBe(0);
    expect(diceSimilarity('', '')).toBe(0);
  });

  it('ranks a retold duplicate above an unrelated request of the same place', () => {
    // given
    const text = '村口路灯坏了三天了';

    // when
    const retold = diceSimilarity(text, '村口的路灯坏了');
    const unrelated = diceSimilarity(text, '村口小卖部噪音扰民');

    // then
    expect(retold).toBeCloseTo(8 / 14, 5);
    expect(retold).toBeGreaterThan(unrelated);
  });

  it('is symmetric', () => {
    // given
    const a = '梁家垭新居点污水管道破损致污水横流';
    const b = '梁家垭新居点污水管破了,污水到处流';

    // when / then
    expect(diceSimilarity(a, b)).toBe(diceSimilarity(b, a));
  });
});
