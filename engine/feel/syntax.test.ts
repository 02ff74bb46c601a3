import { describe, expect, it } from 'vitest';
import { checkFeelSyntax, evaluateFeel } from './index.js';

describe('checkFeelSyntax', () => {
  it('accepts valid expressions, with or without =', () => {
    // given
    const sources = [
      '=a + 1',
      'a + 1',
      '=if x > 1 then "a" else "b"',
      '=items[p > 10].name',
      '={a: 1, b: [1, 2]}',
      '=for i in 1..3 return i',
      '=get or else(x, "default")',
      '=string join(names, ", ", "[", "]")',
      '=is defined(x) and last day of month(today()) = today()',
      '=`order-id`',
      '=date and time("2024-01-01T00:00:00Z")',
    ];

    // when
    const problems = sources.map(checkFeelSyntax);

    // then
    expect(problems).toEqual(sources.map(() => undefined));
  });

  it('points at an unexpected token', () => {
    // given
    const source = '=a +* b';

    // when
    const problem = checkFeelSyntax(source);

    // then
    expect(problem).toBe("failed to parse expression 'a +* b': unexpected '*' at column 4");
  });

  it('reports an expression that ends too early', () => {
    // given
    const sources = ['=1 +', '=if x then', '={a: 1', '=foo('];

    // when
    const problems = sources.map(checkFeelSyntax);

    // then
    expect(problems).toEqual([
      "failed to parse expression '1 +': unexpected end of expression at column 4 (incomplete arithmetic expression)",
      "failed to parse expression 'if x then': unexpected end of expression at column 10 (incomplete if expression)",
      "failed to parse expression '{a: 1': unexpected end of expression at column 6 (incomplete context)",
      "failed to parse expression 'foo(': unexpected end of expression at column 5 (incomplete function invocation)",
    ]);
  });

  it('gives line and column in multi-line expressions', () => {
    // given
    const source = '={\n  a: 1,\n  b: 2 2\n}';

    // when
    const problem = checkFeelSyntax(source);

    // then
    expect(problem).toMatch(/at line 3, column \d+/);
  });

  it('reports an empty expression', () => {
    // given
    const source = '=';

    // when
    const problem = checkFeelSyntax(source);

    // then
    expect(problem).toBe("failed to parse expression '': the expression is empty");
  });

  it('gives the same answer from its cache', () => {
    // given
    const source = '=a +* b';
    const first = checkFeelSyntax(source);

    // when
    const second = checkFeelSyntax(source);

    // then
    expect(second).toBe(first);
  });

  it('agrees with the evaluation of the same expression', () => {
    // given
    const source = '=if x then';

    // when
    const problem = checkFeelSyntax(source);
    const outcome = evaluateFeel(source, { x: true });

    // then
    expect(outcome).toEqual({ ok: false, message: problem });
  });
});
