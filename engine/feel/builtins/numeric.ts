// Numeric builtins Zeebe has and feelin lacks.

import { builtin } from './define.js';

export const numericBuiltins = {
  /** a number in [0, 1) */
  'random number': builtin({
    name: 'random number',
    params: [],
    body: () => Math.random(),
  }),
};
