// A canonical key per FEEL value, so "equal in FEEL" becomes "same key" and list functions can use
// a Map instead of comparing every pair. Contexts compare without regard to key order, numbers by
// value, temporal values by their canonical text; functions and ranges are only equal to
// themselves.

import { isFeelTemporal } from '../temporal-format.js';
import { isContext } from './define.js';

const identities = new WeakMap<object, number>();
let nextIdentity = 1;

export function equalityKey(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'boolean':
      return `b:${value}`;
    case 'number':
      return `n:${value === 0 ? 0 : value}`;
    case 'string':
      return `s:${value}`;
    default:
      break;
  }
  if (Array.isArray(value)) return `[${value.map(equalityKey).join(',')}]`;
  if (isContext(value)) {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${equalityKey(value[key])}`);
    return `{${entries.join(',')}}`;
  }
  if (isFeelTemporal(value)) return `t:${value.constructor.name}:${String(value)}`;
  const object = value as object;
  let id = identities.get(object);
  if (id === undefined) {
    id = nextIdentity++;
    identities.set(object, id);
  }
  return `o:${id}`;
}
