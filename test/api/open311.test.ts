// Open311 GeoReport v2 through HTTP (issue 10, "Open311"): discovery, services and their
// definitions, POST requests with an api_key (form-encoded, as civic apps post them) that become
// Suqiu requests and start their process, GET requests with the spec's filters, a request by id,
// tokens; each in JSON and XML with the spec's fields and formats, and errors as the spec gives
// them (400, 403, 404, 429) instead of problem+json.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../api/app.js';
import { apiConfigFromEnv } from '../../api/config.js';
import { searchAudit } from '../../store/audit.js';
import { addOpen311Key, revokeOpen311Key } from '../../store/open311.js';
import { getRequest } from '../../store/requests.js';
import { requests } from '../../store/schema.js';
import { simulatedClockOf } from '../../store/simulated-clock.js';
import { BEIJING_DATETIME, fields, jsonOf, submit, xmlOf } from './open311-support.js';
import { ApiWorld, Caller, eventually } from './support.js';

let w: ApiWorld;
let handler: Caller;
beforeAll(async () => {
  w = await ApiWorld.start();
  await w.world.startScenario();
  handler = await w.login('huangliang-handler');
});
afterAll(async () => w?.stop());

const requestCount = () => w.db.select().from(requests).all().length;
const get = (url: string) => w.public.get(url);

/** Submits through Open311 and waits until the request's process runs (its screening task is open). */
async function submitted(extra: Record<string, string> = {}): Promise<{ id: string; token: string; notice: string }> {
  const answer = await submit(w.public, fields(extra));
  expect(answer.status).toBe(201);
  const [created] = jsonOf(answer);
  await w.world.waitForTask(created.service_request_id, 'screen');
  return { id: created.service_request_id, token: created.token, notice: created.service_notice };
}

/** Staff screen, assess (easy: the village), handle and sign the request off: it is closed (销号). */
async function closedByStaff(id: string): Promise<void> {
  await w.world.doTask(id, 'screen', { valid: true, screeningNote: '属实' });
  await w.world.doTask(id, 'assess', { listType: 'individual', domain: 'urban_management', difficulty: 'easy' });
  await w.world.doTask(id, 'accept', {});
  await w.world.doTask(id, 'handle-task', { outcome: 'resolved', resolutionNote: '已修复' });
  await w.world.signAll(id);
  await eventually(() => getRequest(w.db, id)?.closedAt ?? undefined, `${id} to be closed`);
}

describe('discovery', () => {
  it('names the GeoReport v2 endpoint with its formats, in JSON and in XML (also without an extension)', async () => {
    // when
    const json = jsonOf(await get('/open311/v2/discovery.json'));
    const xml = xmlOf(await get('/open311/v2/discovery.xml')).discovery;
    const bare = xmlOf(await get('/open311/v2/discovery')).discovery;

    // then
    expect(json).toEqual({
      changeset: expect.any(String),
      contact: expect.stringContaining('巴州区'),
      key_service: expect.stringContaining('api_key'),
      endpoints: [
        { specification: 'http://wiki.open311.org/GeoReport_v2', url: expect.stringMatching(/\/open311\/v2$/), changeset: json.changeset, type: 'production', formats: ['text/xml', 'application/json'] },
      ],
    });
    expect(xml).toEqual({ ...json, endpoints: { endpoint: [{ ...json.endpoints[0], formats: { format: ['text/xml', 'application/json'] } }] } });
    expect(bare).toEqual(xml);
  });
});

