// JSON conversion builtins (`to json`, `from json`) as feel-scala defines them. feelin has neither.
// `to json` writes temporal values in their ISO forms and, unlike a variable, can represent
// functions and ranges (as their FEEL text).

import { FeelFunction, FeelRange } from 'feelin';
import { formatTemporalForJson, isFeelTemporal } from '../temporal-format.js';
import { builtin, isContext, param, problem } from './define.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function toJsonValue(value: unknown): Json {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'boolean':
    case 'string':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'function': {
      const names = (value as { $args?: unknown }).$args;
      return `function(${Array.isArray(names) ? names.join(', ') : ''})`;
    }
    default:
      break;
  }
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (isFeelTemporal(value)) return formatTemporalForJson(value);
  if (value instanceof FeelFunction) return `function(${value.parameterNames.join(', ')})`;
  if (value instanceof FeelRange) return String(value);
  if (isContext(value)) {
    const result: { [key: string]: Json } = {};
    for (const [key, entry] of Object.entries(value)) {
      Object.defineProperty(result, key, { value: toJsonValue(entry), enumerable: true, writable: true, configurable: true });
    }
    return result;
  }
  return String(value);
}

export const conversionBuiltins = {
  'to json': builtin({
    name: 'to json',
    params: [param('value', 'any')],
    body: ([value]) => JSON.stringify(toJsonValue(value)),
  }),

  /** JSON text to a FEEL value; strings stay strings (ISO dates are not turned into dates) */
  'from json': builtin({
    name: 'from json',
    params: [param('json', 'string', { nullable: true })],
    body: ([json]) => {
      if (json === null) return null;
      try {
        return JSON.parse(json as string) as unknown;
      } catch {
        return problem(`Failed to parse JSON from '${json as string}'`);
      }
    },
  }),
};
