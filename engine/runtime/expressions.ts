// Typed evaluation of model expressions. A failure becomes an IncidentSignal with the message
// Zeebe users know ("Expected result of the expression ... to be 'STRING', but was 'NULL'").

import { evaluateFeel, feelTypeName } from '../feel/index.js';
import type { Expr } from '../model/types.js';
import type { Tx } from './context.js';
import { IncidentSignal } from './errors.js';
import type { Variables } from './variables.js';

export const EXTRACT_VALUE_ERROR = 'EXTRACT_VALUE_ERROR';

export function evaluate(tx: Tx, source: string, variables: Variables, errorType = EXTRACT_VALUE_ERROR): unknown {
  const outcome = evaluateFeel(source, variables, { now: new Date(tx.now) });
  if (!outcome.ok) throw new IncidentSignal(errorType, outcome.message);
  return outcome.value;
}

function typeError(source: string, expected: string, value: unknown): IncidentSignal {
  return new IncidentSignal(
    EXTRACT_VALUE_ERROR,
    `Expected result of the expression '${source}' to be '${expected}', but was '${feelTypeName(value)}'.`,
  );
}

export function evaluateString(tx: Tx, expr: Expr, variables: Variables): string {
  if (expr.kind === 'static') return expr.value;
  const value = evaluate(tx, expr.source, variables);
  if (typeof value !== 'string') throw typeError(expr.source, 'STRING', value);
  return value;
}

export function evaluateOptionalString(tx: Tx, expr: Expr | undefined, variables: Variables): string | undefined {
  if (!expr) return undefined;
  if (expr.kind === 'static') return expr.value === '' ? undefined : expr.value;
  const value = evaluate(tx, expr.source, variables);
  if (value === null) return undefined;
  if (typeof value !== 'string') throw typeError(expr.source, 'STRING', value);
  return value;
}

export function evaluateInteger(tx: Tx, expr: Expr, variables: Variables): number {
  if (expr.kind === 'static') {
    const n = Number(expr.value);
    if (!Number.isInteger(n)) throw new IncidentSignal(EXTRACT_VALUE_ERROR, `Expected '${expr.value}' to be an integer`);
    return n;
  }
  const value = evaluate(tx, expr.source, variables);
  if (typeof value === 'number' && Number.isFinite(value)) return Math.trunc(value);
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value);
  throw typeError(expr.source, 'NUMBER', value);
}

export function evaluateBoolean(tx: Tx, source: string, variables: Variables): boolean {
  const value = evaluate(tx, source, variables);
  if (typeof value !== 'boolean') throw typeError(source, 'BOOLEAN', value);
  return value;
}

/** candidate groups/users: a static comma-separated list, or an expression giving a list of strings (or one string) */
export function evaluateStringList(tx: Tx, expr: Expr | undefined, variables: Variables): string[] {
  if (!expr) return [];
  if (expr.kind === 'static') return expr.value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const value = evaluate(tx, expr.source, variables);
  if (value === null) return [];
  if (typeof value === 'string') return value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  throw typeError(expr.source, 'ARRAY', value);
}

export function evaluateArray(tx: Tx, source: string, variables: Variables): unknown[] {
  const value = evaluate(tx, source, variables);
  if (!Array.isArray(value)) throw typeError(source, 'ARRAY', value);
  return value;
}
