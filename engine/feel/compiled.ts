// Parse once per expression, evaluate many times, through feelin's public API only.
//
// feelin's `evaluate` takes source text and parses it on every call (lezer parse, then an
// execution tree of closures): for a clock-reading expression such as `now() + duration("P3D")`,
// which no results cache can hold, that is about half of the evaluation. feelin exports its
// parser but not its interpreter, so a parse tree cannot be evaluated directly. What it does
// offer is FEEL's own compile step: evaluating `function(a, b) <text>` returns a FeelFunction
// whose body is the built execution tree of <text>, and invoking it with the variables' values
// runs that tree again without parsing. So each expression is compiled once into such a function
// (per text and set of variable names) and invoked on later evaluations.
//
// Why the result is the same as evaluating <text> against the scope (scope.ts):
// - The tree: at compile time the body's parse tree (node names, nesting, spans) is checked to be
//   exactly the tree of <text> parsed on its own against the evaluation's scope; anything else
//   (a syntax error, a name that does not parse as a parameter) is not compiled and takes the
//   ordinary path.
// - Later values: feelin's parser consults the context (names and, through contexts and lists,
//   their keys) only to decide whether a name is a known one (lezer-feel's `nameIdentifier`) or a
//   plain `identifier`; the token's extent is the same either way, and both become the same
//   Identifier node, except where the word is a FEEL keyword (keywords specialise `identifier`
//   only) or the known name has several words (a blank or one of . / - ' + * after
//   normalisation). Keys of neither kind cannot change the tree; keys of those kinds are rare
//   (`days` is one), so where they sit in the values (their paths) is part of what a compiled
//   function is kept under, beside the text and the variable names.
// - The context: the function's body runs against `{...builtins, ...parameters}`, a plain object
//   with the same own entries in the same order as the scope (builtins first, then the variables
//   in their order, a variable shadowing a builtin of its name). feelin's name lookup reads own
//   properties only, and nothing reaches the top-level context except by name.
// - Warnings: a compiled function reports its warnings into the warning list of the evaluation
//   that compiled it (feelin binds the execution tree to it); `evaluate` returns that live list, so
//   it is emptied before and read after each invocation. Whether feelin still behaves that way is
//   checked once, by a probe, and the compiled path is off if it does not.

import { evaluate, FeelFunction, parseExpression, type EvaluationResult } from 'feelin';
import { BoundedCache } from './bounded-cache.js';
import { createScope, DIALECT, RESPACEABLE } from './scope.js';

type Warnings = EvaluationResult<unknown>['warnings'];

interface Compiled {
  readonly fn: FeelFunction;
  /** the live warning list the function reports into */
  readonly sink: Warnings;
}

/** per text and variable names: the compiled function, or null when the text is not compiled */
const compiled = new BoundedCache<string, Compiled | null>(5_000);

// words lezer-feel's grammar specialises (kw) or extends (ckw) from identifiers, and `?`
const KEYWORDS = new Set([
  'for', 'return', 'if', 'then', 'else', 'some', 'every', 'satisfies', 'instance', 'or', 'and', 'between', 'in',
  'function', 'external', 'null', 'true', 'false', '?',
  'of', 'not', 'list', 'context', 'date', 'time', 'duration', 'days', 'years', 'months',
]);

const PARAMETER_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const MAX_DEPTH = 64;

let probed: boolean | undefined;

/**
 * The compiled form of `text` for these variable names (the scope's, in its order), or undefined
 * when this evaluation must take the ordinary path.
 */
export function compiledFor(text: string, names: readonly string[], variables: Record<string, unknown>): Compiled | undefined {
  if (!(probed ??= warningsReachTheSink())) return undefined;
  // the key's separators must not occur in the text, or two texts could share a key
  if (text.includes('\u0000') || text.includes('\u0001')) return undefined;
  let key = text;
  for (const name of names) {
    // other names could not be parameters; a keyword among them (`days`) either parses as one or
    // fails the compile-time check, and is part of the key either way
    if (!PARAMETER_NAME.test(name) || name === '__proto__') return undefined;
    key += `\u0000${name}`;
  }
  const telling: string[] = [];
  for (const name of names) {
    if (!collectTellingKeys(variables[name], [name], telling)) return undefined;
  }
  if (telling.length > 0) key += `\u0001${telling.join('\u0000')}`;
  let entry = compiled.get(key);
  if (entry === undefined) {
    entry = compile(text, names, variables);
    compiled.set(key, entry);
  }
  return entry ?? undefined;
}

