// State that belongs to one evaluation but is needed deep inside builtins: the engine's clock (for
// `now()` / `today()`) and the warnings our own builtins raise. feelin gives builtins no handle on
// the evaluation, and its evaluation is synchronous, so a module-level "current evaluation" that
// is set around each call is both sufficient and cheap. Builtins are created once and shared.

interface EvaluationState {
  readonly now: Date;
  readonly warnings: string[];
}

let current: EvaluationState | undefined;

/** runs `body` with `state` as the current evaluation (restoring any outer one afterwards) */
export function withEvaluationState<T>(state: EvaluationState, body: () => T): T {
  const outer = current;
  current = state;
  try {
    return body();
  } finally {
    current = outer;
  }
}

/** the engine's notion of "now" for the running evaluation */
export function currentInstant(): Date {
  return current?.now ?? new Date();
}

/** a warning as Zeebe lists suppressed failures in incident messages: `[TYPE] message` */
export function formatWarning(type: string, message: string): string {
  return `[${type}] ${message}`;
}

/** records a warning for the running evaluation */
export function reportWarning(type: string, message: string): void {
  current?.warnings.push(formatWarning(type, message));
}
