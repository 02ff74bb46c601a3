// Demo requests that really run (`npm start` on a fresh store): five requests of the demo district
// submitted and worked through the API, as people would, by the demo accounts, so the workbench,
// the case files and the public board have something to show at several stages:
//
//   黄梁村  路灯      online by the citizen → screened, assessed, fixed, four signatures, 基本满意 → archived
//   白鹤村  堰塘漏水  a village meeting → the township blows the whistle, 区水利局 reports → its part to do;
//                    posted for open claims, claimed by a demo company; checked on the spot by the supervision group
//   文昌社区 电梯     entered for an elderly resident (代办, with consent) → screened → awaits assessment
//   新桥村  涵洞      door to door → awaits screening at 鼎山镇
//   石门村  (invalid)  a walk-in → screened invalid, explained → closed as invalid
//
// Only the API is used (HTTP), so every request has its process instance in the engine. Afterwards
// the requests it created are marked demo in the store, as every demo row is.
//   SUQIU_API_URL      the API (default http://127.0.0.1:3000)
//   SUQIU_STORE_PATH   the store, to mark the requests demo (default data/suqiu.db)
import { inArray } from 'drizzle-orm';
import { openStore } from '../store/db.js';
import { requests } from '../store/schema.js';
import { DEMO_PASSWORD } from '../store/seed/demo.js';

const say = (line: string) => console.log(`demo: ${line}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What the API answers, as far as the demo reads it. */
interface Answer {
  id: string;
  lookupCode: string;
  items?: { key: string; requestId: string }[];
}

class Person {
  private cookie = '';
  constructor(
    private readonly base: string,
    readonly username?: string,
  ) {}

  async call(method: string, path: string, body?: unknown): Promise<{ status: number; body: Answer }> {
    if (this.username !== undefined && this.cookie === '') {
      const login = await fetch(`${this.base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: this.username, password: DEMO_PASSWORD }) });
      if (login.status !== 200) throw new Error(`${this.username} cannot log in: ${login.status} ${await login.text()}`);
      this.cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    }
    const answer = await fetch(`${this.base}${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(this.cookie ? { cookie: this.cookie } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await answer.text();
    return { status: answer.status, body: (text === '' ? {} : JSON.parse(text)) as Answer };
  }

  async expect(method: string, path: string, body: unknown, status: number): Promise<Answer> {
    const answer = await this.call(method, path, body);
    if (answer.status !== status) throw new Error(`${this.username ?? 'the citizen'}: ${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  /** Waits for the request's task `element` in this person's list and completes it. */
  async complete(requestId: string, element: string, variables: Record<string, unknown>): Promise<void> {
    const key = await until(`${element} of ${requestId} for ${this.username}`, async () => {
      const list = await this.call('GET', `/api/tasks?element=${element}&limit=200`);
      return list.body.items?.find((t) => t.requestId === requestId)?.key;
    });
    await this.expect('POST', `/api/tasks/${key}/completion`, { variables }, 204);
  }
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await sleep(200);
  }
}

