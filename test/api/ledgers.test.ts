// Ledgers (台账) through HTTP: real requests moved through the engine by the people whose steps
// they are (accept, escalate, return, close, re-handle, go overdue), then each flag and count of
// 黄梁村's ledger, the filters, who may read which ledger, and the CSV export.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newRequest } from './case-file-support.js';
import { ApiWorld, eventually, type Caller } from './support.js';

const VILLAGE = 'dingshan-huangliang';
/** what the export must keep as text: a comma, quotes, a line break, and a formula */
const TRICKY_TEXT = '=HYPERLINK("http://x","点我"),二组"路灯"不亮\n晚上看不见';

let w: ApiWorld;
let township: Caller;
let team: Caller;
let handler: Caller;

/** Waits until the caller's task list shows the request's task `elementId`; returns its key. */
async function taskOf(who: Caller, requestId: string, elementId: string): Promise<string> {
  return eventually(async () => {
    const list = await who.get(`/api/tasks?element=${elementId}&limit=200`);
    return list.body.items?.find((t: any) => t.requestId === requestId)?.key as string | undefined;
  }, `${elementId} of ${requestId} in ${who.username}'s task list`);
}

async function complete(who: Caller, requestId: string, elementId: string, variables: Record<string, unknown>): Promise<void> {
  const answer = await who.post(`/api/tasks/${await taskOf(who, requestId, elementId)}/completion`, { variables });
  expect(answer.status, `${elementId} of ${requestId}: ${JSON.stringify(answer.body)}`).toBe(204);
}

/** Screened valid by the township, assessed easy by the special team: on 黄梁村's ledger, its 受理交办 open. */
async function onVillageLedger(requestId: string, summary: string, domain = 'urban_rural_construction'): Promise<string> {
  const pi = await newRequest(w, { requestId, summary });
  await complete(township, requestId, 'screen', { valid: true });
  await complete(team, requestId, 'assess', { listType: 'collective', domain, difficulty: 'easy' });
  return pi;
}

async function closeWithAnswer(requestId: string, pi: string, satisfied: boolean): Promise<void> {
  await complete(handler, requestId, 'accept', {});
  await complete(handler, requestId, 'handle-task', { outcome: 'resolved', resolutionNote: '已修复' });
  await w.world.signAndAnswer(requestId, pi, satisfied, satisfied ? undefined : '还是不亮');
}

const lineOf = (body: any, requestId: string, unitId = VILLAGE) => body.items.find((l: any) => l.request.id === requestId && l.unit.id === unitId);

beforeAll(async () => {
  w = await ApiWorld.start();
  await w.world.startScenario();
  township = await w.login('dingshan-handler');
  team = await w.login('special-team');
  handler = await w.login('huangliang-handler');

  // L-OPEN: accepted and in handling (its deadline timers run)
  await onVillageLedger('L-OPEN', TRICKY_TEXT, 'transport');
  await complete(handler, 'L-OPEN', 'accept', {});
  // L-UP: the village cannot solve it: it moves up to 鼎山镇
  await onVillageLedger('L-UP', '村道塌方需要镇里协调');
  await complete(handler, 'L-UP', 'accept', {});
  await complete(handler, 'L-UP', 'handle-task', { outcome: 'cannot_solve', reason: '超出村级能力' });
  // L-BACK: returned (退单), the special team has not decided yet
  await onVillageLedger('L-BACK', '涵洞堵塞');
  await complete(handler, 'L-BACK', 'accept', { decision: 'return', returnReason: 'wrong_locality', returnNote: '涵洞位于新桥村' });
  // L-DONE: closed with four signatures, the citizen satisfied
  await closeWithAnswer('L-DONE', await onVillageLedger('L-DONE', '二组水井水泵坏了'), true);
  // L-AGAIN: closed, the citizen not satisfied: re-handled at the village
  await closeWithAnswer('L-AGAIN', await onVillageLedger('L-AGAIN', '三组路面坑洼'), false);
  await taskOf(handler, 'L-AGAIN', 'accept');
  await w.world.settled();
}, 240_000);
afterAll(async () => w?.stop());

