// How alike two request texts are, for suggesting likely duplicates at intake (并单 candidates),
// and the grams the full-text index is made of. Chinese is written without spaces, so a text is
// cut into overlapping character bigrams (路灯不亮 → 路灯 灯不 不亮); Latin letters and digits
// count as whole words (G210, 3号楼 → g210, 3, 号楼). One tokenizer for both, so the index finds what
// the similarity compares.

/** Scripts written without spaces between words: cut into character bigrams. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
/** A run of unspaced characters, or of other letters and digits (a word). */
const RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+|(?:(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}])[\p{L}\p{N}])+/gu;

export interface Run {
  text: string;
  /** true for a run of unspaced (CJK) characters, false for a word of letters and digits */
  unspaced: boolean;
}

/** The runs of a text, normalised (full-width forms folded, lower case); punctuation and spaces separate them. */
export function runsOf(text: string): Run[] {
  const normalised = text.normalize('NFKC').toLowerCase();
  return [...normalised.matchAll(RUN)].map((m) => ({ text: m[0], unspaced: UNSPACED.test(m[0]) }));
}

/** The bigrams of one run of unspaced characters; a run of one character is that character. */
export function bigramsOf(run: string): string[] {
  const chars = [...run];
  if (chars.length === 1) return chars;
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

/** Every gram of a text, in order, repeats kept: what the full-text index stores. */
export function textGrams(text: string): string[] {
  return runsOf(text).flatMap((run) => (run.unspaced ? bigramsOf(run.text) : [run.text]));
}

/** The distinct grams of a text. */
export function gramSet(text: string): Set<string> {
  return new Set(textGrams(text));
}

/**
 * Dice's coefficient over the distinct grams of two texts: 2·|A∩B| / (|A|+|B|), from 0 (nothing
 * shared) to 1 (the same grams). Two empty texts are not alike (0).
 */
export function diceSimilarity(a: string | Set<string>, b: string | Set<string>): number {
  const sa = typeof a === 'string' ? gramSet(a) : a;
  const sb = typeof b === 'string' ? gramSet(b) : b;
  if (sa.size === 0 || sb.size === 0) return 0;
  const [small, large] = sa.size <= sb.size ? [sa, sb] : [sb, sa];
  let shared = 0;
  for (const gram of small) if (large.has(gram)) shared++;
  return (2 * shared) / (sa.size + sb.size);
}
