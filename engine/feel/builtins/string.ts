// String builtins Zeebe adds to the DMN standard set. feelin lacks all of these.

import { randomUUID } from 'node:crypto';
import { builtin, param, problem } from './define.js';

/**
 * Java's String#trim, which Zeebe uses: it removes every character up to U+0020 (controls
 * included) and nothing else. JavaScript's trim would also remove Unicode spaces such as the
 * ideographic space U+3000, which Zeebe keeps.
 */
function javaTrim(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) <= 0x20) start++;
  while (end > start && text.charCodeAt(end - 1) <= 0x20) end--;
  return text.slice(start, end);
}

// Java's Base64 decoder rejects anything outside the alphabet; Node's silently skips it.
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}(?:==)?|[A-Za-z0-9+/]{3}=?)?$/;

export const stringBuiltins = {
  trim: builtin({
    name: 'trim',
    params: [param('string', 'string')],
    body: ([string]) => javaTrim(string as string),
  }),

  'is blank': builtin({
    name: 'is blank',
    params: [param('string', 'string')],
    body: ([string]) => (string as string).trim() === '',
  }),

  uuid: builtin({
    name: 'uuid',
    params: [],
    body: () => randomUUID(),
  }),

  /** all matches of a regular expression, in order */
  extract: builtin({
    name: 'extract',
    params: [param('input', 'string'), param('pattern', 'string')],
    body: ([input, pattern]) => {
      let regex: RegExp;
      try {
        regex = new RegExp(pattern as string, 'g');
      } catch {
        return problem(`Invalid pattern '${pattern as string}'`);
      }
      return Array.from((input as string).matchAll(regex), (m) => m[0]);
    },
  }),

  'to base64': builtin({
    name: 'to base64',
    params: [param('value', 'string')],
    body: ([value]) => Buffer.from(value as string, 'utf8').toString('base64'),
  }),

  'from base64': builtin({
    name: 'from base64',
    params: [param('value', 'string')],
    body: ([value]) => {
      if (!BASE64.test(value as string)) return problem(`Invalid Base64 value '${value as string}'`);
      return Buffer.from(value as string, 'base64').toString('utf8');
    },
  }),
};
