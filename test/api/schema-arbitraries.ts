// fast-check arbitraries from the JSON Schemas of the OpenAPI document: values that fit a schema,
// and values that do not (wrong types, huge strings, odd unicode, missing and unknown fields, ids
// that name nothing), for throwing thousands of requests at the API.
import fc from 'fast-check';

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  maxLength?: number;
  minLength?: number;
  minimum?: number;
  maximum?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
  additionalProperties?: boolean | JsonSchema;
  $ref?: string;
  nullable?: boolean;
};

/** Strings people and attackers type: Chinese, emoji, RTL marks, control characters, SQL and FEEL, paths, HTML. */
const NASTY = [
  '', ' ', '路灯不亮', '黄梁村二组', '🐛🏮', '\u202e\u0644\u0627', '\u0000', '\uffff', '\ud800', "'; drop table requests; --", '" or 1=1 --', '=now()',
  '../../etc/passwd', '<script>alert(1)</script>', '%00', '${x}', '{{7*7}}', 'null', 'true', '-1', '1e309', '13800000000', '110101199003071234',
];

const nastyString = fc.oneof(
  fc.constantFrom(...NASTY),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  // long texts, and now and then one past the body limit (1 MB)
  fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 1000, max: 20_000 }) }, { weight: 1, arbitrary: fc.constant(400_000) }).map((n) => '诉'.repeat(n)),
);

const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  nastyString,
  fc.array(fc.oneof(fc.integer(), nastyString), { maxLength: 5 }),
  fc.dictionary(nastyString, fc.oneof(fc.integer(), nastyString), { maxKeys: 4 }),
);

function typesOf(s: JsonSchema): string[] {
  if (s.type === undefined) return [];
  return Array.isArray(s.type) ? s.type : [s.type];
}

function stringFor(s: JsonSchema): fc.Arbitrary<string> {
  if (s.format === 'date-time') return fc.date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString());
  if (s.format === 'date') return fc.date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  if (s.pattern !== undefined) {
    try {
      return fc.stringMatching(new RegExp(s.pattern)).filter((v) => v.length <= (s.maxLength ?? 200));
    } catch {
      // a pattern fast-check cannot invert: plain strings
    }
  }
  return fc.string({ unit: 'grapheme', minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 30, 30) });
}

/** Values that fit the schema (as far as these simple rules go). */
export function valid(s: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum !== undefined) return fc.constantFrom(...s.enum);
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives !== undefined) return fc.oneof(...alternatives.map((a) => valid(a, depth + 1)));
  const [type] = typesOf(s);
  switch (type) {
    case 'string':
      return stringFor(s);
    case 'integer':
      return fc.integer({ min: s.minimum ?? -1000, max: s.maximum ?? 100_000 });
    case 'number':
      return fc.double({ min: s.minimum ?? -1000, max: s.maximum ?? 100_000, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return depth > 3 ? fc.constant([]) : fc.array(valid(s.items ?? {}, depth + 1), { maxLength: Math.min(s.maxItems ?? 3, 3) });
    case 'object': {
      if (depth > 3) return fc.constant({});
      const props = s.properties ?? {};
      const required = new Set(s.required ?? []);
      return fc.record(Object.fromEntries(Object.entries(props).map(([k, v]) => [k, valid(v, depth + 1)])), { requiredKeys: [...required].filter((k) => k in props) });
    }
    default:
      return anyJson;
  }
}

/** Values that (mostly) do not fit: one thing broken at a time, or everything. */
export function invalid(s: JsonSchema): fc.Arbitrary<unknown> {
  const broken: fc.Arbitrary<unknown>[] = [anyJson, nastyString];
  if (typesOf(s).includes('object') && s.properties !== undefined) {
    const keys = Object.keys(s.properties);
    broken.push(
      // a valid object with one field replaced by anything at all
      fc.tuple(valid(s) as fc.Arbitrary<Record<string, unknown>>, fc.constantFrom(...keys), anyJson).map(([o, k, v]) => ({ ...o, [k]: v })),
      // a valid object missing a field
      fc.tuple(valid(s) as fc.Arbitrary<Record<string, unknown>>, fc.constantFrom(...keys)).map(([o, k]) => {
        const { [k]: _dropped, ...rest } = o;
        return rest;
      }),
      // a valid object with an unknown field
      fc.tuple(valid(s) as fc.Arbitrary<Record<string, unknown>>, nastyString, anyJson).map(([o, k, v]) => ({ ...o, [k || 'x']: v })),
    );
  }
  return fc.oneof(...broken);
}

/** A path parameter: often a plausible id, often not. */
export const pathValue: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('SQ202503030001', 'demo-0001', '2251799813685255', '9223372036854775807', '99999999999999999999', '0', '-1', 'dingshan-huangliang'),
  fc.stringMatching(/^[0-9]{1,22}$/),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 80 }),
  nastyString.filter((v) => v.length > 0 && v.length < 3000),
);

export { anyJson, nastyString };
