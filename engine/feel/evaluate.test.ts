import { describe, expect, it } from 'vitest';
import { evaluateFeel, type FeelOutcome } from './index.js';

function valueOf(outcome: FeelOutcome): unknown {
  if (!outcome.ok) throw new Error(`expected success but got: ${outcome.message}`);
  return outcome.value;
}

function messageOf(outcome: FeelOutcome): string {
  if (outcome.ok) throw new Error(`expected failure but got: ${JSON.stringify(outcome.value)}`);
  return outcome.message;
}

describe('evaluateFeel', () => {
  describe('arithmetic and comparisons', () => {
    it('evaluates with or without the leading =', () => {
      // given
      const variables = { a: 2, b: 3 };

      // when
      const withPrefix = evaluateFeel('=a * b + 1', variables);
      const without = evaluateFeel('a * b + 1', variables);

      // then
      expect(withPrefix).toEqual({ ok: true, value: 7, warnings: [] });
      expect(without).toEqual({ ok: true, value: 7, warnings: [] });
    });

    it('computes decimals the way Zeebe stores them', () => {
      // given
      const variables = { price: 1.1 };

      // when
      const sum = evaluateFeel('=0.1 + 0.2', {});
      const product = evaluateFeel('=price * 100', variables);
      const third = evaluateFeel('=1 / 3', {});

      // then
      expect(valueOf(sum)).toBe(0.3);
      expect(valueOf(product)).toBe(110);
      expect(valueOf(third)).toBeCloseTo(0.3333333333333333, 15);
    });

    it('compares numbers, strings and null', () => {
      // given
      const variables = { amount: 500, name: 'Li' };

      // when
      const results = ['=amount > 100', '=amount <= 100', '=name = "Li"', '=name != "Li"', '=null = null', '=amount between 1 and 500', '=amount in [1..10]'].map(
        (e) => valueOf(evaluateFeel(e, variables)),
      );

      // then
      expect(results).toEqual([true, false, true, false, true, true, false]);
    });

    it('evaluates conditionals and boolean logic', () => {
      // given
      const variables = { amount: 1500, urgent: false };

      // when
      const result = evaluateFeel('=if amount > 1000 and not(urgent) then "review" else "auto"', variables);

      // then
      expect(valueOf(result)).toBe('review');
    });

    it('divides by zero to null, as Zeebe does', () => {
      // given
      const variables = { a: 1 };

      // when
      const result = evaluateFeel('=a / 0', variables);

      // then
      expect(valueOf(result)).toBeNull();
    });
  });

  describe('paths, filters and iteration', () => {
    const variables = {
      request: { citizen: { name: 'Wang', district: 'Bazhou' }, tags: ['water', 'road'] },
      items: [
        { id: 1, priority: 3, office: 'water' },
        { id: 2, priority: 7, office: 'roads' },
        { id: 3, priority: 9, office: 'water' },
      ],
      threshold: 5,
    };

    it('follows paths into nested contexts', () => {
      // given
      const expression = '=request.citizen.name';

      // when
      const result = evaluateFeel(expression, variables);

      // then
      expect(valueOf(result)).toBe('Wang');
    });

    it('filters a list with a condition that reads a variable', () => {
      // given
      const expression = '=items[priority > threshold].id';

      // when
      const result = evaluateFeel(expression, variables);

      // then
      expect(valueOf(result)).toEqual([2, 3]);
    });

    it('indexes lists from 1 and from the end', () => {
      // given
      const expressions = ['=request.tags[1]', '=request.tags[-1]', '=request.tags[5]'];

      // when
      const results = expressions.map((e) => valueOf(evaluateFeel(e, variables)));

      // then
      expect(results).toEqual(['water', 'road', null]);
    });

    it('projects a path over a list', () => {
      // given
      const expression = '=items.office';

      // when
      const result = evaluateFeel(expression, variables);

      // then
      expect(valueOf(result)).toEqual(['water', 'roads', 'water']);
    });

    it('iterates with for, some and every', () => {
      // given
      const expressions = ['=for i in items return i.id * 10', '=some i in items satisfies i.priority > 8', '=every i in items satisfies i.priority > 8'];

      // when
      const results = expressions.map((e) => valueOf(evaluateFeel(e, variables)));

      // then
      expect(results).toEqual([[10, 20, 30], true, false]);
    });

    it('builds contexts and lists as plain JSON', () => {
      // given
      const expression = '={office: items[1].office, ids: items.id, count: count(items)}';

      // when
      const result = evaluateFeel(expression, variables);

      // then
      expect(valueOf(result)).toEqual({ office: 'water', ids: [1, 2, 3], count: 3 });
    });

    it('sees builtins and variables inside nested scopes', () => {
      // given
      const expression = '=for i in items return trim(" " + i.office) + string(threshold)';

      // when
      const result = evaluateFeel(expression, variables);

      // then
      expect(valueOf(result)).toEqual(['water5', 'roads5', 'water5']);
    });

    it('calls FEEL functions defined in the expression', () => {
      // given
      const expression = '={double: function(x) x * 2, result: double(threshold)}.result';

      // when
      const result = evaluateFeel(expression, variables);

      // then
      expect(valueOf(result)).toBe(10);
    });

    it('reads variables whose names need backticks', () => {
      // given
      const withDash = { 'order-id': 42 };

      // when
      const result = evaluateFeel('=`order-id` + 1', withDash);

      // then
      expect(valueOf(result)).toBe(43);
    });
  });

  describe('variables', () => {
    it('evaluates a missing variable to null with a warning', () => {
      // given
      const variables = {};

      // when
      const result = evaluateFeel('=unknown', variables);

      // then
      expect(result).toEqual({ ok: true, value: null, warnings: ["[NO_VARIABLE_FOUND] No variable found with name 'unknown'"] });
    });

    it('evaluates a path through a missing variable to null', () => {
      // given
      const variables = { a: { b: 1 } };

      // when
      const missingRoot = evaluateFeel('=x.y.z', variables);
      const missingKey = evaluateFeel('=a.c', variables);

      // then
      expect(valueOf(missingRoot)).toBeNull();
      expect(valueOf(missingKey)).toBeNull();
      expect(missingKey.ok && missingKey.warnings.length).toBeGreaterThan(0);
    });

    it('keeps ISO date strings as strings', () => {
      // given
      const variables = { due: '2024-01-01T00:00:00Z', day: '2024-05-01' };

      // when
      const due = evaluateFeel('=due', variables);
      const comparison = evaluateFeel('=day < "2024-06-01"', variables);

      // then
      expect(valueOf(due)).toBe('2024-01-01T00:00:00Z');
      expect(valueOf(comparison)).toBe(true);
    });

    it('turns an ISO string variable into a date and time on request', () => {
      // given
      const variables = { due: '2024-01-01T00:00:00Z' };

      // when
      const result = evaluateFeel('=date and time(due) + duration("P1D")', variables);

      // then
      expect(valueOf(result)).toBe('2024-01-02T00:00:00Z');
    });

    it('does not modify the variables it is given', () => {
      // given
      const variables = { list: [3, 1, 2], ctx: { a: 1 }, items: [{ p: 1 }, { p: 2 }] };
      const before = structuredClone(variables);

      // when
      evaluateFeel('={s: sort(list, function(x, y) x < y), p: context put(ctx, "b", 2), f: items[p > 1], r: reverse(list)}', variables);

      // then
      expect(variables).toEqual(before);
    });

    it('returns copies, not the variables themselves', () => {
      // given
      const variables = { ctx: { a: [1] } };

      // when
      const result = valueOf(evaluateFeel('=ctx', variables)) as { a: number[] };
      result.a.push(2);

      // then
      expect(variables.ctx.a).toEqual([1]);
    });

    it('lets a variable shadow a builtin of the same name', () => {
      // given
      const variables = { trim: 'not a function' };

      // when
      const result = evaluateFeel('=trim', variables);

      // then
      expect(valueOf(result)).toBe('not a function');
    });

    it('handles a __proto__ variable as an ordinary name', () => {
      // given
      const variables = JSON.parse('{"__proto__": {"polluted": true}, "x": 1}') as Record<string, unknown>;

      // when
      const result = evaluateFeel('=x', variables);

      // then
      expect(valueOf(result)).toBe(1);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  });

  describe('failures', () => {
    it('reports a syntax error without throwing and names the expression', () => {
      // given
      const expression = '=a +* b';

      // when
      const result = evaluateFeel(expression, { a: 1, b: 2 });

      // then
      expect(messageOf(result)).toBe("failed to parse expression 'a +* b': unexpected '*' at column 4");
    });

    it('reports an empty expression', () => {
      // given
      const expression = '=  ';

      // when
      const result = evaluateFeel(expression, {});

      // then
      expect(messageOf(result)).toBe("failed to parse expression '': the expression is empty");
    });

    it('turns a runtime type error into null with a warning', () => {
      // given
      const variables = { name: 'Li' };

      // when
      const result = evaluateFeel('=name + 1', variables);

      // then
      expect(result.ok).toBe(true);
      expect(valueOf(result)).toBeNull();
      expect(result.ok && result.warnings[0]).toMatch(/^\[INVALID_TYPE\]/);
    });

    it('calls an unknown function without throwing', () => {
      // given
      const expression = '=unknownFunction(1)';

      // when
      const result = evaluateFeel(expression, {});

      // then
      expect(valueOf(result)).toBeNull();
      expect(result.ok && result.warnings[0]).toBe("[NO_VARIABLE_FOUND] No variable found with name 'unknownFunction'");
    });

    it('fails when the result is a function', () => {
      // given
      const expression = '=function(a) a + 1';

      // when
      const result = evaluateFeel(expression, {});

      // then
      expect(messageOf(result)).toBe("failed to evaluate expression 'function(a) a + 1': the result is a function (a), which cannot be stored as a variable");
    });

    it('fails when the result is or contains a range', () => {
      // given
      const expressions = ['=[1..10]', '={r: (1..5]}'];

      // when
      const messages = expressions.map((e) => messageOf(evaluateFeel(e, {})));

      // then
      expect(messages).toEqual([
        "failed to evaluate expression '[1..10]': the result is a range [1..10], which cannot be stored as a variable",
        "failed to evaluate expression '{r: (1..5]}': the result contains a range (1..5] at 'r', which cannot be stored as a variable",
      ]);
    });

    it('stores a non-finite number as null with a warning', () => {
      // given
      const variables = { big: 1e308 };

      // when
      const result = evaluateFeel('=big * 10', variables);

      // then
      expect(valueOf(result)).toBeNull();
      expect(result.ok && result.warnings[0]).toMatch(/not a finite number/);
    });

    it('never throws, whatever it is given', () => {
      // given
      const inputs: Array<[unknown, unknown]> = [
        [undefined, {}],
        [null, null],
        ['=date("-0001-01-01")', {}],
        ['=started by([1..2], 1)', {}],
        ['=' + '['.repeat(2000), {}],
        ['=for i in 1..3 return', {}],
      ];

      // when
      const outcomes = inputs.map(([source, variables]) =>
        evaluateFeel(source as string, variables as Record<string, unknown>),
      );

      // then
      expect(outcomes.map((o) => o.ok)).toEqual([false, false, false, true, false, false]);
      expect(outcomes[0]).toEqual({ ok: false, message: "failed to parse expression 'undefined': expected the expression as text but got undefined" });
    });
  });

  describe('remembered results', () => {
    it('gives the same result for the same expression and mentioned variables, and follows changed ones', () => {
      // given
      const expression = '=duration("P" + string(days) + "D")';

      // when
      const first = evaluateFeel(expression, { days: 15, other: 1 });
      const again = evaluateFeel(expression, { days: 15, other: 2 });
      const changed = evaluateFeel(expression, { days: 30 });

      // then
      expect(valueOf(first)).toBe('P15D');
      expect(valueOf(again)).toBe('P15D');
      expect(valueOf(changed)).toBe('P30D');
    });

    it('never remembers what reads the clock', () => {
      // given
      const expression = '=string(now())';

      // when
      const a = evaluateFeel(expression, {}, { now: new Date('2024-01-01T00:00:00Z') });
      const b = evaluateFeel(expression, {}, { now: new Date('2025-06-01T00:00:00Z') });

      // then
      expect(valueOf(a)).toContain('2024-01-01');
      expect(valueOf(b)).toContain('2025-06-01');
    });
  });
});
