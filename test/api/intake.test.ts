// Intake through HTTP (issue: "Intake from every channel"): staff for every channel, proxies with
// the citizen's consent, citizens online; each request starts its instance of request-lifecycle
// (the message start event `request-collected`; the register worker links it); Idempotency-Key.
//
// The start relies on Zeebe's message semantics, which the embedded engine shares with Camunda 8:
// a message start event with a correlation key starts no second instance while one started with
// that key is active, and a message id is refused (ALREADY_EXISTS) while a message with that id is
// buffered (https://docs.camunda.io/docs/components/modeler/bpmn/message-events/ "Message start
// events"; https://docs.camunda.io/docs/components/concepts/messages/ "Message buffering",
// "Message uniqueness").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../api/app.js';
import { apiConfigFromEnv } from '../../api/config.js';
import { getRequest } from '../../store/requests.js';
import { requests } from '../../store/schema.js';
import { simulatedClockOf } from '../../store/simulated-clock.js';
import { ApiWorld, Caller, eventually } from './support.js';

let w: ApiWorld;
let handler: Caller;
beforeAll(async () => {
  w = await ApiWorld.start();
  await w.world.startScenario();
  handler = await w.login('huangliang-handler');
});
afterAll(async () => w?.stop());

const HUANGLIANG = { townshipId: 'dingshan', villageId: 'dingshan-huangliang' };
const requestCount = () => w.db.select().from(requests).all().length;

/** The request's instance, once the register worker linked it, as the engine's REST search shows it. */
async function instanceOf(id: string) {
  const key = await eventually(() => getRequest(w.db, id)?.processInstanceKey ?? undefined, `the instance of ${id} to be linked`);
  return w.world.instance(key);
}

