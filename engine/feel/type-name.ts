// Zeebe names value types in incident messages ("Expected result of the expression 'x' to be
// 'BOOLEAN', but was 'STRING'."). Results of evaluateFeel are JSON, so the JSON names cover them;
// the temporal names are for callers that hold raw feelin values, as Zeebe's ResultType has them.

import { FeelDate, FeelDateTime, FeelDuration } from 'feelin';

/** describes the FEEL type of a JSON value as Zeebe names it in incident messages: NULL, BOOLEAN, NUMBER, STRING, ARRAY, OBJECT */
export function feelTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  switch (typeof value) {
    case 'boolean':
      return 'BOOLEAN';
    case 'number':
    case 'bigint':
      return 'NUMBER';
    case 'string':
      return 'STRING';
    case 'object':
      break;
    default:
      return 'UNKNOWN';
  }
  if (Array.isArray(value)) return 'ARRAY';
  if (value instanceof FeelDuration) return value.yearsMonths ? 'PERIOD' : 'DURATION';
  if (value instanceof FeelDateTime) return 'DATE_TIME';
  if (value instanceof FeelDate) return 'DATE';
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null ? 'OBJECT' : 'UNKNOWN';
}
