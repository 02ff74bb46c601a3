// What the Open311 tests share: form-encoded submissions as civic apps post them, and the XML
// answers parsed (fast-xml-parser, which the Camunda SDK brings) with the spec's lists as arrays.
import { XMLParser } from 'fast-xml-parser';
import { expect } from 'vitest';
import { DEMO_OPEN311_KEY } from '../../store/seed/demo.js';
import type { Answer, Caller } from './support.js';

const LIST_ITEMS = new Set(['service', 'attribute', 'value', 'endpoint', 'format', 'request', 'error']);
const parser = new XMLParser({ isArray: (name) => LIST_ITEMS.has(name), parseTagValue: false, ignoreDeclaration: true });

/** The XML answer parsed, after checking it is UTF-8 XML as the spec requires. */
export function xmlOf(answer: Answer): any {
  expect(answer.headers['content-type']).toBe('text/xml; charset=utf-8');
  const raw = answer.raw.body;
  expect(raw.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
  return parser.parse(raw);
}

/** The JSON answer, after checking it is JSON (and not problem+json). */
export function jsonOf(answer: Answer): any {
  expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
  return answer.body;
}

/** A submission's fields, with the demo key and a place in 黄梁村 unless given otherwise. */
export function fields(extra: Record<string, string> = {}): Record<string, string> {
  return {
    api_key: DEMO_OPEN311_KEY,
    service_code: 'water_resources.individual',
    'attribute[township_id]': 'dingshan',
    'attribute[village_id]': 'dingshan-huangliang',
    description: '三组堰塘漏水,灌溉用不上水',
    ...extra,
  };
}

/** POST requests.<format>, form-encoded as the spec posts it. */
export function submit(caller: Caller, f: Record<string, string>, format: 'json' | 'xml' = 'json', headers: Record<string, string> = {}): Promise<Answer> {
  return caller.call('POST', `/open311/v2/requests.${format}`, {
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', ...headers },
    payload: new URLSearchParams(f).toString(),
  });
}

/** A w3 date-time with the +08:00 offset this endpoint answers in. */
export const BEIJING_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/;
