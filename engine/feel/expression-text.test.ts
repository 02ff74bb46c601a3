import { describe, expect, it } from 'vitest';
import { isExpression, stripExpressionPrefix } from './index.js';

describe('isExpression', () => {
  it('recognises a leading = after blanks', () => {
    // given
    const raws = ['=a', '  = a + 1', '\n=x'];

    // when
    const results = raws.map(isExpression);

    // then
    expect(results).toEqual([true, true, true]);
  });

  it('treats everything else as a static value', () => {
    // given
    const raws = ['a', 'a = b', '', '  ', 'x='];

    // when
    const results = raws.map(isExpression);

    // then
    expect(results).toEqual([false, false, false, false, false]);
  });
});

describe('stripExpressionPrefix', () => {
  it('removes the leading = and the blanks before it', () => {
    // given
    const raw = '  =a + 1';

    // when
    const stripped = stripExpressionPrefix(raw);

    // then
    expect(stripped).toBe('a + 1');
  });

  it('removes only one =', () => {
    // given
    const raw = '==b';

    // when
    const stripped = stripExpressionPrefix(raw);

    // then
    expect(stripped).toBe('=b');
  });

  it('leaves a static value untouched', () => {
    // given
    const raw = ' static value ';

    // when
    const stripped = stripExpressionPrefix(raw);

    // then
    expect(stripped).toBe(' static value ');
  });
});
