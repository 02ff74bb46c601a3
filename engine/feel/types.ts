// The JSON-shaped values that leave this module. Everything feelin produces (temporal wrappers,
// contexts, lists) is converted into these before a caller sees it, so results can be stored as
// process variables without further thought.

export type FeelValue = null | boolean | number | string | FeelValue[] | { [key: string]: FeelValue };

export type FeelOutcome =
  | { ok: true; value: FeelValue; warnings: string[] }
  | { ok: false; message: string };

export interface FeelOptions {
  /** the engine's clock; `now()` and `today()` use it (default: new Date()) */
  now?: Date;
}
