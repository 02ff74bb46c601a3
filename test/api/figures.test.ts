// The dashboard's figures through HTTP: each chart's numbers match what was done (four requests:
// one closed and answered 满意, two open that go overdue, one not yet assessed), and each viewer
// reads its own scope: a village leader 黄梁村 only, and 403 for another township or unit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getRequest } from '../../store/requests.js';
import { newRequest } from './case-file-support.js';
import { ApiWorld, eventually } from './support.js';

const DAY = 86_400_000;
let w: ApiWorld;
let month: string;
let day: string;

beforeAll(async () => {
  w = await ApiWorld.start();
  const t0 = await w.world.startScenario();
  const beijing = new Date(t0.getTime() + 8 * 3_600_000).toISOString();
  [month, day] = [beijing.slice(0, 7), beijing.slice(0, 10)];
  const assess = async (id: string, domain: string) => {
    await w.world.doTask(id, 'screen', { valid: true, screeningNote: '属实' });
    await w.world.doTask(id, 'assess', { listType: 'individual', domain, difficulty: 'easy' });
    await w.world.doTask(id, 'accept', {});
  };
  // FIG-1 at 黄梁村: handled, signed by the four, answered 满意
  const pi = await newRequest(w, { requestId: 'FIG-1', summary: '黄梁村路灯不亮' });
  await assess('FIG-1', 'urban_management');
  await w.world.doTask('FIG-1', 'handle-task', { outcome: 'resolved', resolutionNote: '已修复' });
  await w.world.signAndAnswer('FIG-1', pi, true);
  await eventually(() => (getRequest(w.db, 'FIG-1')?.status === 'archived' ? true : undefined), 'FIG-1 to be archived');
  // FIG-2 at 黄梁村 and FIG-3 at 白鹤村 (化成镇, by hotline): assessed and left open past their deadlines
  await newRequest(w, { requestId: 'FIG-2', summary: '黄梁村道路破损' });
  await assess('FIG-2', 'transport');
  await newRequest(w, { requestId: 'FIG-3', townshipId: 'huacheng', villageId: 'huacheng-baihe', channel: 'hotline', summary: '白鹤村堰塘渗漏' });
  await assess('FIG-3', 'water_resources');
  // FIG-4 at 新桥村: not screened yet
  await newRequest(w, { requestId: 'FIG-4', villageId: 'dingshan-xinqiao', summary: '新桥村垃圾无人清运' });
  await w.world.advance(16 * DAY);
  await eventually(() => (getRequest(w.db, 'FIG-2')?.overdueAt && getRequest(w.db, 'FIG-3')?.overdueAt ? true : undefined), 'the overdue marks');
}, 180_000);
afterAll(async () => w?.stop());

const ZERO = { total: 0, open: 0, closed: 0, overdue: 0 };