describe('services', () => {
  it('lists the 15 domains with their five lists as 75 realtime services with definitions, in JSON and XML', async () => {
    // when
    const json = jsonOf(await get('/open311/v2/services.json'));
    const xml = xmlOf(await get('/open311/v2/services.xml')).services.service;

    // then
    expect(json).toHaveLength(75);
    expect(new Set(json.map((s: { group: string }) => s.group)).size).toBe(15);
    expect(json.find((s: { service_code: string }) => s.service_code === 'water_resources.individual')).toEqual({
      service_code: 'water_resources.individual',
      service_name: '水利·个人求决',
      description: '属于水利领域的个人求决',
      metadata: true,
      type: 'realtime',
      keywords: '水利,个人求决,water_resources,individual',
      group: '水利',
    });
    expect(json.every((s: { metadata: boolean; type: string }) => s.metadata === true && s.type === 'realtime')).toBe(true);
    expect(xml).toHaveLength(75);
    expect(xml[0]).toEqual({ ...json[0], metadata: 'true' });
  });

  it('defines the township (required) and the village of a service from the district\'s places, in JSON and XML', async () => {
    // when
    const json = jsonOf(await get('/open311/v2/services/water_resources.individual.json'));
    const xml = xmlOf(await get('/open311/v2/services/water_resources.individual.xml')).service_definition;

    // then
    expect(json.service_code).toBe('water_resources.individual');
    const [township, village] = json.attributes;
    expect(township).toMatchObject({ variable: true, code: 'township_id', datatype: 'singlevaluelist', required: true, order: 1, datatype_description: expect.any(String), description: expect.any(String) });
    expect(township.values).toContainEqual({ key: 'dingshan', name: '鼎山镇' });
    expect(township.values).toContainEqual(expect.objectContaining({ key: 'dongcheng' }));
    expect(village).toMatchObject({ variable: true, code: 'village_id', datatype: 'singlevaluelist', required: false, order: 2 });
    expect(village.values).toContainEqual({ key: 'dingshan-huangliang', name: '黄梁村(鼎山镇)' });
    expect(xml.service_code).toBe('water_resources.individual');
    expect(xml.attributes.attribute[0]).toMatchObject({ variable: 'true', code: 'township_id', datatype: 'singlevaluelist', required: 'true', order: '1' });
    expect(xml.attributes.attribute[0].values.value).toContainEqual({ key: 'dingshan', name: '鼎山镇' });
    expect(xml.attributes.attribute[1].required).toBe('false');
  });

  it('answers an unknown service with 404 in the spec\'s error format', async () => {
    // when
    const json = await get('/open311/v2/services/roads.potholes.json');
    const xml = await get('/open311/v2/services/roads.potholes.xml');

    // then
    expect(json.status).toBe(404);
    expect(jsonOf(json)).toEqual([{ code: 404, description: expect.stringContaining('roads.potholes') }]);
    expect(xml.status).toBe(404);
    expect(xmlOf(xml)).toEqual({ errors: { error: [{ code: '404', description: expect.stringContaining('roads.potholes') }] } });
  });
});

