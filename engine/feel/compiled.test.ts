import { evaluate } from 'feelin';
import { describe, expect, it } from 'vitest';
import { compiledFor, runCompiled } from './compiled.js';
import { withEvaluationState } from './evaluation-state.js';
import { evaluateFeel } from './index.js';
import { toFeelValue } from './result-value.js';
import { createScope, DIALECT, mentionedNames } from './scope.js';

const NOW = new Date('2024-05-06T08:00:00Z');

/** value and warnings of one evaluation, compiled or parsed, in comparable form */
function outcomeOf(run: () => { value: unknown; warnings: Array<{ type: string; message: string }> }): unknown {
  const own: string[] = [];
  try {
    const raw = withEvaluationState({ now: NOW, warnings: own }, run);
    return { value: toFeelValue(raw.value, []), warnings: raw.warnings.map((w) => `${w.type} ${w.message}`), own };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

describe('compiled expressions', () => {
  it('give what feelin gives for the text itself, value and warnings, evaluation after evaluation', () => {
    // given: expressions of every kind, each with values that succeed, warn or fail
    const cases: Array<[string, Array<Record<string, unknown>>]> = [
      ['x + 1', [{ x: 1 }, { x: 'a' }, { x: null }, {}]],
      ['now() + duration("P" + string(days) + "D")', [{ days: 3 }, { days: 'x' }, { days: null }]],
      ['{deadline: now() + duration("P3D"), warnAt: deadline - duration("P1D")}', [{}]],
      ['if difficulty = "easy" then "village" else if difficulty = "hard" then "township" else "district"', [{ difficulty: 'hard' }, { difficulty: 7 }]],
      ['(for u in units[item.assigned >= min] return {unit: u.unit, n: count(u.reasons)})[n > 0]', [
        { units: [{ unit: 'a', assigned: 3, reasons: ['x'] }, { unit: 'b', assigned: 1, reasons: [] }], min: 2 },
        { units: null, min: 2 },
      ]],
      ['some i in items satisfies i > limit', [{ items: [1, 5], limit: 3 }, { items: 'x', limit: 3 }]],
      ['(function(y) y * x)(3)', [{ x: 2 }, { x: 'q' }]],
      ['get or else(x, "default") + string(is defined(y))', [{ x: null, y: 1 }, { x: 'v' }]],
      ['assert(x, x > 1)', [{ x: 2 }, { x: 0 }]],
      ['now', [{ now: 'a variable shadows a builtin' }]],
      ['date and time(t) + duration("PT1H")', [{ t: '2024-03-31T01:30:00@Europe/Berlin' }, { t: 'not a date' }]],
      ['items[days > 3].name', [{ items: [{ days: 5, name: 'a' }, { days: 1, name: 'b' }] }]],
    ];

    for (const [text, variableSets] of cases) {
      for (const variables of [...variableSets, ...variableSets]) {
        // when
        const names = mentionedNames(text, variables);
        const compiled = compiledFor(text, names, variables);
        const viaCompiled = compiled && outcomeOf(() => runCompiled(compiled, names, variables));
        const viaText = outcomeOf(() => evaluate(text, createScope(text, variables), DIALECT));

        // then
        expect(compiled, text).toBeDefined();
        expect(viaCompiled, `${text} with ${JSON.stringify(variables)}`).toEqual(viaText);
      }
    }
  });

  it('report each evaluation\'s own warnings, none left over from the one before', () => {
    // when
    const results = [{ x: 'a' }, { x: 1 }, { x: 'b' }].map((variables) => evaluateFeel('=x + 1', variables, { now: NOW }));

    // then
    expect(results).toEqual([
      { ok: true, value: null, warnings: ['[INVALID_TYPE] Can\'t add \'1\' to \'"a"\''] },
      { ok: true, value: 2, warnings: [] },
      { ok: true, value: null, warnings: ['[INVALID_TYPE] Can\'t add \'1\' to \'"b"\''] },
    ]);
  });

  it('are told apart by keys in the values that change how the text parses', () => {
    // given: `m.if` is a path only where `if` is a key of `m`; elsewhere `if` is the keyword
    const values = [{ m: { if: 1 } }, { m: { then: 2 } }, { m: { if: 3 } }];

    // when
    const results = values.map((variables) => evaluateFeel('=m.if', variables, { now: NOW }));

    // then
    expect(results).toEqual([
      { ok: true, value: 1, warnings: [] },
      { ok: false, message: 'failed to parse expression \'m.if\': unexpected \'if\' at column 3' },
      { ok: true, value: 3, warnings: [] },
    ]);
  });

  it('are not made for texts that do not parse or names that cannot be parameters', () => {
    // given
    const attempts: Array<[string, Record<string, unknown>]> = [
      ['x +', { x: 1 }],
      ['first name + 1', { 'first name': 1 }],
      ['__proto__.a', JSON.parse('{"__proto__": {"a": 1}}') as Record<string, unknown>],
      ['a-b', { 'a-b': 1 }],
    ];

    // when
    const compiled = attempts.map(([text, variables]) => compiledFor(text, mentionedNames(text, variables), variables));
    const evaluated = attempts.map(([text, variables]) => evaluateFeel(text, variables, { now: NOW }));

    // then: the ordinary path still answers them
    expect(compiled).toEqual([undefined, undefined, undefined, undefined]);
    expect(evaluated.map((o) => (o.ok ? o.value : 'failed'))).toEqual(['failed', 2, 1, 1]);
  });
});
