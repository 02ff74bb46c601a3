// The authorisation matrix: every route of the OpenAPI document × every demo account (and the
// public) × an object of the caller's own unit and one of another unit. Staff routes refuse the
// public (401) and roles they do not name (403) before reading a body; no account reads or writes
// another unit's request, task or attachment; no account completes a task outside its unit and role.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart, newRequest, PNG } from './case-file-support.js';
import { valid, type JsonSchema } from './schema-arbitraries.js';
import { ApiWorld, eventually, type Caller } from './support.js';

const ACCOUNTS = ['huangliang-handler', 'huangliang-leader', 'huangliang-head', 'dingshan-handler', 'dingshan-leader', 'dingshan-head', 'water-handler', 'special-team', 'supervisor', 'designer', 'admin'] as const;
type Account = (typeof ACCOUNTS)[number];

/** Who may see the request at 黄梁村 (鼎山镇): its village, its township and the district's units. */
const SEES_OWN = new Set<Account>(['huangliang-handler', 'huangliang-leader', 'huangliang-head', 'dingshan-handler', 'dingshan-leader', 'dingshan-head', 'special-team', 'supervisor', 'designer', 'admin']);
/** Who may see the request at 白鹤村 (化成镇): only the district's units. */
const SEES_OTHER = new Set<Account>(['special-team', 'supervisor', 'designer', 'admin']);
/** Who may work 鼎山镇's screening task (township:dingshan, roles handler or clerk). */
const WORKS_OWN_SCREENING = new Set<Account>(['dingshan-handler']);

interface Operation {
  method: string;
  path: string;
  access: 'public' | { staff: 'any' | string[] };
  body?: JsonSchema;
}

interface Objects {
  request: string;
  task: string;
  attachment: string;
}

let w: ApiWorld;
const callers = new Map<Account | 'public', Caller>();
const roles = new Map<Account, string[]>();
let operations: Operation[];
let own: Objects;
let other: Objects;

function resolveRefs(doc: any, s: any, depth = 0): any {
  if (s === null || typeof s !== 'object' || depth > 8) return s;
  if (typeof s.$ref === 'string') return resolveRefs(doc, doc.components?.schemas?.[s.$ref.replace('#/components/schemas/', '').replace(/#$/, '')], depth + 1);
  return Array.isArray(s) ? s.map((x) => resolveRefs(doc, x, depth + 1)) : Object.fromEntries(Object.entries(s).map(([k, v]) => [k, resolveRefs(doc, v, depth + 1)]));
}

async function screeningTask(requestId: string): Promise<string> {
  return (await w.world.waitForTask(requestId, 'screen')).userTaskKey;
}

async function attachmentOf(uploader: Caller, requestId: string): Promise<string> {
  const body = multipart([{ name: 'file', filename: 'photo.png', type: 'image/png', content: PNG }]);
  const answer = await uploader.call('POST', `/api/requests/${requestId}/attachments`, { payload: body.payload, headers: body.headers });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return String(answer.body.items?.[0]?.id ?? answer.body.attachments?.[0]?.id ?? answer.body[0]?.id ?? answer.body.id);
}

beforeAll(async () => {
  w = await ApiWorld.start();
  await w.world.startScenario();
  callers.set('public', w.public);
  for (const account of ACCOUNTS) {
    const caller = await w.login(account);
    callers.set(account, caller);
    roles.set(account, (await caller.get('/api/me')).body.roles);
  }
  const otherTownship = await w.login('huacheng-staff-3');
  await newRequest(w, { requestId: 'AUTH-OWN', townshipId: 'dingshan', villageId: 'dingshan-huangliang', summary: '黄梁村路灯不亮' });
  await newRequest(w, { requestId: 'AUTH-OTHER', townshipId: 'huacheng', villageId: 'huacheng-baihe', summary: '白鹤村堰塘漏水' });
  own = { request: 'AUTH-OWN', task: await screeningTask('AUTH-OWN'), attachment: await attachmentOf(callers.get('dingshan-handler')!, 'AUTH-OWN') };
  other = { request: 'AUTH-OTHER', task: await screeningTask('AUTH-OTHER'), attachment: await attachmentOf(otherTownship, 'AUTH-OTHER') };
  const doc = (await w.public.get('/docs/json')).body;
  operations = Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      access: op['x-suqiu-access'],
      body: op.requestBody?.content?.['application/json']?.schema === undefined ? undefined : resolveRefs(doc, op.requestBody.content['application/json'].schema),
    })),
  );
}, 120_000);
afterAll(async () => w?.stop());

/** The URL of an operation for the objects of one side; undefined when the path names something else. */
function urlFor(op: Operation, objects: Objects): string | undefined {
  let url = op.path;
  if (url.includes('{key}')) url = url.replace('{key}', objects.task);
  if (url.startsWith('/api/attachments/{id}')) url = url.replace('{id}', objects.attachment);
  if (url.startsWith('/api/requests/{id}')) url = url.replace('{id}', objects.request);
  return url.includes('{') ? undefined : url;
}

