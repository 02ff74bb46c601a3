// Reading request bodies field by field, with Camunda's answers: a value of the wrong JSON
// type cannot be read ("Bad Request"), a missing or invalid required value is an
// INVALID_ARGUMENT. Unknown fields are ignored, as Camunda's JSON mapper ignores them.

import { badRequest, invalidArgument } from './problem.js';

export type Json = Record<string, unknown>;

export function unreadable(path: string) {
  return badRequest(`Request property [${path}] cannot be parsed`);
}

/** The body as an object; `undefined`/`null` read as `{}` when the body is optional. */
export function object(value: unknown, path = 'body'): Json {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw path === 'body' ? badRequest('Failed to read request') : unreadable(path);
  return value as Json;
}

export function optionalString(body: Json, field: string, path = field): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw unreadable(path);
  return value;
}

export function requiredString(body: Json, field: string, path = field): string {
  const value = optionalString(body, field, path);
  if (value === undefined || value.trim() === '') throw invalidArgument(`No ${field} provided`);
  return value;
}

export function optionalBoolean(body: Json, field: string, path = field): boolean | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw unreadable(path);
  return value;
}

/** an int32/int64 given as a JSON number or a numeric string (the SDK sends int64 as either) */
export function optionalInteger(body: Json, field: string, path = field): number | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim()) && Number.isSafeInteger(Number(value))) return Number(value);
  throw unreadable(path);
}

export function optionalStringArray(body: Json, field: string, path = field): string[] | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw unreadable(path);
  return value as string[];
}

/** a variables document: a JSON object (null or absent = none) */
export function optionalVariables(body: Json, field = 'variables'): Record<string, unknown> {
  const value = body[field];
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw unreadable(field);
  return value as Record<string, unknown>;
}

/** a key in a body or filter: a numeric string or a JSON integer */
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * A key as Zeebe reads it: any int64. This engine's keys are safe integers (they start at 2^51,
 * as Zeebe's do), so a larger int64 names nothing here: it reads as NO_SUCH_KEY, which no row has,
 * and the lookup answers 404 as Zeebe's would. Text that is not an int64 is refused (400).
 */
export const NO_SUCH_KEY = -1;

function int64Key(text: string): number | undefined {
  if (!/^-?\d+$/.test(text)) return undefined;
  const big = BigInt(text);
  if (big < INT64_MIN || big > INT64_MAX) return undefined;
  const key = Number(text);
  return Number.isSafeInteger(key) ? key : NO_SUCH_KEY;
}

export function parseKeyValue(value: unknown, path: string): number {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  if (typeof value === 'string') {
    const key = int64Key(value.trim());
    if (key !== undefined) return key;
  }
  throw unreadable(path);
}

export function optionalKey(body: Json, field: string, path = field): number | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  return parseKeyValue(value, path);
}

/** a key in the URL path, as Spring converts it to a long */
export function pathKey(params: Record<string, string>, name: string): number {
  const text = params[name] ?? '';
  const key = int64Key(text);
  if (key === undefined) throw badRequest(`Failed to convert '${name}' with value: '${text}'`);
  return key;
}

export function keyString(key: number | null | undefined): string | undefined {
  return key === null || key === undefined ? undefined : String(key);
}

/** RFC 3339 date-time (with `Z` or an offset); returns epoch milliseconds */
export function parseDateTime(text: unknown, attribute: string): number {
  if (typeof text !== 'string') throw unreadable(attribute);
  const ok = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.test(text);
  const ms = ok ? Date.parse(text) : NaN;
  if (Number.isNaN(ms)) {
    throw invalidArgument(`The provided ${attribute} '${text}' cannot be parsed as a date according to RFC 3339, section 5.6`);
  }
  return ms;
}

export function isoDate(ms: number | null | undefined): string | undefined {
  return ms === null || ms === undefined ? undefined : new Date(ms).toISOString();
}

/** a stored date text (FEEL result) as the API's UTC date-time, if it is one */
export function isoDateText(text: string | null | undefined): string | undefined {
  if (!text) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}
