// A step's form, as the API gives it (`GET /api/tasks/{key}`: a JSON Schema, a label per field and
// per value), turned into the fields a page shows, and what the person entered turned back into
// the variables the completion sends. The API checks the variables against the same schema
// (400 naming the field): this module only decides how to ask, never what is allowed.

// the API's own messages in two languages, and how it picks one (api/problems.ts has no imports)
import { inLang, type Lang, type Text } from '../../../../api/problems.js';

export { inLang, type Lang, type Text };

/** `text` in `lang`, or `fallback` when the form gives no label. */
const labelIn = (text: Text | undefined, lang: Lang, fallback: string): string => (text === undefined ? fallback : inLang(text, lang));

export interface TaskFormAnswer {
  key: string;
  title: Text;
  schema: JsonSchema;
  labels: Record<string, Text>;
  choices?: Record<string, Record<string, Text>>;
}

export interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  items?: JsonSchema;
  maxLength?: number;
  minLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  format?: string;
  pattern?: string;
  description?: string;
}

export interface Choice {
  value: string | number | boolean;
  label: string;
}

interface FieldBase {
  name: string;
  label: string;
  required: boolean;
  description?: string;
}
export type Field =
  | (FieldBase & { kind: 'choice'; choices: Choice[] })
  | (FieldBase & { kind: 'text'; multiline: boolean; maxLength?: number })
  | (FieldBase & { kind: 'integer'; min?: number; max?: number })
  | (FieldBase & { kind: 'datetime' | 'date' })
  | (FieldBase & { kind: 'list'; fields: Field[]; minItems?: number; maxItems?: number });

/** The values a schema allows, when it allows a closed set (a union of constants, an enum, a boolean). */
function closedValues(schema: JsonSchema): (string | number | boolean)[] | undefined {
  if (schema.type === 'boolean') return [true, false];
  if (schema.enum !== undefined) return schema.enum as (string | number | boolean)[];
  if (schema.anyOf !== undefined && schema.anyOf.every((s) => s.const !== undefined)) return schema.anyOf.map((s) => s.const as string | number | boolean);
  if (schema.const !== undefined) return [schema.const as string | number | boolean];
  return undefined;
}

function fieldOf(name: string, schema: JsonSchema, required: boolean, label: string, valueLabels: Record<string, Text> | undefined, lang: Lang): Field {
  const base = { name, label, required, ...(schema.description === undefined ? {} : { description: schema.description }) };
  const values = closedValues(schema);
  if (values !== undefined) {
    return { ...base, kind: 'choice', choices: values.map((value) => ({ value, label: labelIn(valueLabels?.[String(value)], lang, String(value)) })) };
  }
  if (schema.type === 'integer' || schema.type === 'number') return { ...base, kind: 'integer', min: schema.minimum, max: schema.maximum };
  if (schema.type === 'string' && schema.format === 'date-time') return { ...base, kind: 'datetime' };
  if (schema.type === 'string' && schema.format === 'date') return { ...base, kind: 'date' };
  if (schema.type === 'array' && schema.items?.type === 'object') {
    const item = schema.items;
    const fields = Object.entries(item.properties ?? {}).map(([n, s]) => fieldOf(n, s, (item.required ?? []).includes(n), n, undefined, lang));
    return { ...base, kind: 'list', fields, minItems: schema.minItems, maxItems: schema.maxItems };
  }
  // a note of a few paragraphs gets a text area; a number or a short name one line
  return { ...base, kind: 'text', multiline: (schema.maxLength ?? 10_000) > 200, maxLength: schema.maxLength };
}

/** The fields of a form, in the schema's order, labelled in `lang`. */
export function fieldsOf(form: TaskFormAnswer, lang: Lang): Field[] {
  const required = form.schema.required ?? [];
  return Object.entries(form.schema.properties ?? {}).map(([name, schema]) =>
    fieldOf(name, schema, required.includes(name), labelIn(form.labels[name], lang, name), form.choices?.[name], lang),
  );
}

export type Values = Record<string, unknown>;

/** What the page starts with: nothing chosen, empty texts, no list items (or as many as required). */
export function initialValues(fields: Field[]): Values {
  const out: Values = {};
  for (const f of fields) {
    if (f.kind === 'list') out[f.name] = [];
    else if (f.kind === 'text') out[f.name] = '';
    else out[f.name] = undefined;
  }
  return out;
}

function valueOf(field: Field, raw: unknown): unknown {
  if (raw === undefined || raw === null) return undefined;
  switch (field.kind) {
    case 'text': {
      const text = String(raw).trim();
      return text === '' ? undefined : text;
    }
    case 'integer': {
      if (raw === '') return undefined;
      const n = Number(raw);
      return Number.isFinite(n) ? n : raw; // the API names the field if it is not a whole number
    }
    case 'datetime':
    case 'date':
      return raw === '' ? undefined : raw;
    case 'choice':
      return raw === '' ? undefined : raw;
    case 'list': {
      if (!Array.isArray(raw)) return undefined;
      const items = raw.map((item) => variablesOf(field.fields, item as Values)).filter((item) => Object.keys(item).length > 0);
      return items.length === 0 ? undefined : items;
    }
  }
}

/** The variables to send: every field the person filled in, empty optional ones left out. */
export function variablesOf(fields: Field[], values: Values): Values {
  const out: Values = {};
  for (const field of fields) {
    const value = valueOf(field, values[field.name]);
    if (value !== undefined) out[field.name] = value;
  }
  return out;
}
