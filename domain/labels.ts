// A closed vocabulary: its codes in a fixed order and a Chinese label for each (shown in the UI).

export interface Vocabulary<C extends string> {
  readonly codes: readonly C[];
  readonly labels: Readonly<Record<C, string>>;
  /** Narrows an unknown value to a code of this vocabulary. */
  is(value: unknown): value is C;
  /** The Chinese label of a code. */
  label(code: C): string;
}

export function vocabulary<C extends string>(labels: Readonly<Record<C, string>>): Vocabulary<C> {
  const codes = Object.keys(labels) as C[];
  const known = new Set<string>(codes);
  return {
    codes,
    labels,
    is: (value: unknown): value is C => typeof value === 'string' && known.has(value),
    label: (code: C) => labels[code],
  };
}
