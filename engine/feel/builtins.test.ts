import { describe, expect, it } from 'vitest';
import { evaluateFeel, type FeelOutcome } from './index.js';

function valueOf(outcome: FeelOutcome): unknown {
  if (!outcome.ok) throw new Error(`expected success but got: ${outcome.message}`);
  return outcome.value;
}

function evaluate(expression: string, variables: Record<string, unknown> = {}): unknown {
  return valueOf(evaluateFeel(expression, variables));
}

/** a call that matches no signature: null plus a FUNCTION_INVOCATION_FAILURE warning */
function expectInvocationFailure(expression: string, variables: Record<string, unknown> = {}): string {
  const outcome = evaluateFeel(expression, variables);
  expect(outcome.ok).toBe(true);
  if (!outcome.ok) return '';
  expect(outcome.value).toBeNull();
  const warning = outcome.warnings.find((w) => w.startsWith('[FUNCTION_INVOCATION_FAILURE]'));
  expect(warning).toBeDefined();
  return warning ?? '';
}

describe('Zeebe builtins added on top of feelin', () => {
  describe('is defined', () => {
    it('is false for null and missing variables, true otherwise', () => {
      // given
      const variables = { present: 0, empty: '', nothing: null };

      // when
      const values = ['=is defined(present)', '=is defined(empty)', '=is defined(nothing)', '=is defined(missing)', '=is defined(present.x)'].map((e) =>
        evaluate(e, variables),
      );

      // then
      expect(values).toEqual([true, true, false, false, false]);
    });
  });

  describe('get or else', () => {
    it('returns the value unless it is null', () => {
      // given
      const variables = { set: 'a', unset: null };

      // when
      const values = ['=get or else(set, "b")', '=get or else(unset, "b")', '=get or else(missing, 5)', '=get or else(value: unset, default: 1)'].map((e) =>
        evaluate(e, variables),
      );

      // then
      expect(values).toEqual(['a', 'b', 5, 1]);
    });
  });

  describe('assert', () => {
    it('returns the value when the condition holds', () => {
      // given
      const variables = { amount: 5 };

      // when
      const value = evaluate('=assert(amount, amount > 0)', variables);

      // then
      expect(value).toBe(5);
    });

    it('fails the evaluation when the condition does not hold', () => {
      // given
      const variables = { amount: -5 };

      // when
      const outcome = evaluateFeel('=assert(amount, amount > 0)', variables);

      // then
      expect(outcome).toEqual({ ok: false, message: "Assertion failure on evaluate the expression 'assert(amount, amount > 0)': The condition is not fulfilled" });
    });

    it('fails with the given cause, also for a null condition', () => {
      // given
      const variables = {};

      // when
      const outcome = evaluateFeel('=assert(amount, amount > 0, "amount must be positive")', variables);

      // then
      expect(outcome).toEqual({ ok: false, message: "Assertion failure on evaluate the expression 'assert(amount, amount > 0, \"amount must be positive\")': amount must be positive" });
    });
  });

  describe('string functions', () => {
    it('trims blanks and control characters at both ends', () => {
      // given
      const variables = { s: '\t  Bazhou \n' };

      // when
      const value = evaluate('=trim(s)', variables);

      // then
      expect(value).toBe('Bazhou');
    });

    it('keeps ideographic spaces, as Java\'s trim does', () => {
      // given
      const variables = { s: '\u3000霸州 ' };

      // when
      const value = evaluate('=trim(s)', variables);

      // then
      expect(value).toBe('\u3000霸州');
    });

    it('tells blank strings apart', () => {
      // given
      const expressions = ['=is blank("")', '=is blank(" \t")', '=is blank(" a ")'];

      // when
      const values = expressions.map((e) => evaluate(e));

      // then
      expect(values).toEqual([true, true, false]);
    });

    it('creates random UUIDs', () => {
      // given
      const expression = '=uuid()';

      // when
      const first = evaluate(expression);
      const second = evaluate(expression);

      // then
      expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(second).not.toBe(first);
    });

    it('extracts all matches of a pattern', () => {
      // given
      const variables = { text: 'call 0317-123 or 0317-456' };

      // when
      const value = evaluate('=extract(text, "\\\\d{4}-\\\\d+")', variables);

      // then
      expect(value).toEqual(['0317-123', '0317-456']);
    });

    it('encodes and decodes base64 as UTF-8', () => {
      // given
      const expressions = ['=to base64("FEEL")', '=from base64("RkVFTA==")', '=from base64(to base64("霸州诉求"))'];

      // when
      const values = expressions.map((e) => evaluate(e));

      // then
      expect(values).toEqual(['RkVFTA==', 'FEEL', '霸州诉求']);
    });

    it('rejects invalid base64 with a warning', () => {
      // given
      const expression = '=from base64("not base64!")';

      // when
      const warning = expectInvocationFailure(expression);

      // then
      expect(warning).toBe("[FUNCTION_INVOCATION_FAILURE] Failed to invoke function 'from base64': Invalid Base64 value 'not base64!'");
    });

    it('refuses arguments of the wrong type with null and a warning', () => {
      // given
      const expression = '=trim(42)';

      // when
      const warning = expectInvocationFailure(expression);

      // then
      expect(warning).toBe("[FUNCTION_INVOCATION_FAILURE] Failed to invoke function 'trim': expected (string: string) but found (number)");
    });
  });

  describe('string join', () => {
    it('joins with and without a delimiter, skipping nulls', () => {
      // given
      const variables = { names: ['Li', null, 'Wang'] };

      // when
      const values = ['=string join(names)', '=string join(names, ", ")', '=string join(list: names, delimiter: "/")'].map((e) => evaluate(e, variables));

      // then
      expect(values).toEqual(['LiWang', 'Li, Wang', 'Li/Wang']);
    });

    it('wraps the result in prefix and suffix', () => {
      // given
      const variables = { names: ['Li', 'Wang'] };

      // when
      const values = ['=string join(names, ", ", "[", "]")', '=string join(names, null, "<", ">")'].map((e) => evaluate(e, variables));

      // then
      expect(values).toEqual(['[Li, Wang]', '<LiWang>']);
    });

    it('refuses a list with non-strings', () => {
      // given
      const expression = '=string join(["a", 1])';

      // when
      const warning = expectInvocationFailure(expression);

      // then
      expect(warning).toContain("expected a list of strings but found '1'");
    });
  });

  describe('list functions', () => {
    it('tells empty lists apart', () => {
      // given
      const variables = { none: [], some: [1] };

      // when
      const values = ['=is empty(none)', '=is empty(some)'].map((e) => evaluate(e, variables));

      // then
      expect(values).toEqual([true, false]);
    });

    it('finds duplicate values once each, in order of first occurrence', () => {
      // given
      const variables = { codes: ['b', 'a', 'b', 'c', 'a', 'b'], records: [{ id: 1, x: 2 }, { x: 2, id: 1 }, { id: 2 }] };

      // when
      const values = ['=duplicate values(codes)', '=duplicate values(records)', '=duplicate values([1, 2, 3])'].map((e) => evaluate(e, variables));

      // then
      expect(values).toEqual([['b', 'a'], [{ id: 1, x: 2 }], []]);
    });

    it('partitions a list into sublists of a size', () => {
      // given
      const variables = { ids: [1, 2, 3, 4, 5] };

      // when
      const values = ['=partition(ids, 2)', '=partition(ids, 5)', '=partition([], 3)'].map((e) => evaluate(e, variables));

      // then
      expect(values).toEqual([[[1, 2], [3, 4], [5]], [[1, 2, 3, 4, 5]], []]);
    });

    it('refuses a partition size below one', () => {
      // given
      const expression = '=partition([1, 2], 0)';

      // when
      const warning = expectInvocationFailure(expression);

      // then
      expect(warning).toContain("'size' should be greater than zero but was '0'");
    });
  });

  describe('context functions', () => {
    const variables = { citizen: { name: 'Wang', address: { town: 'Bazhou' } } };

    it('gets a value by key or by path', () => {
      // given
      const expressions = ['=get value(citizen, "name")', '=get value(citizen, ["address", "town"])', '=get value(citizen, "age")', '=get value(m: citizen, key: "name")', '=get value(context: citizen, keys: ["address"])'];

      // when
      const values = expressions.map((e) => evaluate(e, variables));

      // then
      expect(values).toEqual(['Wang', 'Bazhou', null, 'Wang', { town: 'Bazhou' }]);
    });

    it('lists the entries of a context', () => {
      // given
      const expression = '=get entries({a: 1, b: "x"})';

      // when
      const value = evaluate(expression);

      // then
      expect(value).toEqual([
        { key: 'a', value: 1 },
        { key: 'b', value: 'x' },
      ]);
    });

    it('puts a value by key or by path, creating missing levels', () => {
      // given
      const expressions = ['=context put(citizen, "age", 40)', '=context put(citizen, ["address", "zip"], "065700")', '=put({}, ["a", "b"], 1)'];

      // when
      const values = expressions.map((e) => evaluate(e, variables));

      // then
      expect(values).toEqual([
        { name: 'Wang', address: { town: 'Bazhou' }, age: 40 },
        { name: 'Wang', address: { town: 'Bazhou', zip: '065700' } },
        { a: { b: 1 } },
      ]);
    });

    it('merges contexts given as a list or as arguments, later keys winning', () => {
      // given
      const expressions = ['=context merge([{a: 1, b: 1}, {b: 2}])', '=context merge({a: 1}, {c: 3})', '=put all({a: 1}, {a: 2})'];

      // when
      const values = expressions.map((e) => evaluate(e));

      // then
      expect(values).toEqual([{ a: 1, b: 2 }, { a: 1, c: 3 }, { a: 2 }]);
    });

    it('refuses to merge something that is not a context', () => {
      // given
      const expression = '=context merge([{a: 1}, 5])';

      // when
      const warning = expectInvocationFailure(expression);

      // then
      expect(warning).toContain('expected a list of contexts');
    });
  });

  describe('JSON conversion', () => {
    it('writes values as compact JSON', () => {
      // given
      const expressions = ['=to json({a: 1, b: "foo", c: [true, null]})', '=to json("hello")', '=to json(null)'];

      // when
      const values = expressions.map((e) => evaluate(e));

      // then
      expect(values).toEqual(['{"a":1,"b":"foo","c":[true,null]}', '"hello"', 'null']);
    });

    it('writes temporal values in ISO form', () => {
      // given
      const expression = '=to json([@"2023-06-14", @"14:55:00", @"2023-06-14T14:55:00@Europe/Berlin", @"2023-06-14T14:55:00Z", @"PT2H30M", @"P1Y6M"])';

      // when
      const value = evaluate(expression);

      // then
      expect(JSON.parse(value as string)).toEqual(['2023-06-14', '14:55:00', '2023-06-14T14:55:00+02:00[Europe/Berlin]', '2023-06-14T14:55:00Z', 'PT2H30M', 'P1Y6M']);
    });

    it('reads JSON, leaving date strings as strings', () => {
      // given
      const variables = { json: '{"due": "2024-05-01", "ids": [1, 2], "ok": true}' };

      // when
      const values = ['=from json(json)', '=from json("null")', '=from json(null)'].map((e) => evaluate(e, variables));

      // then
      expect(values).toEqual([{ due: '2024-05-01', ids: [1, 2], ok: true }, null, null]);
    });

    it('refuses invalid JSON with a warning', () => {
      // given
      const expression = '=from json("invalid")';

      // when
      const warning = expectInvocationFailure(expression);

      // then
      expect(warning).toBe("[FUNCTION_INVOCATION_FAILURE] Failed to invoke function 'from json': Failed to parse JSON from 'invalid'");
    });
  });

  describe('temporal functions', () => {
    it('finds the last day of a month', () => {
      // given
      const expressions = ['=last day of month(date("2024-02-10"))', '=last day of month(date("2023-02-10"))', '=last day of month(date and time("2024-04-03T10:00:00Z"))'];

      // when
      const values = expressions.map((e) => evaluate(e));

      // then
      expect(values).toEqual(['2024-02-29', '2023-02-28', '2024-04-30']);
    });

    it('names the day of the week and the month, and counts ISO weeks (feelin\'s own)', () => {
      // given
      const expressions = ['=day of week(date("2024-05-01"))', '=month of year(date("2024-05-01"))', '=week of year(date("2024-12-30"))', '=day of year(date("2024-12-31"))', '=day of week(date and time("2024-05-05T10:00:00Z"))'];

      // when
      const values = expressions.map((e) => evaluate(e));

      // then
      expect(values).toEqual(['Wednesday', 'May', 1, 366, 'Sunday']);
    });
  });

  describe('numeric functions', () => {
    it('draws random numbers between 0 and 1', () => {
      // given
      const expression = '=random number()';

      // when
      const values = Array.from({ length: 20 }, () => evaluate(expression) as number);

      // then
      for (const value of values) expect(value >= 0 && value < 1).toBe(true);
    });
  });

  describe('invocation', () => {
    it('refuses unknown parameter names and surplus arguments', () => {
      // given
      const expressions = ['=trim(text: " a ")', '=is empty([], [])'];

      // when
      const warnings = expressions.map((e) => expectInvocationFailure(e));

      // then
      expect(warnings[0]).toContain("unknown parameter 'text'");
      expect(warnings[1]).toContain('found 2 arguments');
    });
  });
});
