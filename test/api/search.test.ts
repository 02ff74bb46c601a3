// Finding requests through HTTP: likely duplicates at intake (并单 candidates), the staff search
// (number, text, filters) and a request's detail, each limited to what the caller may see.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiWorld, type Caller } from './support.js';

let w: ApiWorld;
let huangliang: Caller;
let xinqiao: Caller;
let dingshan: Caller;
beforeAll(async () => {
  w = await ApiWorld.start();
  await w.world.startScenario();
  huangliang = await w.login('huangliang-handler');
  // a 网格员 (handler, collector) of 新桥村, another village of 鼎山镇
  xinqiao = await w.login('dingshan-xinqiao-staff-2');
  dingshan = await w.login('dingshan-handler');
});
afterAll(async () => w?.stop());

const at = (villageId: string) => ({ townshipId: 'dingshan', villageId });

async function takeIn(caller: Caller, text: string, villageId: string): Promise<string> {
  const answer = await caller.post('/api/requests', { channel: 'door_to_door', text, ...at(villageId) });
  expect(answer.status).toBe(201);
  return answer.body.id;
}

describe('likely duplicates', () => {
  it('suggests a similar request of the same village with its status, not one of another village', async () => {
    // given
    const same = await takeIn(huangliang, '村口路灯坏了三天了,晚上看不见路', 'dingshan-huangliang');
    const elsewhere = await takeIn(xinqiao, '村口路灯坏了三天了,晚上看不见路', 'dingshan-xinqiao');
    const unrelated = await takeIn(huangliang, '小学门口校车停放混乱', 'dingshan-huangliang');

    // when
    const query = new URLSearchParams({ townshipId: 'dingshan', villageId: 'dingshan-huangliang', text: '村口的路灯坏了' });
    const answer = await huangliang.get(`/api/requests/duplicates?${query}`);
    const intake = await huangliang.post('/api/requests', { channel: 'hotline', text: '村口那盏路灯坏了好几天', ...at('dingshan-huangliang') });

    // then
    expect(answer.status).toBe(200);
    expect(answer.body.items).toEqual([
      { id: same, text: '村口路灯坏了三天了,晚上看不见路', status: { code: 'received', label: '已受理(待甄别)' }, similarity: expect.any(Number), villageId: 'dingshan-huangliang', createdAt: expect.stringMatching(/\+08:00$/), closedAt: null },
    ]);
    expect(answer.body.items[0].similarity).toBeGreaterThanOrEqual(0.25);
    expect(intake.body.duplicates.map((d: { id: string }) => d.id)).toEqual([same]);
    expect(JSON.stringify([answer.body, intake.body])).not.toContain(elsewhere);
    expect(JSON.stringify([answer.body, intake.body])).not.toContain(unrelated);
  });

  it('shows only requests the caller may see: the township sees its villages, a village not its neighbour', async () => {
    // given
    const neighbour = await takeIn(xinqiao, '新建桥梁护栏缺失存在安全隐患', 'dingshan-xinqiao');
    const query = new URLSearchParams({ townshipId: 'dingshan', villageId: 'dingshan-xinqiao', text: '桥梁护栏缺失' });

    // when
    const fromHuangliang = await huangliang.get(`/api/requests/duplicates?${query}`);
    const fromTownship = await dingshan.get(`/api/requests/duplicates?${query}`);

    // then
    expect(fromHuangliang.body.items).toEqual([]);
    expect(fromTownship.body.items.map((d: { id: string }) => d.id)).toEqual([neighbour]);
  });
});