/** runs a compiled expression with the variables' values; the same result as feelin's `evaluate` */
export function runCompiled(entry: Compiled, names: readonly string[], variables: Record<string, unknown>): EvaluationResult<unknown> {
  entry.sink.length = 0;
  const value = entry.fn.invoke(names.map((name) => variables[name]));
  return { value, warnings: entry.sink.splice(0) };
}

/**
 * Adds to `found` the paths (as JSON lists of keys) of the keys in `value` that the parser could
 * take for a keyword or for a name of several words. False when the value is nested too deeply
 * to be sure.
 */
function collectTellingKeys(value: unknown, path: string[], found: string[]): boolean {
  if (value === null || typeof value !== 'object') return true;
  if (path.length > MAX_DEPTH) return false;
  for (const key of Object.keys(value)) {
    path.push(key);
    if (RESPACEABLE.test(key) || KEYWORDS.has(key)) found.push(JSON.stringify(path));
    const complete = collectTellingKeys((value as Record<string, unknown>)[key], path, found);
    path.pop();
    if (!complete) return false;
  }
  return true;
}

function compile(text: string, names: readonly string[], variables: Record<string, unknown>): Compiled | null {
  try {
    const expected = treeShape(parseExpression(text, createScope(text, variables), DIALECT), 0);
    if (expected === undefined) return null;
    const prefix = `function(${names.join(', ')}) `;
    const source = prefix + text;
    const builtins = createScope(text, {});
    const wrapped = treeShape(parseExpression(source, builtins, DIALECT), prefix.length);
    if (wrapped === undefined || !isFunctionOf(wrapped, expected, source.length, prefix.length)) return null;
    const result = evaluate(source, builtins, DIALECT);
    const fn = result.value;
    if (!(fn instanceof FeelFunction) || result.warnings.length > 0) return null;
    if (fn.parameterNames.length !== names.length || fn.parameterNames.some((p, i) => p !== names[i])) return null;
    return { fn, sink: result.warnings };
  } catch {
    return null;
  }
}

interface Shape {
  /** `depth name from to` of every node feelin's interpreter visits, in document order */
  readonly nodes: string[];
  /** the same, with positions from `shift` on, for the nodes at or after it */
  readonly shifted: string[];
}

/** the nodes feelin builds its execution tree from (it iterates the tree the same way); undefined when the tree has an error */
function treeShape(tree: ReturnType<typeof parseExpression>, shift: number): Shape | undefined {
  const nodes: string[] = [];
  const shifted: string[] = [];
  let depth = 0;
  let broken = false;
  tree.iterate({
    enter(ref) {
      if (ref.type.isError) broken = true;
      nodes.push(`${depth} ${ref.name} ${ref.from} ${ref.to}`);
      shifted.push(ref.from >= shift ? `${depth} ${ref.name} ${ref.from - shift} ${ref.to - shift}` : '');
      depth++;
    },
    leave() {
      depth--;
    },
  });
  return broken ? undefined : { nodes, shifted };
}

/**
 * whether `wrapped` is `Expression > FunctionDefinition[whole text] > … FunctionBody[prefix end, text end]`
 * whose body holds exactly the nodes of `expected`'s Expression, two levels deeper
 */
function isFunctionOf(wrapped: Shape, expected: Shape, length: number, bodyFrom: number): boolean {
  if (wrapped.nodes[0] !== `0 Expression 0 ${length}` || wrapped.nodes[1] !== `1 FunctionDefinition 0 ${length}`) return false;
  const body = wrapped.nodes.indexOf(`2 FunctionBody ${bodyFrom} ${length}`);
  if (body < 0) return false;
  const inside = wrapped.shifted.slice(body + 1);
  const standalone = expected.nodes.slice(1);
  if (inside.length !== standalone.length) return false;
  for (let i = 0; i < inside.length; i++) {
    const [depth, rest] = splitDepth(standalone[i]!);
    if (inside[i] !== `${depth + 2} ${rest}`) return false;
  }
  return true;
}

function splitDepth(node: string): [number, string] {
  const space = node.indexOf(' ');
  return [Number(node.slice(0, space)), node.slice(space + 1)];
}

/** feelin reports a compiled function's warnings into the list its compiling evaluation returned */
function warningsReachTheSink(): boolean {
  try {
    const result = evaluate('function() probe_variable_never_defined', {}, DIALECT);
    if (!(result.value instanceof FeelFunction)) return false;
    result.value.invoke([]);
    return result.warnings.length === 1 && result.warnings[0]!.type === 'NO_VARIABLE_FOUND';
  } catch {
    return false;
  }
}