const isStaffRoute = (op: Operation): op is Operation & { access: { staff: 'any' | string[] } } => op.access !== 'public';
const mayKnock = (op: Operation & { access: { staff: 'any' | string[] } }, account: Account) =>
  op.access.staff === 'any' || (op.access.staff as string[]).some((r) => roles.get(account)!.includes(r));
const bodyFor = (op: Operation) => (op.body === undefined ? undefined : fc.sample(valid(op.body), { numRuns: 1, seed: 42 })[0]);

describe('the authorisation matrix', () => {
  it('declares who may call every route, and the staff routes are most of them', () => {
    // then
    expect(operations.length).toBeGreaterThan(15);
    for (const op of operations) expect([`${op.method} ${op.path}`, op.access]).toEqual([`${op.method} ${op.path}`, expect.anything()]);
  });

  it('refuses the public on every staff route (401) and every account whose roles the route does not name (403), before reading the body', async () => {
    // given
    const refusals: string[] = [];
    let checked = 0;

    // when
    for (const op of operations.filter(isStaffRoute)) {
      const url = urlFor(op, own) ?? op.path.replace(/\{[^}]+\}/g, '1');
      const anonymous = await w.public.call(op.method as never, url, { body: op.method === 'GET' ? undefined : { nonsense: true } });
      if (anonymous.status !== 401) refusals.push(`public ${op.method} ${op.path} → ${anonymous.status}`);
      checked++;
      for (const account of ACCOUNTS.filter((a) => !mayKnock(op, a))) {
        checked++;
        const answer = await callers.get(account)!.call(op.method as never, url, { body: op.method === 'GET' ? undefined : { nonsense: true } });
        if (answer.status !== 403) refusals.push(`${account} ${op.method} ${op.path} → ${answer.status}`);
      }
    }

    // then
    expect(refusals).toEqual([]);
    expect(checked).toBeGreaterThan(40);
  });

  it('lets no account read another unit\'s request, task or attachment, and lets each read its own', async () => {
    // given
    const wrong: string[] = [];
    const routes = new Set<string>();

    // when
    for (const op of operations.filter((o) => isStaffRoute(o) && o.method === 'GET')) {
      for (const [objects, sees] of [[own, SEES_OWN], [other, SEES_OTHER]] as const) {
        const url = urlFor(op, objects);
        if (url === undefined || url === op.path) continue;
        const taskRoute = op.path.includes('{key}');
        routes.add(op.path);
        for (const account of ACCOUNTS.filter((a) => mayKnock(op as never, a))) {
          const answer = await callers.get(account)!.get(url);
          // a task: its unit and the district's units read it; anyone else gets 404
          const allowed = taskRoute ? (objects === own ? ['dingshan-handler', 'dingshan-leader', 'dingshan-head', 'special-team', 'supervisor', 'designer', 'admin'] : ['special-team', 'supervisor', 'designer', 'admin']).includes(account) : sees.has(account);
          if (allowed && answer.status !== 200) wrong.push(`${account} GET ${url}: expected 200, got ${answer.status}`);
          if (!allowed && answer.status !== 404 && answer.status !== 403) wrong.push(`${account} GET ${url}: expected 403/404, got ${answer.status}`);
        }
      }
    }

    // then
    expect(wrong).toEqual([]);
    expect([...routes]).toEqual(expect.arrayContaining(['/api/tasks/{key}', '/api/requests/{id}/case-file', '/api/attachments/{id}']));
  });

  it('lets no account write to another unit\'s request, task or attachment', async () => {
    // given
    const wrong: string[] = [];
    const routes = new Set<string>();

    // when
    for (const op of operations.filter((o) => isStaffRoute(o) && o.method !== 'GET')) {
      const url = urlFor(op, other);
      if (url === undefined || url === op.path) continue;
      routes.add(`${op.method} ${op.path}`);
      for (const account of ACCOUNTS.filter((a) => mayKnock(op as never, a) && !SEES_OTHER.has(a))) {
        const answer = await callers.get(account)!.call(op.method as never, url, { body: bodyFor(op) });
        if (answer.status < 400) wrong.push(`${account} ${op.method} ${url} → ${answer.status}`);
      }
    }

    // then
    expect(wrong).toEqual([]);
    expect([...routes]).toEqual(expect.arrayContaining(['POST /api/tasks/{key}/completion', 'POST /api/tasks/{key}/assignment', 'POST /api/requests/{id}/attachments']));
  });

  it('lets only the unit and role the diagram names complete a task, and refuses everyone else with 403', async () => {
    // given
    const answers = new Map<Account, number>();

    // when: everyone but the one who may tries first, then the one who may
    for (const account of ACCOUNTS.filter((a) => !WORKS_OWN_SCREENING.has(a))) {
      answers.set(account, (await callers.get(account)!.post(`/api/tasks/${own.task}/completion`, { variables: { valid: true } })).status);
    }
    const right = await callers.get('dingshan-handler')!.post(`/api/tasks/${own.task}/completion`, { variables: { valid: true } });

    // then
    expect([...answers].filter(([, status]) => status !== 403)).toEqual([]);
    expect(right.status).toBe(204);
    await eventually(async () => (await w.world.openTasks('AUTH-OWN', 'screen')).length === 0, 'the screening to be done');
  });
});
