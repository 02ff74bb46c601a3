// No public answer carries a citizen's identity. Distinctive names, phones, ID numbers and exact
// addresses are taken in through staff intake (代办, with the proxy's own name and phone) and the
// citizen's online form, some of them typed into the text as well; the requests move along (one
// assessed and marked blocked). Then every GET route under /api/public/ (listed from the OpenAPI
// document, so a route added later is covered without touching this test) is called with real
// parameters, and each answer is searched for each personal string, and for each number's digits
// with any separators taken out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getRequest } from '../../store/requests.js';
import { ApiWorld, eventually } from './support.js';

const ELDER = { name: '司徒雅琴', phone: '13612345987', idNumber: '510722195306124527', address: '黄梁村七组龙王庙旁41号' };
const PROXY = { proxyName: '司徒建国', proxyPhone: '13798761234' };
const ONLINE = { name: '东方明远', phone: '15866669012' };
const PERSONAL = [ELDER.name, ELDER.phone, ELDER.idNumber, ELDER.address, PROXY.proxyName, PROXY.proxyPhone, ONLINE.name, ONLINE.phone];

let w: ApiWorld;
let staffId: string;
let onlineId: string;
let onlineCode: string;

beforeAll(async () => {
  w = await ApiWorld.start();
  await w.world.startScenario();
  const handler = await w.login('huangliang-handler');
  const proxied = await handler.post(
    '/api/requests',
    {
      channel: 'proxy',
      // the elder told her name, address and numbers, and they were written into the text too
      text: `我是${ELDER.name},住${ELDER.address},电话 136-1234-5987,身份证号${ELDER.idNumber},低保申请三个月没有回音`,
      townshipId: 'dingshan',
      villageId: 'dingshan-huangliang',
      citizen: ELDER,
      proxy: { ...PROXY, relation: '子女', consentGiven: true, consentMethod: 'in_person', consentNote: '当面征得本人同意' },
    },
    { headers: { 'idempotency-key': 'privacy-test-proxy-1' } },
  );
  expect(proxied.status, JSON.stringify(proxied.body)).toBe(201);
  staffId = proxied.body.id;
  const online = await w.public.post('/api/public/requests', {
    text: `${ONLINE.name}反映:小区门口路灯不亮,联系电话${ONLINE.phone}`,
    townshipId: 'dingshan',
    villageId: 'dingshan-huangliang',
    citizen: ONLINE,
  });
  expect(online.status).toBe(201);
  [onlineId, onlineCode] = [online.body.id, online.body.lookupCode];
  // the elder's request moves along: screened, assessed to the village, blocked by funding
  await eventually(() => getRequest(w.db, staffId)?.processInstanceKey ?? undefined, 'the proxy request to start');
  await w.world.doTask(staffId, 'screen', { valid: true, screeningNote: '属实' });
  await w.world.doTask(staffId, 'assess', { listType: 'individual', domain: 'civil_affairs', difficulty: 'easy' });
  await w.world.waitForTask(staffId, 'accept');
  const blocked = await handler.call('PUT', `/api/requests/${staffId}/blocked`, { body: { kind: 'funding', reason: `${ELDER.name}家低保待区财政安排` } });
  expect(blocked.status).toBe(200);
}, 120_000);
afterAll(async () => w?.stop());

interface Parameter {
  name: string;
  in: string;
  schema?: { enum?: unknown[]; anyOf?: { const?: unknown; enum?: unknown[] }[]; type?: string };
}

/** Real values for the parameters the public routes take, by name; enumerations take each of their values. */
function valuesFor(p: Parameter): string[] {
  const byName: Record<string, string[]> = {
    id: [staffId, onlineId],
    townshipId: ['dingshan'],
    villageId: ['dingshan-huangliang'],
    unitId: ['dingshan-huangliang'],
    // the identity itself, the numbers without separators, and words of the text
    q: [...PERSONAL, '13612345987', staffId, '低保', '路灯'],
    limit: ['100'],
    year: [String(new Date(w.world.now().getTime() + 8 * 3_600_000).getUTCFullYear())],
  };
  if (byName[p.name] !== undefined) return byName[p.name]!;
  const choices = p.schema?.enum ?? p.schema?.anyOf?.flatMap((a) => (a.const !== undefined ? [a.const] : (a.enum ?? [])));
  return choices === undefined ? [] : choices.map(String);
}

/** Every URL to call for one public GET route: the path filled in, then alone and with each query parameter's values. */
function urlsFor(path: string, parameters: Parameter[]): string[] {
  const paths = path.includes('{')
    ? [staffId, onlineId].map((id) => path.replace(/\{[^}]+\}/g, (m) => (m === '{id}' ? id : (valuesFor({ name: m.slice(1, -1), in: 'path' })[0] ?? id))))
    : [path];
  return paths.flatMap((p) => [
    p,
    ...parameters.filter((q) => q.in === 'query').flatMap((q) => valuesFor(q).map((v) => `${p}?${q.name}=${encodeURIComponent(v)}`)),
  ]);
}

function leaks(raw: string): string[] {
  const joined = raw.replace(/(?<=\d)[\s-]+(?=\d)/g, '');
  return PERSONAL.filter((s) => raw.includes(s) || joined.includes(s.replace(/[\s-]/g, '')));
}

describe('privacy of the public answers', () => {
  it('never gives out a name, phone, ID number or address from any GET route under /api/public/', async () => {
    // given
    const doc = (await w.public.get('/docs/json')).body as { paths: Record<string, Record<string, { parameters?: Parameter[] }>> };
    const routes = Object.entries(doc.paths).filter(([path, ops]) => path.startsWith('/api/public/') && ops.get !== undefined);
    const found: string[] = [];
    const called = new Map<string, number>();

    // when
    for (const [path, ops] of routes) {
      for (const url of urlsFor(path, ops.get!.parameters ?? [])) {
        const answer = await w.public.get(url);
        called.set(url, answer.status);
        for (const leak of leaks(answer.raw.body)) found.push(`${url} (${answer.status}) gives out ${leak}`);
      }
    }

    // then: nothing leaked, and the routes were really asked (the board found the elder's request by its number and its words)
    expect(found).toEqual([]);
    expect(routes.map(([path]) => path)).toEqual(expect.arrayContaining(['/api/public/board', '/api/public/board/units', '/api/public/places']));
    expect([...called.values()].filter((s) => s >= 500)).toEqual([]);
    const byNumber = await w.public.get(`/api/public/board?q=${staffId}`);
    expect(byNumber.body.items).toMatchObject([{ id: staffId, blockedKind: { code: 'funding' } }]);
    expect(byNumber.body.items[0].text).toBe('我是***,住***,电话 ***,身份证号***,低保申请三个月没有回音');
    expect((await w.public.get(`/api/public/board?q=${encodeURIComponent(ELDER.name)}`)).body.items).toEqual([]);
  });

  it('never gives out the identity in the citizen\'s own look-up either', async () => {
    // when
    const answer = await w.public.post(`/api/public/requests/${onlineId}/lookup`, { lookupCode: onlineCode });

    // then
    expect(answer.status).toBe(200);
    expect(leaks(answer.raw.body)).toEqual([]);
  });
});
