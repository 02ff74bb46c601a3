// The public board through HTTP: a request shows as it moves (received, assessed, overdue, closed)
// without the citizen; a funding-blocked one shows as 资金受限, never with its reason; filters and
// paging; the per-unit closure and satisfaction figures change when a request closes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getRequest } from '../../store/requests.js';
import { newRequest } from './case-file-support.js';
import { ApiWorld, eventually } from './support.js';

const DAY = 86_400_000;
const CITIZEN = { name: '龚秀英', phone: '13977771234' };

let w: ApiWorld;
beforeAll(async () => {
  w = await ApiWorld.start();
  await w.world.startScenario();
}, 120_000);
afterAll(async () => w?.stop());

const board = (query = '') => w.public.get(`/api/public/board${query}`);
const lineOf = async (id: string, query = '') => (await board(query)).body.items.find((l: { id: string }) => l.id === id);
const huangliang = async () => {
  const answer = await w.public.get('/api/public/board/units?group=village');
  return answer.body.groups[0].units.find((u: { unit: { id: string } }) => u.unit.id === 'dingshan-huangliang');
};

async function submit(text: string): Promise<string> {
  const answer = await w.public.post('/api/public/requests', { text, townshipId: 'dingshan', villageId: 'dingshan-huangliang', citizen: CITIZEN });
  expect(answer.status).toBe(201);
  await eventually(() => getRequest(w.db, answer.body.id)?.processInstanceKey ?? undefined, `the instance of ${answer.body.id}`);
  return answer.body.id;
}

async function assessEasy(id: string): Promise<void> {
  await w.world.doTask(id, 'screen', { valid: true, screeningNote: '属实' });
  await w.world.doTask(id, 'assess', { listType: 'individual', domain: 'urban_management', difficulty: 'easy' });
  await w.world.waitForTask(id, 'accept');
}

