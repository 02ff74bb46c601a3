// The machinery for builtins that feelin lacks. feelin looks a function name up in the evaluation
// context before its own builtin table, so our functions are ordinary context entries holding
// FeelFunction instances. We subclass FeelFunction to bind arguments ourselves: Zeebe's builtins
// have parameter-name aliases (`get value(m, key)` and `get value(context, keys)`), optional
// trailing parameters and a varargs form, and a call that matches no signature yields null plus a
// warning instead of an exception; feelin's own binding supports none of that.

import { FeelDate, FeelDateTime, FeelFunction } from 'feelin';
import { reportWarning } from '../evaluation-state.js';

export type ParamType = 'any' | 'string' | 'number' | 'boolean' | 'list' | 'context' | 'date';

export interface Param {
  /** accepted names for named invocation; the first is the display name */
  readonly names: readonly string[];
  readonly type: ParamType;
  /** may be left out (trailing parameters only) */
  readonly optional?: boolean;
  /** may be null (a null argument otherwise fails the type check, as in Zeebe) */
  readonly nullable?: boolean;
}

export interface BuiltinSpec {
  readonly name: string;
  readonly params: readonly Param[];
  /** the last parameter collects all remaining positional arguments into a list */
  readonly variadic?: boolean;
  readonly body: (args: unknown[]) => unknown;
}

/** returned by a builtin body when the arguments are well-typed but unusable */
export class InvocationProblem {
  constructor(readonly message: string) {}
}

export function problem(message: string): InvocationProblem {
  return new InvocationProblem(message);
}

/** thrown by `assert`: unlike other builtin failures it fails the whole evaluation */
export class AssertionFailure extends Error {}

export class BuiltinFunction extends FeelFunction {
  constructor(private readonly spec: BuiltinSpec) {
    // feelin's `sort` calls `fn` directly with positional arguments, so `fn` binds the same way
    super((...args: unknown[]) => callBuiltin(spec, args), spec.params.map((p) => p.names[0]));
  }

  override invoke(contextOrArgs: unknown): unknown {
    if (Array.isArray(contextOrArgs)) return callBuiltin(this.spec, contextOrArgs);
    const args: unknown[] = [];
    for (const [name, value] of Object.entries((contextOrArgs ?? {}) as Record<string, unknown>)) {
      const index = this.spec.params.findIndex((p) => p.names.includes(name));
      if (index < 0) return fail(this.spec, `unknown parameter '${name}', expected ${signature(this.spec)}`);
      args[index] = value;
    }
    // a named varargs parameter holds the whole list already
    if (this.spec.variadic) {
      const last = this.spec.params.length - 1;
      const rest = args[last];
      args.length = last;
      if (rest !== undefined) args.push(...(Array.isArray(rest) ? rest : [rest]));
    }
    return callBuiltin(this.spec, args);
  }
}

export function builtin(spec: BuiltinSpec): BuiltinFunction {
  return new BuiltinFunction(spec);
}

/** parameter helpers, so definitions read like signatures */
export const param = (names: string | readonly string[], type: ParamType, flags: Omit<Param, 'names' | 'type'> = {}): Param => ({
  names: typeof names === 'string' ? [names] : names,
  type,
  ...flags,
});

function callBuiltin(spec: BuiltinSpec, given: readonly unknown[]): unknown {
  let args = [...given];
  if (spec.variadic) {
    const fixed = spec.params.length - 1;
    // `f([a, b])` and `f(a, b)` mean the same for a varargs function
    const rest = args.length === fixed + 1 && Array.isArray(args[fixed]) ? (args[fixed] as unknown[]) : args.slice(fixed);
    args = [...args.slice(0, fixed), rest];
  } else if (args.length > spec.params.length) {
    return fail(spec, `expected ${signature(spec)} but found ${args.length} arguments`);
  }
  for (let i = 0; i < spec.params.length; i++) {
    const p = spec.params[i];
    const value = args[i];
    if (value === undefined) {
      if (p.optional) continue;
      return fail(spec, `expected ${signature(spec)} but parameter '${p.names[0]}' is missing`);
    }
    if (spec.variadic && i === spec.params.length - 1) continue;
    if (!accepts(p, value)) return fail(spec, `expected ${signature(spec)} but found ${describeArgs(args)}`);
  }
  const result = spec.body(args);
  if (result instanceof InvocationProblem) return fail(spec, result.message);
  return result;
}

function fail(spec: BuiltinSpec, message: string): null {
  reportWarning('FUNCTION_INVOCATION_FAILURE', `Failed to invoke function '${spec.name}': ${message}`);
  return null;
}

function accepts(p: Param, value: unknown): boolean {
  if (value === null) return p.type === 'any' || p.nullable === true;
  switch (p.type) {
    case 'any':
      return true;
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    case 'list':
      return Array.isArray(value);
    case 'context':
      return isContext(value);
    case 'date':
      return value instanceof FeelDate || value instanceof FeelDateTime;
  }
}

/** a FEEL context: a plain object (class instances such as temporal values are not contexts) */
export function isContext(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function signature(spec: BuiltinSpec): string {
  const params = spec.params.map((p, i) => {
    const dots = spec.variadic && i === spec.params.length - 1 ? '...' : '';
    return `${dots}${p.names[0]}: ${p.type}${p.optional ? '?' : ''}`;
  });
  return `(${params.join(', ')})`;
}

function describeArgs(args: readonly unknown[]): string {
  return `(${args.filter((a) => a !== undefined).map(describeType).join(', ')})`;
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  if (isContext(value)) return 'context';
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'object';
  return typeof value;
}
