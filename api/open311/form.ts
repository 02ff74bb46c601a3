// The body of POST requests: form-encoded as the spec sends it (`application/x-www-form-urlencoded`,
// parsed with URLSearchParams, no dependency), or JSON. Both are brought to one shape before the
// schema sees them: `attribute[code]=v` becomes `attribute: {code: 'v'}` (and the multivaluelist
// form `attribute[code][]=v1&attribute[code][]=v2` an array), so the schema validates one thing.

/** A form body as fields; a field sent more than once becomes an array of its values. */
export function parseForm(body: string): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {};
  for (const [name, value] of new URLSearchParams(body)) {
    const earlier = fields[name];
    fields[name] = earlier === undefined ? value : Array.isArray(earlier) ? [...earlier, value] : [earlier, value];
  }
  return fields;
}

const ATTRIBUTE_FIELD = /^attribute\[([^\]]*)\](\[\])?$/;

/** Gathers `attribute[code]` fields into `attribute`; anything else is left for the schema to judge. */
export function normaliseBody(body: unknown): unknown {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return body;
  const out: Record<string, unknown> = {};
  const attribute: Record<string, unknown> = {};
  let sawAttribute = false;
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    const match = ATTRIBUTE_FIELD.exec(name);
    if (match === null) {
      out[name] = value;
      continue;
    }
    sawAttribute = true;
    const code = match[1]!;
    const many = match[2] !== undefined;
    const earlier = attribute[code];
    const values = [...(earlier === undefined ? [] : Array.isArray(earlier) ? earlier : [earlier]), ...(Array.isArray(value) ? value : [value])];
    attribute[code] = many || values.length > 1 ? values : values[0];
  }
  if (sawAttribute) {
    const given = out.attribute;
    out.attribute = given !== null && typeof given === 'object' && !Array.isArray(given) ? { ...(given as Record<string, unknown>), ...attribute } : attribute;
  }
  return out;
}