describe('a unit’s ledger', () => {
  it('flags each entry with what became of it and counts them per unit and level', async () => {
    // when
    const list = await handler.get('/api/ledgers?limit=200');
    const summary = await handler.get('/api/ledgers/summary');

    // then
    expect(list.status).toBe(200);
    const flags = (id: string) => list.body.items.filter((l: any) => l.request.id === id).map((l: any) => l.flags);
    const none = { open: false, overdue: false, closed: false, movedUp: false, returned: false, rehandled: false };
    expect(flags('L-OPEN')).toEqual([{ ...none, open: true }]);
    expect(flags('L-UP')).toEqual([{ ...none, movedUp: true }]);
    expect(flags('L-BACK')).toEqual([{ ...none, open: true, returned: true }]);
    expect(flags('L-DONE')).toEqual([{ ...none, closed: true }]);
    // the closure the citizen refused, and the entry its re-handling opened
    expect(flags('L-AGAIN')).toEqual([
      { ...none, open: true, rehandled: true },
      { ...none, closed: true, rehandled: true },
    ]);
    expect(lineOf(list.body, 'L-UP')).toMatchObject({
      listType: { code: 'collective', label: '集体诉求' },
      domain: { code: 'urban_rural_construction', label: '城乡建设' },
      difficulty: { code: 'easy', label: '易事' },
      level: { code: 'village', label: '村(社区)' },
      unit: { id: VILLAGE, name: '黄梁村' },
      closeReason: { code: 'escalated', label: '提级(上移)' },
      request: { id: 'L-UP', text: '村道塌方需要镇里协调' },
    });
    expect(lineOf(list.body, 'L-UP').closedAt).toMatch(/\+08:00$/);
    expect(lineOf(list.body, 'L-OPEN').deadline).toMatch(/\+08:00$/);
    expect(list.body.items.every((l: any) => l.unit.id === VILLAGE)).toBe(true);
    expect(summary.body.units).toEqual([
      { unit: { id: VILLAGE, name: '黄梁村' }, level: { code: 'village', label: '村(社区)' }, open: 3, overdue: 0, closed: 2, movedUp: 1, returned: 1, rehandled: 1 },
    ]);
    expect(summary.body.total).toEqual({ open: 3, overdue: 0, closed: 2, movedUp: 1, returned: 1, rehandled: 1 });
  });

  it('filters by state, level, domain, list type and when entries were opened, and pages', async () => {
    // when
    const open = await handler.get('/api/ledgers?state=open');
    const returned = await handler.get('/api/ledgers?state=returned');
    const movedUp = await handler.get('/api/ledgers?state=moved_up');
    const transport = await handler.get('/api/ledgers?domain=transport');
    const suggestions = await handler.get('/api/ledgers?listType=suggestion');
    const later = await handler.get(`/api/ledgers?from=${encodeURIComponent(new Date(w.world.now().getTime() + 1000).toISOString())}`);
    const townshipLevel = await township.get('/api/ledgers?unit=all&level=township');
    const page = await handler.get('/api/ledgers?limit=2&offset=1');
    const badState = await handler.get('/api/ledgers?state=lost');
    const backwards = await handler.get('/api/ledgers?from=2025-03-10T00:00:00%2B08:00&to=2025-03-01T00:00:00%2B08:00');

    // then
    expect(open.body.items.map((l: any) => l.request.id).sort()).toEqual(['L-AGAIN', 'L-BACK', 'L-OPEN']);
    expect(open.body.total).toBe(3);
    expect(returned.body.items.map((l: any) => l.request.id)).toEqual(['L-BACK']);
    expect(movedUp.body.items.map((l: any) => l.request.id)).toEqual(['L-UP']);
    expect(transport.body.items.map((l: any) => l.request.id)).toEqual(['L-OPEN']);
    expect(suggestions.body.items).toEqual([]);
    expect(later.body.items).toEqual([]);
    expect(townshipLevel.body.items.map((l: any) => [l.request.id, l.unit.id, l.flags.open])).toEqual([['L-UP', 'dingshan', true]]);
    expect(page.body).toMatchObject({ total: 6, limit: 2, offset: 1 });
    expect(page.body.items).toHaveLength(2);
    expect(badState).toMatchObject({ status: 400, body: { field: 'querystring.state' } });
    expect(backwards).toMatchObject({ status: 400, body: { field: 'from' } });
  });

  it('lets a village read its own ledger only, a township its villages’ too, and the district every one', async () => {
    // given
    const xinqiao = await w.login('dingshan-xinqiao-staff-2');
    const supervisor = await w.login('supervisor');
    const huacheng = await w.login('huacheng-staff-3');

    // when
    const villageReadsOther = await xinqiao.get(`/api/ledgers?unit=${VILLAGE}`);
    const villageExportsOther = await xinqiao.get(`/api/ledgers.csv?unit=${VILLAGE}`);
    const villageSummaryOther = await xinqiao.get(`/api/ledgers/summary?unit=${VILLAGE}`);
    const villageAll = await xinqiao.get('/api/ledgers?unit=all');
    const townshipReadsVillage = await township.get(`/api/ledgers?unit=${VILLAGE}`);
    const townshipAll = await township.get('/api/ledgers/summary?unit=all');
    const otherTownship = await huacheng.get(`/api/ledgers?unit=${VILLAGE}`);
    const district = await supervisor.get('/api/ledgers/summary?unit=all');
    const unknown = await supervisor.get('/api/ledgers?unit=nowhere');

    // then
    expect(villageReadsOther.status).toBe(403);
    expect(villageExportsOther.status).toBe(403);
    expect(villageSummaryOther.status).toBe(403);
    expect(villageAll.body.items).toEqual([]);
    expect(townshipReadsVillage.body.total).toBe(6);
    expect(townshipAll.body.units.map((u: any) => [u.unit.id, u.level.code])).toEqual([
      [VILLAGE, 'village'],
      ['dingshan', 'township'],
    ]);
    expect(townshipAll.body.levels.map((l: any) => [l.level.label, l.open])).toEqual([
      ['村(社区)', 3],
      ['乡镇(街道)', 1],
    ]);
    expect(otherTownship.status).toBe(403);
    expect(district.body.units.map((u: any) => u.unit.id)).toEqual(expect.arrayContaining([VILLAGE, 'dingshan']));
    expect(unknown).toMatchObject({ status: 400, body: { field: 'unit' } });
  });

  it('exports the ledger as CSV that Excel opens: BOM, Chinese headers, quoting and the formula guard', async () => {
    // when
    const csv = await handler.get('/api/ledgers.csv');
    const filtered = await handler.get('/api/ledgers.csv?state=moved_up');

    // then
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(String(csv.headers['content-disposition'])).toMatch(/^attachment; filename="ledger-dingshan-huangliang-\d{4}-\d{2}-\d{2}\.csv"; filename\*=UTF-8''/);
    expect(decodeURIComponent(String(csv.headers['content-disposition']).split("UTF-8''")[1]!)).toMatch(/^台账-黄梁村-\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = csv.raw.rawPayload;
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const text = bytes.toString('utf8').slice(1);
    expect(text.split('\r\n')[0]).toBe('诉求编号,诉求内容,清单类型,领域,难易程度,层级,责任单位,建账时间,销账时间,销账原因,办理期限,在办,超期,已销号,已上移,退单,重办');
    expect(text).toContain(`L-OPEN,"'=HYPERLINK(""http://x"",""点我""),二组""路灯""不亮\n晚上看不见",集体诉求,交通运输,易事,村(社区),黄梁村,`);
    expect(text).toMatch(/\r\nL-UP,村道塌方需要镇里协调,集体诉求,城乡建设,易事,村\(社区\),黄梁村,\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},提级\(上移\),[^,]*,否,否,否,是,否,否\r\n/);
    expect(text.endsWith('\r\n')).toBe(true);
    // the header and one line per entry (the tricky text holds one line break inside its quotes)
    expect(text.split('\r\n')).toHaveLength(1 + 6 + 1);
    expect(filtered.raw.rawPayload.toString('utf8').slice(1).split('\r\n').filter((l) => l.startsWith('L-'))).toHaveLength(1);
  });

  it('marks the open entry overdue once its deadline has passed', async () => {
    // given: 16 days on; only L-OPEN is in handling, so only its deadline timer runs
    await w.world.advance(16 * 86_400_000);
    const villageHandler = await w.login('huangliang-handler'); // the session of 16 days ago has ended
    await eventually(async () => (await villageHandler.get('/api/ledgers?state=overdue')).body.items.length > 0, 'L-OPEN to be marked overdue');

    // when
    const overdue = await villageHandler.get('/api/ledgers?state=overdue');
    const summary = await villageHandler.get('/api/ledgers/summary');
    const csv = await villageHandler.get('/api/ledgers.csv?state=overdue');

    // then
    expect(overdue.body.items.map((l: any) => [l.request.id, l.flags.open, l.flags.overdue])).toEqual([['L-OPEN', true, true]]);
    expect(summary.body.total).toMatchObject({ open: 3, overdue: 1 });
    expect(csv.raw.rawPayload.toString('utf8')).toMatch(/,是,是,否,否,否,否\r\n$/);
  });
});
