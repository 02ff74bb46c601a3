import { describe, expect, it } from 'vitest';
import { feelSource, feelStringLiteral, isFeel, mappingSourceToFeel, parseCsvList, targetPathProblem, toExpr } from './expressions.js';

describe('expressions', () => {
  it('treats a value starting with = (after trimming) as FEEL and strips the =', () => {
    // given
    const values = ['=a + b', '  = order.total ', 'plain', ' plain ', ''];

    // when
    const exprs = values.map(toExpr);

    // then
    expect(exprs).toEqual([
      { kind: 'feel', source: 'a + b' },
      { kind: 'feel', source: 'order.total' },
      { kind: 'static', value: 'plain' },
      { kind: 'static', value: ' plain ' },
      { kind: 'static', value: '' },
    ]);
    expect(isFeel(' =x')).toBe(true);
    expect(feelSource('x')).toBeUndefined();
    expect(feelSource('=  x ')).toBe('x');
  });

  it('turns static mapping sources into FEEL string literals with escaping', () => {
    // given
    const raw = 'say "hi"\\ then\nbye\t!';

    // when
    const literal = feelStringLiteral(raw);

    // then
    expect(literal).toBe('"say \\"hi\\"\\\\ then\\nbye\\t!"');
    expect(mappingSourceToFeel('=x.y')).toBe('x.y');
    expect(mappingSourceToFeel('42')).toBe('"42"');
  });

  it('parses static comma-separated lists and rejects blank entries', () => {
    // given / when / then
    expect(parseCsvList('a, b ,c')).toEqual(['a', 'b', 'c']);
    expect(parseCsvList('single')).toEqual(['single']);
    expect(parseCsvList('')).toEqual([]);
    expect(parseCsvList('a,,b')).toBeUndefined();
    expect(parseCsvList('a, ')).toBeUndefined();
  });

  it('accepts variable names and paths as mapping targets', () => {
    // given / when / then
    expect(targetPathProblem('result')).toBeUndefined();
    expect(targetPathProblem('order.customer_1.name')).toBeUndefined();
    expect(targetPathProblem(undefined)).toContain('missing');
    expect(targetPathProblem('1abc')).toContain('not a variable name');
    expect(targetPathProblem('a..b')).toContain('not a variable name');
    expect(targetPathProblem('a-b')).toContain('not a variable name');
    expect(targetPathProblem('true')).toContain('reserved word');
  });
});
