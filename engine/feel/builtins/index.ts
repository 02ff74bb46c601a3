// All builtins we add on top of feelin's, keyed by their FEEL name. Each group file says which of
// its functions feelin lacks and which it gets wrong. Functions feelin implements the way Zeebe
// does (string, list, numeric and range functions from the DMN standard, `day of week`,
// `month of year`, `week of year`, `day of year`, `context`) are left to feelin.

import { booleanBuiltins } from './boolean.js';
import { contextBuiltins } from './context.js';
import { conversionBuiltins } from './conversion.js';
import type { BuiltinFunction } from './define.js';
import { listBuiltins } from './list.js';
import { numericBuiltins } from './numeric.js';
import { stringBuiltins } from './string.js';
import { temporalBuiltins } from './temporal.js';

export const ZEEBE_BUILTINS: Readonly<Record<string, BuiltinFunction>> = Object.freeze({
  ...booleanBuiltins,
  ...stringBuiltins,
  ...listBuiltins,
  ...contextBuiltins,
  ...conversionBuiltins,
  ...temporalBuiltins,
  ...numericBuiltins,
});

export { AssertionFailure } from './define.js';
