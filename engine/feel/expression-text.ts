// Zeebe marks an expression in a BPMN property by a leading `=`; everything else is a static
// value. The `=` is not FEEL: handing it to feelin parses `=x` as a unary test and silently yields
// a function, so it must always be removed before evaluation.

/** true when a raw Zeebe property value is an expression (starts with `=`, after trimming) */
export function isExpression(raw: string): boolean {
  return raw.trimStart().startsWith('=');
}

/** removes a leading `=` (after trimming) */
export function stripExpressionPrefix(raw: string): string {
  const trimmed = raw.trim();
  return trimmed.startsWith('=') ? trimmed.slice(1) : raw;
}

/**
 * The FEEL text we actually parse: without the `=` and surrounding blanks. Messages quote this
 * text and syntax positions count from its start, so both refer to what the modeller typed after
 * the `=`.
 */
export function feelText(source: string): string {
  return stripExpressionPrefix(source).trim();
}