describe('the public board', () => {
  it('shows a request as it moves, overdue and then closed, never with the citizen', async () => {
    // given: a citizen submits online
    const id = await submit('黄梁村二组路灯坏了一个月');
    const seen: string[] = [];
    const before = await huangliang();

    // when / then: received
    const received = await board();
    seen.push(received.raw.body);
    expect(received.status).toBe(200);
    expect(await lineOf(id)).toMatchObject({
      status: { code: 'received', label: '已受理(待甄别)' }, level: null, responsibleUnit: null,
      township: { id: 'dingshan', name: '鼎山镇' }, village: { id: 'dingshan-huangliang', name: '黄梁村' }, text: '黄梁村二组路灯坏了一个月', blocked: false, blockedKind: null,
    });

    // when: screened and assessed (easy: the village)
    await assessEasy(id);

    // then
    const assessed = await lineOf(id);
    seen.push(JSON.stringify(assessed));
    expect(assessed).toMatchObject({
      status: { code: 'assigned' }, level: { code: 'village', label: '村(社区)' }, responsibleUnit: { id: 'dingshan-huangliang', name: '黄梁村' },
      listType: { code: 'individual', label: '个人求决' }, domain: { code: 'urban_management', label: '城市管理' }, overdue: false,
    });
    expect(assessed.deadline).toMatch(/\+08:00$/);

    // when: accepted, then the deadline passes
    await w.world.doTask(id, 'accept', {});
    await w.world.advance(16 * DAY);
    await eventually(() => getRequest(w.db, id)?.overdueAt ?? undefined, 'the overdue mark');

    // then
    const overdue = await board('?status=overdue');
    seen.push(overdue.raw.body);
    expect(overdue.body.items.map((l: { id: string }) => l.id)).toContain(id);
    expect((await lineOf(id)).overdue).toBe(true);

    // when: handled and signed by the four, then answered
    await w.world.doTask(id, 'handle-task', { outcome: 'resolved', resolutionNote: '已更换路灯' });
    await w.world.signAll(id);
    await eventually(() => (getRequest(w.db, id)?.closedAt ? true : undefined), 'the closure');

    // then: closed on the board, and 黄梁村 has one more closed request
    const closed = await lineOf(id, '?status=closed');
    seen.push(JSON.stringify(closed));
    expect(closed).toMatchObject({ status: { code: 'closed', label: '已销号' }, overdue: true });
    expect(closed.closedAt).toMatch(/\+08:00$/);
    expect((await lineOf(id, '?status=open'))).toBeUndefined();
    const after = await eventually(async () => {
      const u = await huangliang();
      return u.closed === before.closed + 1 ? u : undefined;
    }, '黄梁村 to count the closure', 20_000); // the figures are kept for a few seconds
    expect(after).toMatchObject({ assigned: before.assigned + 1, overdue: before.overdue + 1, unit: { name: '黄梁村', kind: 'village', parent: '鼎山镇' } });
    expect(after.closureRate).toBeCloseTo(after.closed / after.assigned);
    for (const raw of seen) for (const identity of [CITIZEN.name, CITIZEN.phone]) expect(raw).not.toContain(identity);
  });

  it('shows a funding-blocked request as 资金受限, never its reason, until the mark is cleared', async () => {
    // given
    const id = await submit('黄梁村三组饮水管道老化需整体更换');
    await assessEasy(id);

    // when: the village's handler marks it (a session of the day: the clock moved weeks above)
    const handler = await w.login('huangliang-handler');
    const marked = await handler.call('PUT', `/api/requests/${id}/blocked`, { body: { kind: 'funding', reason: '需区财政安排资金约三十万元' } });

    // then
    expect(marked.status).toBe(200);
    const blockedPage = await board('?status=blocked');
    expect(blockedPage.body.items.find((l: { id: string }) => l.id === id)).toMatchObject({ blocked: true, blockedKind: { code: 'funding', label: '资金受限' } });
    expect(blockedPage.raw.body).not.toContain('三十万元');

    // when
    const cleared = await handler.call('DELETE', `/api/requests/${id}/blocked`);

    // then
    expect(cleared.status).toBe(200);
    expect(await lineOf(id)).toMatchObject({ blocked: false, blockedKind: null });
    expect((await board('?status=blocked')).body.items.map((l: { id: string }) => l.id)).not.toContain(id);
  });

  it('filters by place, unit and level, finds by number or words, and pages with the total on the last page', async () => {
    // given: three requests at 新桥村 and one at 白鹤村 (化成镇)
    const ids = ['BOARD-X1', 'BOARD-X2', 'BOARD-X3'];
    for (const [i, requestId] of ids.entries()) {
      await newRequest(w, { requestId, villageId: 'dingshan-xinqiao', summary: `新桥村${['堰塘渗漏', '道路塌方', '堰塘清淤'][i]}` });
    }
    await newRequest(w, { requestId: 'BOARD-H1', townshipId: 'huacheng', villageId: 'huacheng-baihe', summary: '白鹤村堰塘渗漏' });

    // when
    const xinqiao = await board('?villageId=dingshan-xinqiao&limit=2');
    const rest = await board('?villageId=dingshan-xinqiao&limit=2&offset=2');
    const huacheng = await board('?townshipId=huacheng');
    const words = await board(`?q=${encodeURIComponent('堰塘渗漏')}`);
    const unassessed = await board('?villageId=dingshan-xinqiao&level=village');
    const bad = await board('?limit=500');

    // then
    expect(xinqiao.body).toMatchObject({ more: true, items: [{ id: 'BOARD-X3' }, { id: 'BOARD-X2' }] });
    expect(xinqiao.body.total).toBeUndefined();
    expect(rest.body).toMatchObject({ more: false, total: 3, items: [{ id: 'BOARD-X1' }] });
    expect(huacheng.body.items.map((l: { id: string }) => l.id)).toEqual(['BOARD-H1']);
    expect(words.body.items.map((l: { id: string }) => l.id)).toEqual(['BOARD-H1', 'BOARD-X1']);
    expect(unassessed.body).toEqual({ items: [], more: false, total: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toContain('limit');
  });

  it('gives per-unit figures grouped like with like, for a year or dates', async () => {
    // when
    const all = await w.public.get('/api/public/board/units');
    const lastYear = await w.public.get('/api/public/board/units?group=township&year=2000');
    const backwards = await w.public.get('/api/public/board/units?from=2025-03-02&to=2025-03-01');

    // then
    expect(all.status).toBe(200);
    expect(all.body.groups.map((g: { code: string; label: string }) => [g.code, g.label])).toEqual([['village', '村(社区)'], ['township', '乡镇(街道)'], ['department', '区级部门']]);
    expect(all.body.groups[1].units.map((u: { unit: { kind: string } }) => u.unit.kind)).toEqual(expect.arrayContaining(['township', 'street']));
    expect(all.body.computedAt).toMatch(/\+08:00$/);
    expect(lastYear.body.period).toEqual({ from: '2000-01-01', to: '2000-12-31' });
    expect(lastYear.body.groups[0].units.every((u: { assigned: number; closureRate: unknown }) => u.assigned === 0 && u.closureRate === null)).toBe(true);
    expect(backwards.status).toBe(400);
  });
});
