// Context builtins with Zeebe's signatures. feelin has `get value`, `get entries`, `context put`
// and `context merge`, but its `get value` does not take a path (list of keys), its `context put`
// fails instead of creating missing intermediate contexts, its `context merge` silently accepts
// non-contexts, and none accepts Zeebe's alternative parameter names. The deprecated aliases `put`
// and `put all` still appear in older models.

import { type BuiltinSpec, builtin, isContext, param, problem } from './define.js';

function isListOfStrings(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/** follows `keys` into nested contexts; null as soon as a key is missing or a value is not a context */
function valueAtPath(context: Record<string, unknown>, keys: readonly string[]): unknown {
  let current: unknown = context;
  for (const key of keys) {
    if (!isContext(current) || !Object.hasOwn(current, key)) return null;
    current = current[key];
  }
  return keys.length === 0 ? null : (current ?? null);
}

/** a copy of `context` with the value at `keys` set; missing or non-context levels become contexts */
function putAtPath(context: Record<string, unknown>, keys: readonly string[], value: unknown): Record<string, unknown> {
  const [key, ...rest] = keys;
  const nested = context[key];
  const next = rest.length === 0 ? value : putAtPath(isContext(nested) ? nested : {}, rest, value);
  return defineEntry({ ...context }, key, next);
}

/** sets an entry without triggering the `__proto__` setter */
function defineEntry(target: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  return target;
}

const getValue = builtin({
  name: 'get value',
  params: [param(['context', 'm'], 'context'), param(['key', 'keys'], 'any')],
  body: ([context, key]) => {
    const ctx = context as Record<string, unknown>;
    if (typeof key === 'string') return valueAtPath(ctx, [key]);
    if (isListOfStrings(key)) return valueAtPath(ctx, key);
    return problem('expected a key (string) or a list of keys (strings)');
  },
});

const contextPutSpec: BuiltinSpec = {
  name: 'context put',
  params: [param('context', 'context'), param(['key', 'keys'], 'any'), param('value', 'any')],
  body: ([context, key, value]) => {
    const ctx = context as Record<string, unknown>;
    if (typeof key === 'string') return putAtPath(ctx, [key], value);
    if (isListOfStrings(key) && key.length > 0) return putAtPath(ctx, key, value);
    return problem('expected a key (string) or a non-empty list of keys (strings)');
  },
};

const contextMergeSpec: BuiltinSpec = {
  name: 'context merge',
  params: [param('contexts', 'list')],
  variadic: true,
  body: ([contexts]) => {
    const list = contexts as unknown[];
    if (!list.every(isContext)) return problem('expected a list of contexts');
    const merged: Record<string, unknown> = {};
    for (const context of list) for (const [key, value] of Object.entries(context)) defineEntry(merged, key, value);
    return merged;
  },
};

export const contextBuiltins = {
  'get value': getValue,

  'get entries': builtin({
    name: 'get entries',
    params: [param(['context', 'm'], 'context')],
    body: ([context]) => Object.entries(context as Record<string, unknown>).map(([key, value]) => ({ key, value })),
  }),

  'context put': builtin(contextPutSpec),
  put: builtin({ ...contextPutSpec, name: 'put' }),
  'context merge': builtin(contextMergeSpec),
  'put all': builtin({ ...contextMergeSpec, name: 'put all' }),
};