describe('staff intake', () => {
  it.each(['door_to_door', 'hotline', 'mailbox', 'meeting', 'walk_in'])('takes a %s request in with a request number and a lookup code, and starts its instance', async (channel) => {
    // when
    const answer = await handler.post('/api/requests', { channel, text: `${channel}: 村口路灯不亮`, ...HUANGLIANG, citizen: { name: '王大爷', phone: '13812345678' } });

    // then
    expect(answer.status).toBe(201);
    expect(answer.body).toEqual({ id: expect.stringMatching(/^SQ20250303\d{4}$/), lookupCode: expect.stringMatching(/^\d{6}$/), status: 'received', duplicates: expect.any(Array) });
    expect(getRequest(w.db, answer.body.id)).toMatchObject({ channel, villageId: 'dingshan-huangliang', enteredByStaffId: 'dingshan-huangliang-staff-2', instanceRequestedAt: expect.any(Date) });
    const instance = await instanceOf(answer.body.id);
    expect(instance).toMatchObject({ processDefinitionId: 'request-lifecycle', state: 'ACTIVE' });
    expect((await w.world.elementInstances(instance.processInstanceKey, 'request-collected')).map((e) => e.state)).toEqual(['COMPLETED']);
    await w.world.waitForTask(answer.body.id, 'screen', 'township:dingshan');
  });

  it('numbers the requests of a Beijing day one after the other', async () => {
    // when
    const first = await handler.post('/api/requests', { channel: 'hotline', text: '自来水停水', ...HUANGLIANG });
    const second = await handler.post('/api/requests', { channel: 'hotline', text: '道路破损', ...HUANGLIANG });

    // then
    expect(Number(second.body.id.slice(10))).toBe(Number(first.body.id.slice(10)) + 1);
  });

  it('records a proxy request with who brought it, the citizen\'s consent and the member of staff who entered it', async () => {
    // given
    const proxy = { proxyName: '王小明', proxyPhone: '13900001111', relation: '子女', consentGiven: true, consentMethod: 'phone', consentNote: '电话征得本人同意' };

    // when
    const answer = await handler.post('/api/requests', { channel: 'proxy', text: '老人低保申请一直没有回音', ...HUANGLIANG, citizen: { name: '王大爷', address: '黄梁村三组', idNumber: '51190219450101123X' }, proxy });
    const detail = await handler.get(`/api/requests/${answer.body.id}`);

    // then
    expect(answer.status).toBe(201);
    expect(detail.body).toMatchObject({
      channel: { code: 'proxy', label: '代办录入' },
      citizen: { name: '王大爷', address: '黄梁村三组', idNumber: '51190219450101123X' },
      proxy: { ...proxy, recordedByStaffId: 'dingshan-huangliang-staff-2', at: expect.stringMatching(/\+08:00$/) },
      enteredByStaffId: 'dingshan-huangliang-staff-2',
    });
    await instanceOf(answer.body.id);
  });

  it('refuses a proxy request without the citizen\'s consent, or without the proxy record, with 400 naming the field', async () => {
    // given
    const before = requestCount();
    const proxy = { proxyName: '王小明', relation: '子女', consentGiven: false, consentMethod: 'in_person' };

    // when
    const noConsent = await handler.post('/api/requests', { channel: 'proxy', text: '低保申请', ...HUANGLIANG, proxy });
    const noProxy = await handler.post('/api/requests', { channel: 'proxy', text: '低保申请', ...HUANGLIANG });
    const badMethod = await handler.post('/api/requests', { channel: 'proxy', text: '低保申请', ...HUANGLIANG, proxy: { ...proxy, consentGiven: true, consentMethod: 'telepathy' } });

    // then
    expect([noConsent.status, noProxy.status, badMethod.status]).toEqual([400, 400, 400]);
    expect(noConsent.body).toMatchObject({ type: 'urn:suqiu:problem:validation', field: 'proxy.consentGiven' });
    expect(noProxy.body.field).toBe('proxy');
    expect(badMethod.body.field).toBe('proxy.consentMethod');
    expect(requestCount()).toBe(before);
  });

  it('refuses unknown places, a village of another township, a bad phone and an unknown channel with 400 naming the field', async () => {
    // when
    const answers = await Promise.all([
      handler.post('/api/requests', { channel: 'hotline', text: '路灯', townshipId: 'atlantis' }),
      handler.post('/api/requests', { channel: 'hotline', text: '路灯', townshipId: 'dingshan', villageId: 'huacheng-baihe' }),
      handler.post('/api/requests', { channel: 'hotline', text: '路灯', ...HUANGLIANG, citizen: { phone: '12345' } }),
      handler.post('/api/requests', { channel: 'pigeon', text: '路灯', ...HUANGLIANG }),
      handler.post('/api/requests', { channel: 'hotline', text: '   ', ...HUANGLIANG }),
      handler.post('/api/requests', { channel: 'hotline', text: '路'.repeat(5001), ...HUANGLIANG }),
    ]);

    // then
    expect(answers.map((a) => [a.status, a.body.field])).toEqual([
      [400, 'townshipId'],
      [400, 'villageId'],
      [400, 'citizen.phone'],
      [400, 'channel'],
      [400, 'text'],
      [400, 'text'],
    ]);
  });

  it('lets a village\'s staff take in requests for their village only, a township\'s for its villages, the district anywhere', async () => {
    // given
    const township = await w.login('dingshan-handler');
    const special = await w.login('special-team');

    // when
    const otherVillage = await handler.post('/api/requests', { channel: 'hotline', text: '路灯', townshipId: 'dingshan', villageId: 'dingshan-xinqiao' });
    const ownVillage = await township.post('/api/requests', { channel: 'hotline', text: '路灯', townshipId: 'dingshan', villageId: 'dingshan-xinqiao' });
    const otherTownship = await township.post('/api/requests', { channel: 'hotline', text: '路灯', townshipId: 'huacheng' });
    const anywhere = await special.post('/api/requests', { channel: 'hotline', text: '路灯', townshipId: 'huacheng', villageId: 'huacheng-baihe' });
    const leader = await (await w.login('huangliang-leader')).post('/api/requests', { channel: 'hotline', text: '路灯', ...HUANGLIANG });

    // then
    expect([otherVillage.status, ownVillage.status, otherTownship.status, anywhere.status, leader.status]).toEqual([403, 201, 403, 201, 403]);
  });
});

describe('public intake', () => {
  it('takes a citizen\'s online request without an account and answers the number and lookup code only', async () => {
    // when
    const answer = await w.public.post('/api/public/requests', { text: '小区门口路灯不亮', townshipId: 'dongcheng', villageId: 'dongcheng-wenchang', citizen: { name: '李四', phone: '13700001234' } });

    // then
    expect(answer.status).toBe(201);
    expect(answer.body).toEqual({ id: expect.stringMatching(/^SQ\d{12}$/), lookupCode: expect.stringMatching(/^\d{6}$/), status: 'received' });
    expect(answer.raw.body).not.toContain('李四');
    expect(answer.raw.body).not.toContain('13700001234');
    expect(getRequest(w.db, answer.body.id)).toMatchObject({ channel: 'qr_online', townshipId: 'dongcheng', enteredByStaffId: null });
    expect(await instanceOf(answer.body.id)).toMatchObject({ state: 'ACTIVE' });
  });

  it('takes a request located only at a township (no village), and refuses fields the form does not have', async () => {
    // when
    const township = await w.public.post('/api/public/requests', { text: '镇上集市占道经营', townshipId: 'dingshan' });
    const extra = await w.public.post('/api/public/requests', { text: '路灯', townshipId: 'dingshan', channel: 'hotline' });
    const identity = await w.public.post('/api/public/requests', { text: '路灯', townshipId: 'dingshan', citizen: { idNumber: '51190219450101123X' } });

    // then
    expect(township.status).toBe(201);
    expect(await instanceOf(township.body.id)).toMatchObject({ state: 'ACTIVE' });
    expect([extra.status, extra.body.field]).toEqual([400, 'channel']);
    expect([identity.status, identity.body.field]).toEqual([400, 'citizen.idNumber']);
  });
});

