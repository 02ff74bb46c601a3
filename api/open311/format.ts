// The two formats of GeoReport v2. XML is the spec's required one; JSON is its programmatic mapping
// (the Spark convention): the root element is dropped, a list element becomes an array of its
// items, an empty element becomes null. One answer is built once as (root, value) and rendered in
// the format the path asked for: `.json`, `.xml`, or no extension (XML, the spec's required format).

export type Format = 'json' | 'xml';

export const CONTENT_TYPES: Record<Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

/** `requests.json` → json, `requests.xml` / `requests` → xml (and the name without the extension). */
export function splitFormat(name: string): { name: string; format: Format } {
  if (name.endsWith('.json')) return { name: name.slice(0, -5), format: 'json' };
  if (name.endsWith('.xml')) return { name: name.slice(0, -4), format: 'xml' };
  return { name, format: 'xml' };
}

/** The format of a request's path (its last segment's extension). */
export function formatOfPath(url: string): Format {
  const path = url.split('?')[0] ?? '';
  return splitFormat(path.slice(path.lastIndexOf('/') + 1)).format;
}

/** The element name of one item of each list of the spec. */
const ITEMS: Record<string, string> = {
  services: 'service',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
  service_requests: 'request',
  errors: 'error',
};

// characters XML 1.0 cannot carry at all (a request's text may hold them): left out
/* eslint-disable no-control-regex */
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

const SPECIAL = /[&<>"'\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;

/* eslint-enable no-control-regex */

export function escapeXml(text: string): string {
  if (!SPECIAL.test(text)) return text;
  return text.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function element(name: string, value: unknown, out: string[]): void {
  if (value === null || value === undefined || value === '') {
    out.push(`<${name}/>`);
  } else if (Array.isArray(value)) {
    const item = ITEMS[name];
    if (item === undefined) throw new Error(`no item element for the list ${name}`);
    out.push(`<${name}>`);
    for (const v of value) element(item, v, out);
    out.push(`</${name}>`);
  } else if (typeof value === 'object') {
    out.push(`<${name}>`);
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) element(k, v, out);
    out.push(`</${name}>`);
  } else {
    out.push(`<${name}>${escapeXml(String(value))}</${name}>`);
  }
}

/** `<?xml ...?><root>…</root>` of an answer. */
export function toXml(root: string, value: unknown): string {
  const out: string[] = ['<?xml version="1.0" encoding="utf-8"?>\n'];
  element(root, value, out);
  return out.join('');
}

/** An Open311 answer: the root element's name and its content (the JSON body). */
export interface Answer {
  root: string;
  value: unknown;
}

/** The spec's error list: `[{code, description}]`, `<errors><error>…</error></errors>`. */
export const errorsAnswer = (code: number, descriptions: string[]): Answer => ({
  root: 'errors',
  value: descriptions.map((description) => ({ code, description })),
});