export async function createDemoRequests(base: string): Promise<string[]> {
  const person = (username?: string) => new Person(base, username);
  const citizen = person();
  const [dingshan, team, handler, leader, head] = ['dingshan-handler', 'special-team', 'huangliang-handler', 'huangliang-leader', 'huangliang-head'].map(person) as [Person, Person, Person, Person, Person];
  const created: string[] = [];

  // 1. 黄梁村: from the citizen's phone to the archived case file
  const light = await citizen.expect('POST', '/api/public/requests', {
    text: '黄梁村二组黄梁垭新居点部分路灯损坏,出现闪烁或不亮,晚上出行不方便',
    townshipId: 'dingshan',
    villageId: 'dingshan-huangliang',
    citizen: { name: '（演示）村民甲', phone: '13800000001' },
  }, 201);
  created.push(light.id);
  say(`${light.id} 路灯 (黄梁村): submitted online, lookup code ${light.lookupCode}`);
  await dingshan.complete(light.id, 'screen', { valid: true, screeningNote: '经核实,诉求属实' });
  await team.complete(light.id, 'assess', { listType: 'collective', domain: 'urban_rural_construction', difficulty: 'easy' });
  await handler.complete(light.id, 'accept', { handler: '（演示）网格员' });
  await handler.complete(light.id, 'handle-task', { outcome: 'resolved', resolutionNote: '已联系电力公司更换损坏路灯6盏' });
  await handler.complete(light.id, 'sign-handler', { signed: true });
  await leader.complete(light.id, 'sign-leader-in-charge', { signed: true });
  await head.complete(light.id, 'sign-main-leader', { signed: true, note: '同意销号' });
  await until(`${light.id} to wait for the citizen's signature`, async () => {
    const signed = await citizen.call('POST', `/api/public/requests/${light.id}/signature`, { lookupCode: light.lookupCode, signed: true });
    return signed.status === 204 ? true : undefined;
  });
  await until(`${light.id} to be followed up`, async () => {
    const answered = await citizen.call('POST', `/api/public/requests/${light.id}/satisfaction`, { lookupCode: light.lookupCode, answer: 'basically_satisfied', comment: '路灯修好了,希望以后定期检查' });
    return answered.status === 202 ? true : undefined;
  });
  say(`${light.id}: fixed, signed by four people, answered 基本满意`);

  // 2. 白鹤村: joint handling, the water bureau has reported and has its part to do
  const village = person('huacheng-baihe-staff-2');
  const huacheng = person('huacheng-staff-3');
  const water = person('water-handler');
  const ponds = await village.expect('POST', '/api/requests', {
    channel: 'meeting',
    text: '村里四组、六组两口堰塘整治后仍然漏水,80户村民用水困难',
    townshipId: 'huacheng',
    villageId: 'huacheng-baihe',
    citizen: { name: '（演示）村民乙' },
  }, 201);
  created.push(ponds.id);
  await huacheng.complete(ponds.id, 'screen', { valid: true });
  await team.complete(ponds.id, 'assess', { listType: 'collective', domain: 'water_resources', difficulty: 'hard', timeLimitChoice: 60 });
  await huacheng.complete(ponds.id, 'accept', {});
  await huacheng.complete(ponds.id, 'handle-task', { outcome: 'joint' });
  await huacheng.complete(ponds.id, 'name-departments', { departments: [{ unit: 'department:water-bureau', task: '排查堰塘渗漏原因并制定整治方案' }], reportLimit: 'P1D' });
  await water.complete(ponds.id, 'report', { note: '已到现场' });
  say(`${ponds.id} 堰塘漏水 (白鹤村): 化成镇 blew the whistle, 区水利局 reported and is at work`);
  // the same 堰塘, posted publicly for a firm with the equipment (公开发榜); a demo company claims it
  const posting = await person('huacheng-staff-2').expect('POST', '/api/claims', {
    requestId: ponds.id,
    title: '白鹤村两口堰塘防渗整治',
    description: '需要有防渗施工经验的队伍和设备,材料费由镇上承担',
    points: 50,
  }, 201);
  const claim = (await citizen.expect('POST', `/api/public/claims/${posting.id}/claim`, { kind: 'company', displayName: '（演示）巴中某建设公司', phone: '13800000006' }, 201)) as unknown as { claimCode: string };
  say(`${ponds.id}: posted for open claims (50 points); a demo company claimed it (claim code ${claim.claimCode})`);
  // and the supervision group checked it on the spot, unannounced (四不两直)
  await person('supervisor').expect('POST', '/api/spot-checks', {
    unitId: 'huacheng',
    requestId: ponds.id,
    checkedAt: new Date().toISOString(),
    unannounced: true,
    findings: '现场查看两口堰塘,渗漏点已标记,区水利局技术人员在场',
  }, 201);
  say(`${ponds.id}: the supervision group checked it on the spot`);

  // 3. 文昌社区: entered for an elderly resident, screened, awaiting assessment
  const grid = person('dongcheng-wenchang-staff-2');
  const lift = await grid.expect('POST', '/api/requests', {
    channel: 'proxy',
    text: '小区电梯经常停运,物业不处理,老人上下楼困难',
    townshipId: 'dongcheng',
    villageId: 'dongcheng-wenchang',
    citizen: { name: '（演示）居民丙', phone: '13800000003' },
    proxy: { proxyName: '（演示）居民丙之女', relation: '子女', consentGiven: true, consentMethod: 'in_person' },
  }, 201);
  created.push(lift.id);
  await person('dongcheng-staff-3').complete(lift.id, 'screen', { valid: true });
  say(`${lift.id} 电梯 (文昌社区): entered for an elderly resident, screened, awaits the special team`);

  // 4. 新桥村: just collected
  const culvert = await person('dingshan-xinqiao-staff-2').expect('POST', '/api/requests', {
    channel: 'door_to_door',
    text: '三组涵洞堵塞,雨天路面积水',
    townshipId: 'dingshan',
    villageId: 'dingshan-xinqiao',
  }, 201);
  created.push(culvert.id);
  say(`${culvert.id} 涵洞 (新桥村): collected door to door, awaits screening at 鼎山镇`);

  // 5. 石门村: not a request for the government, explained and closed
  const shimen = person('dingshan-shimen-staff-2');
  const invalid = await shimen.expect('POST', '/api/requests', { channel: 'walk_in', text: '询问明天是否下雨', townshipId: 'dingshan', villageId: 'dingshan-shimen' }, 201);
  created.push(invalid.id);
  await dingshan.complete(invalid.id, 'screen', { valid: false, screeningNote: '非政府职责范围的咨询' });
  await shimen.complete(invalid.id, 'explain-invalid', { explanationNote: '已当面说明可查询气象台预报' });
  say(`${invalid.id} (石门村): screened invalid, explained, closed as invalid`);
  return created;
}

async function main(): Promise<void> {
  const base = process.env.SUQIU_API_URL?.trim() || 'http://127.0.0.1:3000';
  const ids = await createDemoRequests(base);
  const store = openStore(process.env.SUQIU_STORE_PATH || 'data/suqiu.db');
  try {
    store.db.update(requests).set({ demo: true }).where(inArray(requests.id, ids)).run();
  } finally {
    store.close();
  }
  say(`done: ${ids.length} demo requests at several stages (${ids.join(', ')})`);
}

if (process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  main().catch((error: unknown) => {
    console.error(`demo: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