describe('the dashboard figures', () => {
  it('counts per level, unit, domain and channel for the district', async () => {
    // given
    const supervisor = await w.login('supervisor');

    // when
    const [levels, units, overdue, domains, channels] = await Promise.all(
      ['levels', 'units', 'overdue', 'domains', 'channels'].map((chart) => supervisor.get(`/api/figures/${chart}`)),
    );

    // then
    expect(levels!.status).toBe(200);
    expect(levels!.body).toEqual({
      scope: { unit: null },
      period: { from: null, to: null },
      items: [
        { code: 'village', label: '村(社区)', total: 3, open: 2, closed: 1, overdue: 2 },
        { code: 'township', label: '乡镇(街道)', ...ZERO },
        { code: 'district', label: '区', ...ZERO },
      ],
      unassessed: { total: 1, open: 1, closed: 0, overdue: 0 },
    });
    expect(units!.body.items).toEqual([
      { unit: { id: 'dingshan-huangliang', name: '黄梁村', kind: 'village' }, total: 2, open: 1, closed: 1, overdue: 1, closureRate: 0.5, overdueRate: 0.5 },
      { unit: { id: 'huacheng-baihe', name: expect.any(String), kind: 'village' }, total: 1, open: 1, closed: 0, overdue: 1, closureRate: 0, overdueRate: 1 },
    ]);
    expect(overdue!.body.items.map((u: { unit: { id: string }; overdue: number }) => [u.unit.id, u.overdue])).toEqual([['dingshan-huangliang', 1], ['huacheng-baihe', 1]]);
    expect(domains!.body.items).toHaveLength(15);
    const domain = (code: string) => domains!.body.items.find((d: { code: string }) => d.code === code);
    expect([domain('urban_management'), domain('transport'), domain('water_resources'), domain('health')]).toEqual([
      { code: 'urban_management', label: '城市管理', total: 1, open: 0, closed: 1, overdue: 0 },
      { code: 'transport', label: '交通运输', total: 1, open: 1, closed: 0, overdue: 1 },
      { code: 'water_resources', label: '水利', total: 1, open: 1, closed: 0, overdue: 1 },
      { code: 'health', label: '卫生健康', ...ZERO },
    ]);
    expect(domains!.body.unassessed.total).toBe(1);
    const channel = (code: string) => channels!.body.items.find((c: { code: string }) => c.code === code);
    expect([channel('door_to_door').total, channel('hotline').total, channel('qr_online').total]).toEqual([3, 1, 0]);
  });

  it('gives the closure-rate trend by month and the satisfaction distribution', async () => {
    // given
    const supervisor = await w.login('supervisor');

    // when
    const trend = await supervisor.get('/api/figures/closure-trend');
    const satisfaction = await supervisor.get('/api/figures/satisfaction');
    const before = await supervisor.get('/api/figures/closure-trend?to=2000-12-31');

    // then
    expect(trend.body.items).toEqual([{ month, received: 4, closed: 1, closureRate: 0.25 }]);
    expect(satisfaction.body).toMatchObject({
      items: [
        { code: 'satisfied', label: '满意', count: 1 },
        { code: 'basically_satisfied', label: '基本满意', count: 0 },
        { code: 'unsatisfied', label: '不满意', count: 0 },
        { code: 'no_response', label: '未回应', count: 0 },
      ],
      answered: 1,
      satisfied: 1,
      satisfactionRate: 1,
    });
    expect(before.body).toMatchObject({ period: { from: null, to: '2000-12-31' }, items: [] });
  });

  it('shows a village leader only the village, a township leader the township, and refuses what lies outside (403)', async () => {
    // given
    const village = await w.login('huangliang-leader');
    const township = await w.login('dingshan-leader');
    const handler = await w.login('huangliang-handler');

    // when
    const own = await village.get(`/api/figures/levels?from=${day}&to=${day}`);
    const otherTownship = await village.get('/api/figures/levels?unitId=huacheng');
    const ownTownship = await village.get('/api/figures/levels?unitId=dingshan');
    const townshipAll = await township.get('/api/figures/levels');
    const townshipVillage = await township.get('/api/figures/units?unitId=dingshan-huangliang');
    const townshipOther = await township.get('/api/figures/units?unitId=huacheng-baihe');
    const noSuchUnit = await township.get('/api/figures/units?unitId=nowhere');
    const wrongRole = await handler.get('/api/figures/levels');

    // then
    expect(own.body).toMatchObject({ scope: { unit: { id: 'dingshan-huangliang', name: '黄梁村', kind: 'village' } }, period: { from: day, to: day } });
    expect(own.body.items[0]).toEqual({ code: 'village', label: '村(社区)', total: 2, open: 1, closed: 1, overdue: 1 });
    expect(own.body.unassessed.total).toBe(0);
    expect([otherTownship.status, ownTownship.status]).toEqual([403, 403]);
    expect(townshipAll.body).toMatchObject({ scope: { unit: { id: 'dingshan', kind: 'township' } }, unassessed: { total: 1 } });
    expect(townshipAll.body.items[0].total).toBe(2);
    expect(townshipVillage.body.items.map((u: { unit: { id: string } }) => u.unit.id)).toEqual(['dingshan-huangliang']);
    expect([townshipOther.status, noSuchUnit.status, wrongRole.status]).toEqual([403, 400, 403]);
  });
});