describe('search', () => {
  it('gives a village\'s staff their village\'s requests only, newest first; another village\'s detail answers 404', async () => {
    // given
    const own = await takeIn(huangliang, '黄梁村五组饮水困难', 'dingshan-huangliang');
    const neighbours = await takeIn(xinqiao, '新桥村五组饮水困难', 'dingshan-xinqiao');

    // when
    const list = await huangliang.get('/api/requests?limit=100');
    const text = await huangliang.get(`/api/requests?q=${encodeURIComponent('饮水困难')}`);
    const detail = await huangliang.get(`/api/requests/${neighbours}`);
    const byNumber = await huangliang.get(`/api/requests?q=${neighbours}`);
    const township = await dingshan.get(`/api/requests?q=${encodeURIComponent('饮水困难')}`);

    // then
    expect(list.status).toBe(200);
    const ids = list.body.items.map((i: { id: string }) => i.id);
    expect(ids).toContain(own);
    expect(ids).not.toContain(neighbours);
    for (const item of list.body.items) expect(item.villageId).toBe('dingshan-huangliang');
    expect([...ids].sort().reverse()).toEqual(ids);
    expect(text.body).toMatchObject({ items: [{ id: own, status: { code: 'received' }, channel: { code: 'door_to_door', label: '入户走访谈' } }], total: 1, more: false });
    expect(detail.status).toBe(404);
    expect(detail.body.type).toBe('urn:suqiu:problem:not-found');
    expect(byNumber.body).toEqual({ items: [], total: 0, more: false });
    expect(township.body.items.map((i: { id: string }) => i.id)).toEqual([neighbours, own]);
  });

  it('finds a request by its number or the beginning of it, by a single character, and by filters', async () => {
    // given
    const id = await takeIn(huangliang, '危房改造补助没有发放', 'dingshan-huangliang');

    // when
    const exact = await huangliang.get(`/api/requests?q=${id}`);
    const prefix = await huangliang.get(`/api/requests?q=${id.slice(0, 10)}&limit=100`);
    const oneCharacter = await huangliang.get(`/api/requests?q=${encodeURIComponent('危')}`);
    const received = await huangliang.get('/api/requests?status=received&overdue=false&limit=100');
    const archived = await huangliang.get('/api/requests?status=archived');
    const paged = await huangliang.get('/api/requests?limit=1&offset=0');
    const future = await huangliang.get(`/api/requests?from=${encodeURIComponent('2030-01-01T00:00:00+08:00')}`);

    // then
    expect(exact.body.items.map((i: { id: string }) => i.id)).toEqual([id]);
    expect(prefix.body.items.map((i: { id: string }) => i.id)).toContain(id);
    expect(oneCharacter.body.items.map((i: { id: string }) => i.id)).toEqual([id]);
    expect(received.body.items.map((i: { id: string }) => i.id)).toContain(id);
    expect(archived.body).toEqual({ items: [], total: 0, more: false });
    expect(paged.body).toMatchObject({ items: [{ id }], more: true });
    expect(paged.body.total).toBeUndefined();
    expect(future.body).toEqual({ items: [], total: 0, more: false });
  });

  it('shows the detail with the citizen\'s identity to staff who may see the request', async () => {
    // given
    const answer = await huangliang.post('/api/requests', {
      channel: 'walk_in',
      text: '宅基地界址纠纷',
      ...at('dingshan-huangliang'),
      citizen: { name: '赵六', phone: '13611112222', address: '黄梁村二组' },
    });

    // when
    const own = await huangliang.get(`/api/requests/${answer.body.id}`);
    const township = await dingshan.get(`/api/requests/${answer.body.id}`);
    const neighbour = await xinqiao.get(`/api/requests/${answer.body.id}`);

    // then
    expect(own.body).toMatchObject({
      id: answer.body.id,
      status: { code: 'received', label: '已受理(待甄别)' },
      township: { id: 'dingshan', name: '鼎山镇' },
      village: { id: 'dingshan-huangliang', name: '黄梁村' },
      citizen: { name: '赵六', phone: '13611112222', address: '黄梁村二组' },
      proxy: null,
      mergedInto: null,
      overdue: false,
      blocked: false,
    });
    expect(township.status).toBe(200);
    expect(neighbour.status).toBe(404);
  });

  it('refuses bad filters with 400 naming the field, and answers nobody without a session', async () => {
    // when
    const badStatus = await huangliang.get('/api/requests?status=done');
    const badLimit = await huangliang.get('/api/requests?limit=1000');
    const anonymous = await w.public.get('/api/requests');

    // then
    expect([badStatus.status, badStatus.body.field]).toEqual([400, 'querystring.status']);
    expect([badLimit.status, badLimit.body.field]).toEqual([400, 'querystring.limit']);
    expect(anonymous.status).toBe(401);
  });
});
