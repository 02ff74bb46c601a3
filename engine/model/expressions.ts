// Zeebe property values: a value starting with `=` is a FEEL expression, anything else is static.

import type { Expr } from './types.js';

/** `=a + 1` -> FEEL `a + 1`; `abc` -> static `abc`. Leading/trailing whitespace is ignored. */
export function toExpr(raw: string): Expr {
  const value = raw.trim();
  return value.startsWith('=') ? { kind: 'feel', source: value.slice(1).trim() } : { kind: 'static', value: raw };
}

export function isFeel(raw: string | undefined): boolean {
  return raw !== undefined && raw.trim().startsWith('=');
}

/** the FEEL source of a value that must be an expression (`=` stripped); undefined for a static value */
export function feelSource(raw: string | undefined): string | undefined {
  if (raw === undefined || !isFeel(raw)) return undefined;
  return raw.trim().slice(1).trim();
}

/** true for undefined, empty or whitespace-only values */
export function isBlank(raw: string | undefined): boolean {
  return raw === undefined || raw.trim() === '';
}

/** a FEEL string literal with the given content: `say "hi"` -> `"say \"hi\""` */
export function feelStringLiteral(value: string): string {
  let out = '"';
  for (const char of value) {
    switch (char) {
      case '\\':
        out += '\\\\';
        break;
      case '"':
        out += '\\"';
        break;
      case '\n':
        out += '\\n';
        break;
      case '\r':
        out += '\\r';
        break;
      case '\t':
        out += '\\t';
        break;
      default:
        out += char;
    }
  }
  return out + '"';
}

/** the FEEL source of a mapping source: an expression as is, a static value as a string literal */
export function mappingSourceToFeel(raw: string): string {
  return feelSource(raw) ?? feelStringLiteral(raw);
}

/**
 * A static comma-separated list (`a, b,c`) as trimmed values; undefined when an entry is blank
 * (`a,,b`). An empty string is an empty list.
 */
export function parseCsvList(raw: string): string[] | undefined {
  if (raw === '') return [];
  const values = raw.split(',').map((value) => value.trim());
  return values.some((value) => value === '') ? undefined : values;
}

const PATH_PATTERN = /^[a-zA-Z_][a-zA-Z0-9_]*(\.[a-zA-Z_][a-zA-Z0-9_]*)*$/;
const RESERVED_WORDS = new Set(['null', 'true', 'false', 'function', 'if', 'then', 'else', 'for', 'between', 'instance', 'of']);

/** why a mapping target is not a usable variable path (`a` or `a.b.c`), or undefined when it is */
export function targetPathProblem(target: string | undefined): string | undefined {
  if (target === undefined || target === '') return 'the target is missing';
  if (!PATH_PATTERN.test(target)) return `the target '${target}' is not a variable name or a path like 'a.b'`;
  if (RESERVED_WORDS.has(target)) return `the target '${target}' is a reserved word`;
  return undefined;
}
