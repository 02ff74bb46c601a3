// evaluateFeel: one call in, one JSON-ready outcome out, never an exception.
//
// Two caches keep repeated evaluations cheap. Results: the same text with the same mentioned
// variables gives the same value unless it reads the clock or chance, so primitive results are
// remembered. Compiled expressions (compiled.ts): feelin parses its source text on every
// `evaluate`, so each text is compiled once into a FEEL function over its variables and invoked
// afterwards; that is what an expression reading the clock costs on every evaluation.

import { evaluate, SyntaxError as FeelSyntaxError } from 'feelin';
import { AssertionFailure } from './builtins/index.js';
import { formatWarning, withEvaluationState } from './evaluation-state.js';
import { feelText } from './expression-text.js';
import { toFeelValue } from './result-value.js';
import { BoundedCache } from './bounded-cache.js';
import { compiledFor, runCompiled } from './compiled.js';
import { createScope, DIALECT, mentionedNames } from './scope.js';
import { parseFailureMessage, syntaxProblem } from './syntax.js';
import type { FeelOptions, FeelOutcome } from './types.js';

/** evaluates a FEEL expression (with or without the leading `=`) against JSON variables. Never throws. */
export function evaluateFeel(source: string, variables: Record<string, unknown>, options: FeelOptions = {}): FeelOutcome {
  if (typeof source !== 'string') {
    return { ok: false, message: `failed to parse expression '${String(source)}': expected the expression as text but got ${typeof source}` };
  }
  let text = source;
  try {
    text = feelText(source);
    if (text === '') return { ok: false, message: parseFailureMessage(text, 'the expression is empty') };
    const given = variables ?? {};
    const names = mentionedNames(text, given);
    const cacheKey = resultCacheKey(text, names, given);
    if (cacheKey !== undefined) {
      const cached = results.get(cacheKey);
      if (cached) return cached;
    }
    const warnings: string[] = [];
    const compiled = compiledFor(text, names, given);
    const raw = withEvaluationState({ now: options.now ?? new Date(), warnings }, () =>
      compiled ? runCompiled(compiled, names, given) : evaluate(text, createScope(text, given), DIALECT),
    );
    // feelin's warnings happened during the same evaluation; list them before ours
    const all = raw.warnings.map((w) => formatWarning(w.type, zeebeWording(w.type, w.message))).concat(warnings);
    const converted = toFeelValue(raw.value, all);
    if (!converted.ok) return { ok: false, message: `failed to evaluate expression '${text}': ${converted.reason}` };
    const outcome: FeelOutcome = { ok: true, value: converted.value, warnings: all };
    if (cacheKey !== undefined && isPrimitive(converted.value)) results.set(cacheKey, outcome);
    return outcome;
  } catch (error) {
    return { ok: false, message: failureMessage(text, error) };
  }
}

/**
 * Primitive results (conditions, job types, durations, dates) by text and mentioned variables:
 * a hit costs a lookup instead of an evaluation. Lists and contexts are left out: a caller that
 * changed one it was given would change what every later hit returns.
 */
const results = new BoundedCache<string, FeelOutcome>(10_000);

/** forgets remembered results, so that a benchmark can measure evaluations that miss them */
export function forgetCachedResults(): void {
  results.clear();
}

const NON_DETERMINISTIC = /\b(now|today|uuid|random)\b/;
const MAX_KEY_LENGTH = 2_000;

/** `names`: the variables the text may mention (mentionedNames) */
function resultCacheKey(text: string, names: readonly string[], variables: Record<string, unknown>): string | undefined {
  if (NON_DETERMINISTIC.test(text)) return undefined;
  let key = text;
  for (const name of names) {
    key += `\u0000${name}\u0000${JSON.stringify(variables[name])}`;
    if (key.length > MAX_KEY_LENGTH) return undefined;
  }
  return key;
}

function isPrimitive(value: unknown): boolean {
  return value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function failureMessage(text: string, error: unknown): string {
  if (error instanceof AssertionFailure) return `Assertion failure on evaluate the expression '${text}': ${error.message}`;
  if (error instanceof FeelSyntaxError) return parseFailureMessage(text, syntaxProblem(text) ?? error.message);
  const reason = error instanceof Error ? error.message : String(error);
  return `failed to evaluate expression '${text}': ${reason}`;
}

/**
 * The most common warning, a missing variable, gets Zeebe's wording ("No variable found with
 * name 'x'") so that incident messages read as they do in Zeebe. Others keep feelin's wording.
 */
function zeebeWording(type: string, message: string): string {
  if (type === 'NO_VARIABLE_FOUND') {
    const match = /^Variable '(.*)' not found$/.exec(message);
    if (match) return `No variable found with name '${match[1]}'`;
  }
  return message;
}