describe('POST requests', () => {
  it('takes a form-encoded request in through the same intake (channel open311), starts its process, and answers the spec\'s service_requests', async () => {
    // given
    const before = requestCount();

    // when
    const answer = await submit(w.public, fields(), 'xml');

    // then
    expect(answer.status).toBe(201);
    const [created] = xmlOf(answer).service_requests.request;
    expect(created).toEqual({ service_request_id: expect.stringMatching(/^SQ\d{12}$/), token: expect.stringMatching(/^[\w-]{20,}$/), service_notice: expect.stringContaining('查询码'), account_id: '' });
    const id = created.service_request_id;
    expect(requestCount()).toBe(before + 1);
    expect(getRequest(w.db, id)).toMatchObject({ channel: 'open311', townshipId: 'dingshan', villageId: 'dingshan-huangliang', text: '三组堰塘漏水,灌溉用不上水' });
    const screen = await w.world.waitForTask(id, 'screen');
    expect(screen.processInstanceKey).toBe(await eventually(() => getRequest(w.db, id)?.processInstanceKey ?? undefined, `the instance of ${id}`));
    const lookupCode = /查询码 (\d{6})/.exec(created.service_notice)![1];
    expect((await w.public.post(`/api/public/requests/${id}/lookup`, { lookupCode })).status).toBe(200);
    expect(searchAudit(w.db, { target: id, action: 'POST /open311/v2/requests' })[0]).toMatchObject({ actor: 'open311:demo', statusCode: 201 });
  });

  it('gives back the same request on GET requests/{id} and on the token, in JSON and XML', async () => {
    // given
    const { id, token } = await submitted({ description: '村道塌方,车辆无法通行' });

    // when
    const one = jsonOf(await get(`/open311/v2/requests/${id}.json`));
    const oneXml = xmlOf(await get(`/open311/v2/requests/${id}.xml`)).service_requests.request;
    const listed = jsonOf(await get('/open311/v2/requests.json')).find((r: { service_request_id: string }) => r.service_request_id === id);
    const byToken = jsonOf(await get(`/open311/v2/tokens/${token}.json`));
    const byTokenXml = xmlOf(await get(`/open311/v2/tokens/${token}.xml`)).service_requests.request;

    // then
    expect(one).toEqual([
      {
        service_request_id: id,
        status: 'open',
        status_notes: '已受理(待甄别)',
        service_name: '水利·个人求决',
        service_code: 'water_resources.individual',
        description: '村道塌方,车辆无法通行',
        agency_responsible: null,
        service_notice: null,
        requested_datetime: expect.stringMatching(BEIJING_DATETIME),
        updated_datetime: expect.stringMatching(BEIJING_DATETIME),
        expected_datetime: null,
        address: '黄梁村, 鼎山镇, 巴州区',
        address_id: 'dingshan-huangliang',
        zipcode: null,
        lat: null,
        long: null,
        media_url: null,
      },
    ]);
    expect(oneXml).toEqual([{ ...one[0], agency_responsible: '', service_notice: '', expected_datetime: '', zipcode: '', lat: '', long: '', media_url: '' }]);
    expect(listed).toEqual(one[0]);
    expect(byToken).toEqual([{ service_request_id: id, token }]);
    expect(byTokenXml).toEqual([{ service_request_id: id, token }]);
  });

  it('takes JSON too, placed by address_id (a village), with the attribute[code] form of the spec', async () => {
    // when
    const answer = await w.public.post('/open311/v2/requests.json', {
      api_key: 'demo-open311-key',
      service_code: 'transport.suggestion',
      address_id: 'huacheng-baihe',
      description: '建议在学校门口设减速带',
    });

    // then
    expect(answer.status).toBe(201);
    const id = jsonOf(answer)[0].service_request_id;
    expect(getRequest(w.db, id)).toMatchObject({ channel: 'open311', townshipId: 'huacheng', villageId: 'huacheng-baihe' });
    await w.world.waitForTask(id, 'screen');
  });

  it('gives a retry with the same Idempotency-Key the first answer, never a second request', async () => {
    // given
    const headers = { 'idempotency-key': 'open311-retry-7f1c2a9e' };
    const first = await submit(w.public, fields({ description: '自来水管爆裂' }), 'json', headers);
    const count = requestCount();

    // when
    const retry = await submit(w.public, fields({ description: '自来水管爆裂' }), 'json', headers);
    const other = await submit(w.public, fields({ description: '另一件事' }), 'json', headers);

    // then
    expect(first.status).toBe(201);
    expect([retry.status, retry.body]).toEqual([201, first.body]);
    expect(requestCount()).toBe(count);
    expect(other.status).toBe(400);
    expect(jsonOf(other)[0].code).toBe(400);
  });

  it('refuses a missing, unknown or revoked api_key with 403 in the spec\'s error format, creating nothing', async () => {
    // given
    const revoked = addOpen311Key(w.db, { name: 'old-app', key: 'old-app-key-31415', at: w.world.now() });
    revokeOpen311Key(w.db, revoked.id, w.world.now());
    const { api_key: _key, ...noKey } = fields();
    const before = requestCount();

    // when
    const missing = await submit(w.public, noKey);
    const unknown = await submit(w.public, fields({ api_key: 'not-a-key' }), 'xml');
    const old = await submit(w.public, fields({ api_key: 'old-app-key-31415' }));

    // then
    expect([missing.status, unknown.status, old.status]).toEqual([403, 403, 403]);
    expect(jsonOf(missing)).toEqual([{ code: 403, description: expect.stringContaining('api_key') }]);
    expect(xmlOf(unknown)).toEqual({ errors: { error: [{ code: '403', description: expect.stringContaining('api_key') }] } });
    expect(jsonOf(old)[0].code).toBe(403);
    expect(requestCount()).toBe(before);
  });

  it.each([
    ['an unknown service', { service_code: 'roads.potholes' }, 'service_code'],
    ['a point it cannot place', { 'attribute[township_id]': '', 'attribute[village_id]': '', lat: '31.86', long: '106.75' }, 'attribute[township_id]'],
    ['a village of another township', { 'attribute[village_id]': 'huacheng-baihe' }, 'attribute[village_id]'],
    ['an address_id that is no place of the district', { address_id: 'nowhere' }, 'address_id'],
    ['a phone that is no phone', { phone: '12ab' }, 'phone'],
  ])('refuses %s with 400 naming the argument', async (_what, extra, argument) => {
    // given
    const before = requestCount();

    // when
    const answer = await submit(w.public, fields(extra));

    // then
    expect(answer.status).toBe(400);
    expect(jsonOf(answer)).toEqual([{ code: 400, description: expect.stringContaining(argument) }]);
    expect(requestCount()).toBe(before);
  });

  it('answers a schema failure (no description) in the spec\'s format, not as problem+json', async () => {
    // given
    const { description: _d, ...noDescription } = fields();

    // when
    const json = await submit(w.public, noDescription);
    const xml = await submit(w.public, noDescription, 'xml');

    // then
    expect(json.status).toBe(400);
    expect(jsonOf(json)).toEqual([{ code: 400, description: expect.stringContaining('description') }]);
    expect(xml.status).toBe(400);
    expect(xmlOf(xml).errors.error[0]).toEqual({ code: '400', description: expect.stringContaining('description') });
  });
});