describe('Idempotency-Key', () => {
  it('answers 20 concurrent retries with one key with one request, and every answer the same', async () => {
    // given
    const before = requestCount();
    const body = { channel: 'door_to_door', text: '三组水渠堵塞,农田灌溉困难', ...HUANGLIANG };
    const headers = { 'idempotency-key': 'intake-retry-0001' };

    // when
    const answers = await Promise.all(Array.from({ length: 20 }, () => handler.post('/api/requests', body, { headers })));

    // then
    expect(requestCount()).toBe(before + 1);
    expect(new Set(answers.map((a) => a.status))).toEqual(new Set([201]));
    for (const a of answers) expect(a.body).toEqual(answers[0]!.body);
    await instanceOf(answers[0]!.body.id);
  });

  it('answers a retry after the first call finished with the first answer, and a public retry likewise', async () => {
    // given
    const headers = { 'idempotency-key': 'intake-retry-0002' };
    const first = await w.public.post('/api/public/requests', { text: '垃圾无人清运', townshipId: 'dingshan' }, { headers });

    // when
    const retry = await w.public.post('/api/public/requests', { text: '垃圾无人清运', townshipId: 'dingshan' }, { headers });

    // then
    expect(retry.status).toBe(first.status);
    expect(retry.body).toEqual(first.body);
  });

  it('refuses the same key with another body with 422, and keeps keys apart per caller', async () => {
    // given
    const headers = { 'idempotency-key': 'intake-retry-0003' };
    const first = await handler.post('/api/requests', { channel: 'hotline', text: '噪音扰民', ...HUANGLIANG }, { headers });
    const before = requestCount();

    // when
    const reused = await handler.post('/api/requests', { channel: 'hotline', text: '另一件事', ...HUANGLIANG }, { headers });
    const otherCaller = await (await w.login('dingshan-handler')).post('/api/requests', { channel: 'hotline', text: '噪音扰民', ...HUANGLIANG }, { headers });

    // then
    expect(first.status).toBe(201);
    expect(reused.status).toBe(422);
    expect(reused.body.type).toBe('urn:suqiu:problem:idempotency-mismatch');
    expect(otherCaller.status).toBe(201);
    expect(otherCaller.body.id).not.toBe(first.body.id);
    expect(requestCount()).toBe(before + 1);
  });
});

describe('an engine that cannot be reached', () => {
  it('keeps the request and answers 202 with the same body; an API that reaches the engine starts it', async () => {
    // given: an API on the same store whose engine does not answer
    const config = (grpc: string, rest: string) =>
      apiConfigFromEnv({ ZEEBE_GRPC_ADDRESS: grpc, CAMUNDA_REST_ADDRESS: rest, CAMUNDA_AUTH_STRATEGY: 'NONE', CAMUNDA_LOG_LEVEL: 'none' });
    const away = await buildApp({ config: config('127.0.0.1:1', 'http://127.0.0.1:1'), store: w.world.store, clock: simulatedClockOf(w.db) });
    await away.ready();
    let id: string;
    try {
      // when
      const answer = await new Caller(away).post('/api/public/requests', { text: '山体滑坡隐患', townshipId: 'dingshan' }, { headers: { 'idempotency-key': 'intake-engine-away' } });
      const retry = await new Caller(away).post('/api/public/requests', { text: '山体滑坡隐患', townshipId: 'dingshan' }, { headers: { 'idempotency-key': 'intake-engine-away' } });

      // then
      expect(answer.status).toBe(202);
      expect(answer.body).toEqual({ id: expect.stringMatching(/^SQ/), lookupCode: expect.stringMatching(/^\d{6}$/), status: 'received' });
      expect([retry.status, retry.body]).toEqual([202, answer.body]);
      id = answer.body.id;
      expect(getRequest(w.db, id)).toMatchObject({ instanceRequestedAt: null, processInstanceKey: null });
    } finally {
      await away.close();
    }

    // when: an API that reaches the engine starts (its recovery runs when it is ready)
    const back = await buildApp({ config: config(w.world.engine.grpcAddress, w.world.engine.restAddress), store: w.world.store, clock: simulatedClockOf(w.db) });
    try {
      await back.ready();

      // then
      expect(await instanceOf(id)).toMatchObject({ state: 'ACTIVE' });
      expect(getRequest(w.db, id)?.instanceRequestedAt).toEqual(expect.any(Date));
    } finally {
      await back.close();
    }
  });
});
