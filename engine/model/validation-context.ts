// Shared state and helpers of the validators of one process.

import { feelSource, isBlank, isFeel } from './expressions.js';
import { nearestId, ref, type MElement } from './moddle-access.js';
import { unresolvedKey, type UnresolvedReferences } from './moddle-warnings.js';
import type { Problems } from './problems.js';
import type { ProcessTree } from './process-tree.js';

export type ExpressionChecker = (source: string) => string | undefined;

export interface ValidationContext {
  readonly tree: ProcessTree;
  readonly problems: Problems;
  readonly checkExpression: ExpressionChecker;
  readonly unresolved: UnresolvedReferences;
}

export interface ValueRules {
  /** a missing or empty value is a problem */
  mandatory?: boolean;
  /** a static value (not starting with `=`) is a problem */
  expressionOnly?: boolean;
  /** names the owner of the property in messages, e.g. "of message 'Message_1'" */
  of?: string;
}

/**
 * Checks a Zeebe property value: present when mandatory, an expression when required, and the
 * FEEL syntax of an expression. `what` names the property in messages, e.g. "condition expression".
 * Returns false when a problem was reported.
 */
export function checkValue(
  ctx: ValidationContext,
  elementId: string | undefined,
  what: string,
  raw: string | undefined,
  rules: ValueRules = {},
): boolean {
  const of = rules.of ? ` ${rules.of}` : '';
  if (isBlank(raw)) {
    if (rules.mandatory) ctx.problems.add(elementId, `the ${what}${of} must be present and not empty`);
    return !rules.mandatory;
  }
  if (!isFeel(raw)) {
    if (rules.expressionOnly) {
      ctx.problems.add(elementId, `the ${what}${of} must be an expression starting with '=', but is the static value '${raw}'`);
      return false;
    }
    return true;
  }
  return checkFeel(ctx, elementId, what, feelSource(raw) ?? '', rules.of);
}

/** checks the syntax of a FEEL source (without `=`) */
export function checkFeel(ctx: ValidationContext, elementId: string | undefined, what: string, source: string, ofOwner?: string): boolean {
  const of = ofOwner ? ` ${ofOwner}` : '';
  if (source.trim() === '') {
    ctx.problems.add(elementId, `the ${what}${of} is an empty expression`);
    return false;
  }
  const error = ctx.checkExpression(source);
  if (error !== undefined) {
    ctx.problems.add(elementId, `invalid ${what} '${source}'${of}: ${error}`);
    return false;
  }
  return true;
}

/**
 * The referenced element, or undefined. An unresolvable reference has already been reported from
 * the moddle warnings; `missing` is then false so that callers do not report it twice.
 */
export function reference(
  ctx: ValidationContext,
  el: MElement,
  property: string,
): { target: MElement | undefined; missing: boolean } {
  const target = ref(el, property);
  if (target) return { target, missing: false };
  const alreadyReported = ctx.unresolved.has(unresolvedKey(nearestId(el), `bpmn:${property}`));
  return { target: undefined, missing: !alreadyReported };
}
