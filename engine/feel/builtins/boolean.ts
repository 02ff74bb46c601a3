// Zeebe's null-handling helpers and `assert`. feelin has none of them.

import { AssertionFailure, builtin, param } from './define.js';

export const booleanBuiltins = {
  /** false only for null, which is also what a missing variable evaluates to */
  'is defined': builtin({
    name: 'is defined',
    params: [param('value', 'any')],
    body: ([value]) => value !== null && value !== undefined,
  }),

  'get or else': builtin({
    name: 'get or else',
    params: [param('value', 'any'), param('default', 'any')],
    body: ([value, fallback]) => (value === null || value === undefined ? fallback : value),
  }),

  /**
   * Returns the value when the condition is exactly `true`. Otherwise the whole evaluation fails
   * (Zeebe raises an incident) with the given cause, which is the point of asserting.
   */
  assert: builtin({
    name: 'assert',
    params: [param('value', 'any'), param('condition', 'any'), param('cause', 'any', { optional: true })],
    body: ([value, condition, cause]) => {
      if (condition === true) return value;
      throw new AssertionFailure(typeof cause === 'string' ? cause : 'The condition is not fulfilled');
    },
  }),
};