describe('GET requests', () => {
  it('shows a request taken in by staff once assessed: the service from its domain and list, the unit responsible, the deadline, and that funding blocks it (never the reason)', async () => {
    // given
    const taken = await handler.post('/api/requests', { channel: 'door_to_door', text: '渠道堵塞影响灌溉', townshipId: 'dingshan', villageId: 'dingshan-huangliang' });
    const id = taken.body.id;
    await w.world.doTask(id, 'screen', { valid: true, screeningNote: '属实' });
    await w.world.doTask(id, 'assess', { listType: 'collective', domain: 'water_resources', difficulty: 'easy' });
    await w.world.waitForTask(id, 'accept');
    const blocked = await handler.call('PUT', `/api/requests/${id}/blocked`, { body: { kind: 'funding', reason: '需区财政安排清淤资金约 8 万元' } });
    expect(blocked.status).toBe(200);

    // when
    const [json] = jsonOf(await get(`/open311/v2/requests/${id}.json`));
    const listed = jsonOf(await get('/open311/v2/requests.json?service_code=water_resources.collective&status=open'));

    // then
    expect(json).toMatchObject({
      service_request_id: id,
      status: 'open',
      service_code: 'water_resources.collective',
      service_name: '水利·集体诉求',
      agency_responsible: '黄梁村',
      service_notice: '资金受限,正在协调解决',
      expected_datetime: expect.stringMatching(BEIJING_DATETIME),
    });
    expect(JSON.stringify(json)).not.toContain('清淤资金');
    expect(json.status_notes).not.toBe('已受理(待甄别)');
    expect(listed.map((r: { service_request_id: string }) => r.service_request_id)).toContain(id);
  });

  it('closes an invalid request: left out of listings, still answered by id', async () => {
    // given
    const { id } = await submitted({ description: '测试一下' });
    await w.world.doTask(id, 'screen', { valid: false, screeningNote: '不属于诉求' });
    await w.world.doTask(id, 'explain-invalid', { explanationNote: '已当面解释' });
    await eventually(() => getRequest(w.db, id)?.status === 'invalid' || undefined, `${id} to be closed as invalid`);

    // when
    const [byId] = jsonOf(await get(`/open311/v2/requests/${id}.json`));
    const listed = jsonOf(await get('/open311/v2/requests.json'));

    // then
    expect(byId).toMatchObject({ service_request_id: id, status: 'closed', status_notes: '无效诉求(已解释)', updated_datetime: expect.stringMatching(BEIJING_DATETIME) });
    expect(listed.map((r: { service_request_id: string }) => r.service_request_id)).not.toContain(id);
  });

  it('filters by status, service code and window, newest first; service_request_id overrides every other filter', async () => {
    // given
    const done = await submitted({ service_code: 'urban_management.individual', description: '楼下路灯不亮' });
    await closedByStaff(done.id);
    const water = await submitted({ description: '堰塘垮塌' });
    const transport = await submitted({ service_code: 'transport.individual', description: '家门口道路破损' });
    const now = w.world.now().getTime();
    const iso = (ms: number) => new Date(ms).toISOString();

    // when
    const all = jsonOf(await get('/open311/v2/requests.json'));
    const open = jsonOf(await get('/open311/v2/requests.json?status=open'));
    const closed = jsonOf(await get('/open311/v2/requests.json?status=closed'));
    const both = jsonOf(await get('/open311/v2/requests.json?status=open,closed'));
    const transportOnly = jsonOf(await get('/open311/v2/requests.json?service_code=transport.individual'));
    const twoServices = jsonOf(await get('/open311/v2/requests.json?service_code=transport.individual,water_resources.individual'));
    const earlier = jsonOf(await get(`/open311/v2/requests.json?start_date=${iso(now - 30 * 86_400_000)}&end_date=${iso(now - 86_400_000)}`));
    const byIds = jsonOf(await get(`/open311/v2/requests.json?service_request_id=${transport.id},${water.id}&status=closed&service_code=health.other`));
    const xml = xmlOf(await get('/open311/v2/requests.xml?status=open')).service_requests.request;

    // then
    const ids = (list: { service_request_id: string }[]) => list.map((r) => r.service_request_id);
    expect(ids(all).slice(0, 2)).toEqual([transport.id, water.id]);
    expect(all.map((r: { requested_datetime: string }) => r.requested_datetime)).toEqual([...all.map((r: { requested_datetime: string }) => r.requested_datetime)].sort().reverse());
    expect(ids(open)).toEqual(expect.arrayContaining([transport.id, water.id]));
    expect(open.every((r: { status: string }) => r.status === 'open')).toBe(true);
    expect(ids(open)).not.toContain(done.id);
    expect(ids(closed)).toContain(done.id);
    expect(ids(closed)).not.toContain(water.id);
    expect(closed.every((r: { status: string }) => r.status === 'closed')).toBe(true);
    expect(closed.find((r: { service_request_id: string }) => r.service_request_id === done.id)).toMatchObject({ status_notes: '已销号', agency_responsible: '黄梁村' });
    expect(ids(both)).toEqual(ids(all));
    expect(ids(transportOnly)).toContain(transport.id);
    expect(ids(transportOnly)).not.toContain(water.id);
    expect(ids(twoServices)).toEqual(expect.arrayContaining([transport.id, water.id]));
    expect(earlier).toEqual([]);
    expect(ids(byIds)).toEqual([transport.id, water.id]);
    expect(ids(xml)).toEqual(ids(open));
    expect(xml.every((r: { status: string; requested_datetime: string }) => r.status === 'open' && BEIJING_DATETIME.test(r.requested_datetime))).toBe(true);
  });

  it.each([
    ['a window of 91 days', 'start_date=2025-01-01T00:00:00%2B08:00&end_date=2025-04-02T00:00:00%2B08:00', 'end_date'],
    ['a start after the end', 'start_date=2025-03-02T00:00:00Z&end_date=2025-03-01T00:00:00Z', 'start_date'],
    ['a date-time without offset', 'start_date=2025-03-01T00:00:00', 'start_date'],
    ['an unknown status', 'status=pending', 'status'],
    ['an unknown service', 'service_code=roads.potholes', 'service_code'],
    ['an unknown argument', 'radius=500', 'radius'],
  ])('refuses %s with 400 in the spec\'s format', async (_what, query, argument) => {
    // when
    const json = await get(`/open311/v2/requests.json?${query}`);
    const xml = await get(`/open311/v2/requests.xml?${query}`);

    // then
    expect(json.status).toBe(400);
    expect(jsonOf(json)).toEqual([{ code: 400, description: expect.stringContaining(argument) }]);
    expect(xml.status).toBe(400);
    expect(xmlOf(xml).errors.error[0].code).toBe('400');
  });

  it('takes a window of exactly 90 days', async () => {
    // when
    const answer = await get('/open311/v2/requests.json?start_date=2025-01-01T00:00:00%2B08:00&end_date=2025-04-01T00:00:00%2B08:00');

    // then
    expect(answer.status).toBe(200);
    expect(Array.isArray(jsonOf(answer))).toBe(true);
  });

  it('gives at most page_size requests (our extension), newest first, and refuses one over 1,000', async () => {
    // given two requests at least
    await submitted();
    await submitted();

    // when
    const all = jsonOf(await get('/open311/v2/requests.json'));
    const one = jsonOf(await get('/open311/v2/requests.json?page_size=1'));
    const tooMany = await get('/open311/v2/requests.json?page_size=1001');

    // then
    expect(all.length).toBeGreaterThan(1);
    expect(one).toEqual([all[0]]);
    expect(tooMany.status).toBe(400);
    expect(jsonOf(tooMany)).toEqual([{ code: 400, description: expect.stringContaining('page_size') }]);
  });

  it('answers an unknown request and an unknown token with 404, JSON and XML', async () => {
    // when
    const request = await get('/open311/v2/requests/SQ209912319999.json');
    const requestXml = await get('/open311/v2/requests/SQ209912319999.xml');
    const token = await get('/open311/v2/tokens/no-such-token.json');
    const tokenXml = await get('/open311/v2/tokens/no-such-token');

    // then
    expect([request.status, requestXml.status, token.status, tokenXml.status]).toEqual([404, 404, 404, 404]);
    expect(jsonOf(request)).toEqual([{ code: 404, description: expect.stringContaining('SQ209912319999') }]);
    expect(xmlOf(requestXml).errors.error[0].code).toBe('404');
    expect(jsonOf(token)[0].code).toBe(404);
    expect(xmlOf(tokenXml).errors.error[0].code).toBe('404');
  });
});

