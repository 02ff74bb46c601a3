// Turns whatever feelin returns into a JSON-ready FeelValue. This is the single exit point for
// values, so it also decides what cannot leave: functions and ranges have no variable form, and
// rather than letting them vanish into null (as Zeebe's serialiser does silently) the evaluation
// fails with a message that says what the expression produced.

import { FeelFunction, FeelRange } from 'feelin';
import { formatWarning } from './evaluation-state.js';
import { formatTemporalAsVariable, isFeelTemporal } from './temporal-format.js';
import type { FeelValue } from './types.js';

export type Conversion = { ok: true; value: FeelValue } | { ok: false; reason: string };

class Unrepresentable extends Error {}

export function toFeelValue(value: unknown, warnings: string[]): Conversion {
  try {
    return { ok: true, value: convert(value, '', warnings) };
  } catch (error) {
    if (error instanceof Unrepresentable) return { ok: false, reason: error.message };
    throw error;
  }
}

function convert(value: unknown, path: string, warnings: string[]): FeelValue {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'boolean':
    case 'string':
      return value;
    case 'number':
      return normaliseNumber(value, path, warnings);
    case 'bigint':
      return Number(value);
    case 'function':
      throw unrepresentable('a function', path);
    default:
      break;
  }
  if (Array.isArray(value)) return value.map((item, index) => convert(item, `${path}[${index + 1}]`, warnings));
  if (isFeelTemporal(value)) return formatTemporalAsVariable(value);
  if (value instanceof FeelFunction) throw unrepresentable(`a function (${value.parameterNames.join(', ')})`, path);
  if (value instanceof FeelRange) throw unrepresentable(`a range ${String(value)}`, path);
  if (isPlainObject(value)) {
    const result: { [key: string]: FeelValue } = {};
    for (const [key, entry] of Object.entries(value)) result[key] = convert(entry, path === '' ? key : `${path}.${key}`, warnings);
    return result;
  }
  throw unrepresentable(`a value of type ${(value as object).constructor?.name ?? 'unknown'}`, path);
}

function unrepresentable(what: string, path: string): Unrepresentable {
  const where = path === '' ? `the result is ${what}` : `the result contains ${what} at '${path}'`;
  return new Unrepresentable(`${where}, which cannot be stored as a variable`);
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Zeebe computes with decimals (BigDecimal, 34 digits) and stores the result as a long or a
 * double, so `0.1 + 0.2` becomes 0.3 and `1.1 * 100` becomes 110. feelin computes with binary
 * doubles; rounding results to 16 significant digits removes that binary noise (which sits in the
 * 17th digit) and makes the stored numbers match what Zeebe stores. Non-finite numbers have no
 * JSON form; like a failed FEEL function they become null with a warning.
 */
function normaliseNumber(value: number, path: string, warnings: string[]): number | null {
  if (!Number.isFinite(value)) {
    warnings.push(formatWarning('INVALID_TYPE', `the result${path === '' ? '' : ` at '${path}'`} is not a finite number (${value}); it is stored as null`));
    return null;
  }
  if (Number.isInteger(value)) return value === 0 ? 0 : value;
  return Number(value.toPrecision(16));
}
