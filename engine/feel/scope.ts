// The object feelin evaluates against: our builtins plus the caller's variables.
//
// Three feelin details shape it:
// - feelin parses against the same object it evaluates against: its parser must know names that
//   contain spaces or keywords (such as `get or else`), so builtins have to be entries of it.
// - That parser indexes every key of the object (and all its prefixes) on every parse, and nested
//   scopes (filters, `for`, context literals, function bodies) copy all keys again per item. Both
//   costs grow with the number of entries, so the scope only gets the builtins and variables the
//   expression text mentions. FEEL has no way to reach a top-level variable without naming it, so
//   leaving out unmentioned ones changes nothing but the cost.
// - feelin deep-copies a plain-object context it is given (to convert JS Dates inside), which would
//   copy every variable on every evaluation. A context whose prototype is not Object.prototype is
//   passed through as is, and feelin's name lookup only needs own properties. Variables are JSON,
//   so there is nothing to convert.
//
// Variables are assigned after builtins, so a variable shadows a builtin of the same name; that is
// also how feelin treats its own builtins.

import { BoundedCache } from './bounded-cache.js';
import { ZEEBE_BUILTINS } from './builtins/index.js';

const SCOPE_PROTOTYPE: object = Object.freeze(Object.create(Object.prototype) as object);

export const DIALECT = 'camunda';

/** what the parser needs to know about names when there are no variables (syntax checks) */
export const PARSE_CONTEXT: Record<string, unknown> = ZEEBE_BUILTINS;

// the parser accepts any run of whitespace between the words of a name
const BUILTIN_MATCHERS = Object.entries(ZEEBE_BUILTINS).map(([name, fn]) => ({
  name,
  fn,
  mentionedIn: name.includes(' ')
    ? ((pattern: RegExp) => (text: string) => pattern.test(text))(new RegExp(name.split(' ').join('\\s+')))
    : (text: string) => text.includes(name),
}));

const builtinsByText = new BoundedCache<string, ReadonlyArray<readonly [string, unknown]>>(5_000);

function builtinsMentionedIn(text: string): ReadonlyArray<readonly [string, unknown]> {
  let found = builtinsByText.get(text);
  if (found === undefined) {
    found = BUILTIN_MATCHERS.filter((m) => m.mentionedIn(text)).map((m) => [m.name, m.fn] as const);
    builtinsByText.set(text, found);
  }
  return found;
}

// the parser normalises blanks around these characters (`a - b` may name the variable `a-b`), so a
// key containing them might be referenced in a spelling other than its own
export const RESPACEABLE = /[\s./\-'+*]/;

export function mayBeMentioned(text: string, key: string): boolean {
  return text.includes(key) || RESPACEABLE.test(key);
}

/** the variables the scope of `text` takes, in the variables' order */
export function mentionedNames(text: string, variables: Record<string, unknown>): string[] {
  return Object.keys(variables).filter((key) => mayBeMentioned(text, key));
}

/** the evaluation context for `text` (FEEL without `=`) */
export function createScope(text: string, variables: Record<string, unknown>): Record<string, unknown> {
  const scope = Object.create(SCOPE_PROTOTYPE) as Record<string, unknown>;
  for (const [name, fn] of builtinsMentionedIn(text)) scope[name] = fn;
  for (const key of Object.keys(variables)) {
    if (!mayBeMentioned(text, key)) continue;
    if (key === '__proto__') {
      // a JSON key `__proto__` is an own property; plain assignment would call the prototype setter
      Object.defineProperty(scope, key, { value: variables[key], enumerable: true, writable: true, configurable: true });
    } else {
      scope[key] = variables[key];
    }
  }
  return scope;
}