describe('the endpoint', () => {
  it('answers an unknown path under /open311/v2, and the bare endpoint, with the spec\'s 404', async () => {
    // when
    const answer = await get('/open311/v2/jurisdictions.json');
    const bare = await get('/open311/v2');

    // then
    expect(answer.status).toBe(404);
    expect(jsonOf(answer)).toEqual([{ code: 404, description: expect.any(String) }]);
    expect(bare.status).toBe(404);
    expect(String(bare.headers['content-type'])).not.toContain('problem+json');
  });

  it('answers the rate limit with 429 in the spec\'s format', async () => {
    // given: an app on the same store and engine, limited to 2 public calls a minute (per route, as the API's public routes)
    const config = apiConfigFromEnv({ ZEEBE_GRPC_ADDRESS: w.world.engine.grpcAddress, CAMUNDA_REST_ADDRESS: w.world.engine.restAddress, CAMUNDA_AUTH_STRATEGY: 'NONE', CAMUNDA_LOG_LEVEL: 'none' });
    const limited = await buildApp({ config, store: w.world.store, clock: simulatedClockOf(w.db), rateLimits: { public: 2 } });
    await limited.ready();
    try {
      const caller = new Caller(limited);

      // when
      const allowed = [await caller.get('/open311/v2/services.json'), await caller.get('/open311/v2/services.json'), await caller.get('/open311/v2/discovery.xml'), await caller.get('/open311/v2/discovery.xml')];
      const json = await caller.get('/open311/v2/services.json');
      const xml = await caller.get('/open311/v2/discovery.xml');

      // then
      expect(allowed.map((a) => a.status)).toEqual([200, 200, 200, 200]);
      expect(json.status).toBe(429);
      expect(jsonOf(json)).toEqual([{ code: 429, description: expect.any(String) }]);
      expect(xml.status).toBe(429);
      expect(xmlOf(xml).errors.error[0].code).toBe('429');
    } finally {
      await limited.close();
    }
  });

  it('is in the OpenAPI document, every route public', async () => {
    // when
    const doc = (await get('/docs/json')).body;

    // then
    const paths = Object.keys(doc.paths).filter((p) => p.startsWith('/open311/'));
    expect(paths).toEqual(
      expect.arrayContaining([
        '/open311/v2/discovery.xml',
        '/open311/v2/discovery.json',
        '/open311/v2/services.xml',
        '/open311/v2/services.json',
        '/open311/v2/services/{service_code}',
        '/open311/v2/requests.xml',
        '/open311/v2/requests.json',
        '/open311/v2/requests/{service_request_id}',
        '/open311/v2/tokens/{token}',
      ]),
    );
    expect(doc.paths['/open311/v2/requests.json'].post['x-suqiu-access']).toBe('public');
    expect(doc.paths['/open311/v2/requests.json'].get['x-suqiu-access']).toBe('public');
  });
});

describe('the default window', () => {
  it('shows the last 90 days when no dates are given', async () => {
    // given: a request, then 91 days later
    const { id } = await submitted({ description: '九十一天前的诉求' });
    const then = w.world.now().getTime();
    await w.world.advance(91 * 86_400_000);

    // when
    const recent = jsonOf(await get('/open311/v2/requests.json'));
    const asked = jsonOf(await get(`/open311/v2/requests.json?start_date=${new Date(then - 86_400_000).toISOString()}`));

    // then
    expect(recent.map((r: { service_request_id: string }) => r.service_request_id)).not.toContain(id);
    expect(asked.map((r: { service_request_id: string }) => r.service_request_id)).toContain(id);
  });
});
