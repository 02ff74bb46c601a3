// List builtins Zeebe has and feelin lacks (`is empty`, `duplicate values`, `partition`), plus
// `string join`, whose prefix/suffix form feelin does not know.

import { equalityKey } from './equality.js';
import { builtin, param, problem } from './define.js';

export const listBuiltins = {
  'is empty': builtin({
    name: 'is empty',
    params: [param('list', 'list')],
    body: ([list]) => (list as unknown[]).length === 0,
  }),

  /** every value that occurs more than once, each reported once, in order of first occurrence */
  'duplicate values': builtin({
    name: 'duplicate values',
    params: [param('list', 'list')],
    body: ([list]) => {
      const seen = new Map<string, { value: unknown; count: number }>();
      for (const item of list as unknown[]) {
        const key = equalityKey(item);
        const entry = seen.get(key);
        if (entry) entry.count++;
        else seen.set(key, { value: item, count: 1 });
      }
      return [...seen.values()].filter((e) => e.count > 1).map((e) => e.value);
    },
  }),

  /** consecutive sublists of `size` items; the last one may be shorter */
  partition: builtin({
    name: 'partition',
    params: [param('list', 'list'), param('size', 'number')],
    body: ([list, size]) => {
      const n = Math.trunc(size as number);
      if (!(n > 0)) return problem(`'size' should be greater than zero but was '${size as number}'`);
      const items = list as unknown[];
      const parts: unknown[][] = [];
      for (let i = 0; i < items.length; i += n) parts.push(items.slice(i, i + n));
      return parts;
    },
  }),

  /**
   * Joins strings, skipping nulls. Zeebe knows `string join(list)`, `(list, delimiter)` and
   * `(list, delimiter, prefix, suffix)`; prefix and suffix wrap the whole result
   * (`string join(["a","b"], ", ", "[", "]")` is `"[a, b]"`).
   */
  'string join': builtin({
    name: 'string join',
    params: [
      param('list', 'list'),
      param('delimiter', 'string', { optional: true, nullable: true }),
      param('prefix', 'string', { optional: true, nullable: true }),
      param('suffix', 'string', { optional: true, nullable: true }),
    ],
    body: ([list, delimiter, prefix, suffix]) => {
      if ((prefix === undefined) !== (suffix === undefined)) return problem('expected both a prefix and a suffix');
      const items = list as unknown[];
      const invalid = items.find((item) => item !== null && typeof item !== 'string');
      if (invalid !== undefined) return problem(`expected a list of strings but found '${String(invalid)}'`);
      const joined = items.filter((item) => item !== null).join((delimiter as string | null | undefined) ?? '');
      return `${(prefix as string | null | undefined) ?? ''}${joined}${(suffix as string | null | undefined) ?? ''}`;
    },
  }),
};
