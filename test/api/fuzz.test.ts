// 10,000 requests generated with fast-check from the OpenAPI document's own schemas: every route,
// by the public and by staff of several units and roles, with bodies that fit and bodies that do
// not (wrong types, huge strings, odd unicode, missing and unknown fields), ids that name nothing,
// garbage instead of JSON. Not one answer may be a 5xx, and the server must go on serving.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anyJson, invalid, nastyString, pathValue, valid, type JsonSchema } from './schema-arbitraries.js';
import { ApiWorld, type Caller } from './support.js';

const RUNS = Number(process.env.SUQIU_FUZZ_RUNS ?? 10_000);

interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  pathParams: string[];
  query: Record<string, JsonSchema>;
  body?: JsonSchema;
}

let w: ApiWorld;
let callers: Caller[];
let operations: Operation[];

/** Resolves `$ref`s of the document's components (the schemas the routes share). */
function resolver(doc: any) {
  const resolve = (s: any, depth = 0): JsonSchema => {
    if (s === undefined || s === null || typeof s !== 'object' || depth > 8) return s ?? {};
    if (typeof s.$ref === 'string') {
      const name = s.$ref.replace('#/components/schemas/', '').replace(/#$/, '');
      return resolve(doc.components?.schemas?.[name], depth + 1);
    }
    const out: any = Array.isArray(s) ? [] : {};
    for (const [k, v] of Object.entries(s)) out[k] = typeof v === 'object' ? resolve(v, depth + 1) : v;
    return out;
  };
  return resolve;
}

function operationsOf(doc: any): Operation[] {
  const resolve = resolver(doc);
  const out: Operation[] = [];
  for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
    for (const [method, op] of Object.entries(ops)) {
      const m = method.toUpperCase() as Operation['method'];
      if (!['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(m)) continue;
      // logging out would end the fuzzing callers' sessions
      if (m === 'DELETE' && path === '/api/session') continue;
      const params = (op.parameters ?? []) as { in: string; name: string; schema: unknown }[];
      out.push({
        method: m,
        path,
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        query: Object.fromEntries(params.filter((p) => p.in === 'query').map((p) => [p.name, resolve(p.schema)])),
        body: op.requestBody?.content?.['application/json']?.schema === undefined ? undefined : resolve(op.requestBody.content['application/json'].schema),
      });
    }
  }
  return out;
}

beforeAll(async () => {
  w = await ApiWorld.start({ rateLimits: { login: 100_000, public: 100_000 } });
  await w.world.startScenario();
  operations = operationsOf((await w.public.get('/docs/json')).body);
  callers = [w.public, ...(await Promise.all(['huangliang-handler', 'dingshan-head', 'special-team', 'water-handler', 'supervisor', 'admin'].map((u) => w.login(u))))];
}, 120_000);
afterAll(async () => w?.stop());

function requestFor(op: Operation) {
  const params = fc.tuple(...op.pathParams.map(() => pathValue));
  const query = fc.dictionary(
    fc.constantFrom(...(Object.keys(op.query).length > 0 ? Object.keys(op.query) : ['x'])),
    fc.oneof(...Object.values(op.query).map((s) => valid(s).map(String)), nastyString),
    { maxKeys: 4 },
  );
  const body = op.body === undefined ? fc.oneof(fc.constant(undefined), anyJson) : fc.oneof({ weight: 2, arbitrary: valid(op.body) }, { weight: 3, arbitrary: invalid(op.body) });
  const raw = fc.oneof({ weight: 9, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom('{', '{"a":', '[]', 'null', '\u0000', '诉求'.repeat(10)) });
  return fc.record({
    caller: fc.integer({ min: 0, max: callers.length - 1 }),
    params,
    query,
    body,
    raw,
    idempotencyKey: fc.option(fc.string({ maxLength: 300 }), { nil: undefined }),
    lang: fc.constantFrom(undefined, 'en', 'zh-CN', 'fr;q=0.1, *', ';;;'),
  });
}

/** lone surrogates replaced, as a browser would before sending a URL */
const wellFormed = (text: string) => text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

const fill = (path: string, names: string[], values: string[]) =>
  names.reduce((p, name, i) => p.replace(`{${name}}`, encodeURIComponent(wellFormed(values[i]!))), path);

describe('10,000 generated requests', () => {
  it('get no 5xx answer, and the server keeps serving', async () => {
    // given
    const answers = new Map<number, number>();
    const timeByOperation = new Map<string, { n: number; ms: number }>();
    const failures: string[] = [];
    const anyRequest = fc.constantFrom(...operations).chain((op) => requestFor(op).map((r) => ({ op, ...r })));

    // when
    await fc.assert(
      fc.asyncProperty(anyRequest, async (r) => {
        const url = fill(r.op.path, r.op.pathParams, r.params);
        const qs = new URLSearchParams(r.query as Record<string, string>).toString();
        const headers: Record<string, string> = {};
        if (r.idempotencyKey !== undefined) headers['idempotency-key'] = r.idempotencyKey.replace(/[^\x20-\x7e]/g, '');
        if (r.lang !== undefined) headers['accept-language'] = r.lang;
        const hasBody = r.op.method !== 'GET' && r.op.method !== 'DELETE';
        const started = performance.now();
        const answer = await callers[r.caller]!.call(r.op.method, qs === '' ? url : `${url}?${qs}`, {
          headers: hasBody && r.raw !== undefined ? { ...headers, 'content-type': 'application/json' } : headers,
          ...(hasBody ? (r.raw !== undefined ? { payload: r.raw } : r.body === undefined ? {} : { body: r.body }) : {}),
        });
        answers.set(answer.status, (answers.get(answer.status) ?? 0) + 1);
        const name = `${r.op.method} ${r.op.path}`;
        const spent = timeByOperation.get(name) ?? { n: 0, ms: 0 };
        timeByOperation.set(name, { n: spent.n + 1, ms: spent.ms + performance.now() - started });
        if (answer.status >= 500) failures.push(`${r.op.method} ${url} → ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
        return answer.status < 500;
      }),
      { numRuns: RUNS, endOnFailure: false, interruptAfterTimeLimit: 600_000 },
    ).catch((error: unknown) => {
      throw new Error(`${failures.slice(0, 5).join('\n')}\n${String(error).slice(0, 2000)}`);
    });
    const health = await w.public.get('/api/health');
    const login = await w.login('huangliang-head');

    // then
    console.log(`[fuzz] ${operations.length} operations; answers by status: ${JSON.stringify(Object.fromEntries([...answers].sort()))}`);
    const slowest = [...timeByOperation].sort((a, b) => b[1].ms - a[1].ms).slice(0, 5);
    console.log(`[fuzz] where the time went: ${slowest.map(([op, t]) => `${op} ${Math.round(t.ms)} ms / ${t.n}`).join('; ')}`);
    expect([...answers.values()].reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(RUNS);
    expect(failures).toEqual([]);
    expect(health.status).toBe(200);
    expect((await login.get('/api/me')).status).toBe(200);
  }, 900_000);
});
