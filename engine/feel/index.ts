// FEEL for the embedded engine: feelin evaluates, this module makes it behave the way Zeebe 8.8
// users expect — Zeebe's extra builtins, the engine's clock, JSON-ready results with Zeebe's
// temporal string forms, and failures as values with Zeebe's messages instead of exceptions.
//
//   expression-text.ts  the `=` prefix
//   evaluate.ts         evaluateFeel (with a cache of primitive results)
//   compiled.ts         each expression compiled once into a FEEL function, invoked per evaluation
//   syntax.ts           checkFeelSyntax (cached) and syntax error descriptions
//   scope.ts            the context feelin evaluates against (builtins + variables)
//   builtins/           the Zeebe builtins feelin lacks or gets wrong
//   result-value.ts     feelin values → JSON (FeelValue)
//   temporal-format.ts  Zeebe's string forms of dates, times and durations
//   type-name.ts        Zeebe's type names for incident messages

export type { FeelOptions, FeelOutcome, FeelValue } from './types.js';
export { isExpression, stripExpressionPrefix } from './expression-text.js';
export { evaluateFeel } from './evaluate.js';
export { checkFeelSyntax } from './syntax.js';
export { feelTypeName } from './type-name.js';
