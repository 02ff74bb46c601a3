// The case file (一案一卷) through HTTP: JSON, the printable page and the ZIP export, from one
// request's history. The history is made the way the scenarios make it (the instance over gRPC,
// user tasks through the engine's REST API) plus, where no route exists yet for a step, the store
// functions the routes will call.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordFollowUp } from '../../store/follow-ups.js';
import { blowWhistle, recordReport } from '../../store/joint-handling.js';
import { enqueueNotification } from '../../store/notifications.js';
import { extensions, notifications, requestCitizens, requestProxies, requestReturns, signOffs, staff } from '../../store/schema.js';
import { recordSignOff } from '../../store/sign-offs.js';
import { HOUR } from '../scenarios/world.js';
import { multipart, newRequest, pdf, PNG, sha256, unzip } from './case-file-support.js';
import { ApiWorld, type Caller } from './support.js';

const ID = 'SQ-CASEFILE-1';
const TEXT = '黄梁村二组路灯不亮 <script>alert("x")</script> & 请尽快修复';
const HANDLER = 'dingshan-huangliang-staff-2';
const LEADER = 'dingshan-huangliang-staff-3';

let w: ApiWorld;
let handler: Caller;
let handlerName: string;
let uploaded: { id: number; fileName: string; sha256: string; mediaType: string }[];

beforeAll(async () => {
  w = await ApiWorld.start();
  await w.world.startScenario();
  const db = w.db;
  handlerName = db.select().from(staff).where(eq(staff.id, HANDLER)).get()!.name;

  // given: a villager of 黄梁村 asks; the handler recorded it for them (代办) with their consent
  await newRequest(w, { requestId: ID, summary: TEXT });
  db.insert(requestCitizens).values({ requestId: ID, name: '张三', phone: '13800001234', idNumber: '511902195001011234', address: '黄梁村二组 8 号' }).run();
  db.insert(requestProxies).values({ requestId: ID, proxyName: '张小明', proxyPhone: '13900005678', relation: '子女', consentGiven: true, consentMethod: 'phone', recordedByStaffId: HANDLER, at: w.world.now() }).run();
  // and 鼎山镇 screens it, the special team assesses it: 黄梁村 owns it
  await w.world.doTask(ID, 'screen', { valid: true, screeningNote: '经核实,诉求属实' });
  await w.world.doTask(ID, 'assess', { listType: 'collective', domain: 'urban_rural_construction', difficulty: 'easy' });
  await w.world.waitForTask(ID, 'accept');
  await w.world.settled();

  // and the township blows the whistle for the water bureau, which reports
  await w.world.advance(HOUR);
  const { whistleId } = blowWhistle(db, { requestId: ID, blownByUnitId: 'dingshan', departmentIds: ['water-bureau', 'transport-bureau'], reportDueAt: new Date(w.world.now().getTime() + 24 * HOUR), idempotencyKey: `test:${ID}`, actor: 'township:dingshan', at: w.world.now() });
  await w.world.advance(HOUR);
  recordReport(db, whistleId, 'water-bureau', w.world.now());

  // and the village returns it once (rejected) and asks for an extension (approved)
  db.insert(requestReturns).values({ requestId: ID, unitId: 'dingshan-huangliang', level: 'village', reason: 'unclear_ownership', note: '线路归属供电所', returnedAt: w.world.now(), decision: 'rejected', decisionNote: '属村内照明', decidedAt: w.world.now(), idempotencyKey: `return:${ID}` }).run();
  db.insert(extensions).values({ requestId: ID, unitId: 'dingshan-huangliang', days: 5, reason: '等待灯具到货', requestedAt: w.world.now(), approved: true, decisionNote: '同意', decidedAt: w.world.now(), idempotencyKey: `extension:${ID}` }).run();

  // and the handler adds a photo and a scanned document
  await w.world.advance(HOUR);
  handler = await w.login('huangliang-handler');
  const up = await handler.call('POST', `/api/requests/${ID}/attachments`, multipart([
    { name: 'file', filename: '现场<照片>.png', content: PNG },
    { name: 'file', filename: '验收单.pdf', content: pdf('验收单') },
  ]));
  expect(up.status).toBe(201);
  uploaded = up.body.attachments;

  // and the four sign (the citizen with the lookup code, the staff with their logins)
  await w.world.advance(HOUR);
  const at = w.world.now();
  recordSignOff(db, { requestId: ID, role: 'citizen', signerName: '张三', at });
  recordSignOff(db, { requestId: ID, role: 'handler', signerName: handlerName, signerStaffId: HANDLER, at });
  recordSignOff(db, { requestId: ID, role: 'leader_in_charge', signerName: 'leader', signerStaffId: LEADER, at });
  db.update(signOffs).set({ method: 'login' }).where(eq(signOffs.requestId, ID)).run();
  db.update(signOffs).set({ method: 'lookup_code' }).where(eq(signOffs.role, 'citizen')).run();

  // and the citizen was texted, the gateway failed; the answer is 基本满意
  const { id: notice } = enqueueNotification(db, { channel: 'sms', recipient: '13800001234', text: `您的诉求 ${ID} 已办结`, requestId: ID, at });
  db.update(notifications).set({ status: 'failed', attempts: 5, lastError: 'gateway refused 13800001234' }).where(eq(notifications.id, notice)).run();
  recordFollowUp(db, { requestId: ID, outcome: 'basically_satisfied', askedBy: HANDLER, note: '基本满意', at });
});
afterAll(async () => w?.stop());

describe('the case file (JSON)', () => {
  it('shows every step in order, each with when (Beijing time) and who: the staff member with their unit, the unit, 诉求人 or 系统', async () => {
    // when
    const answer = await handler.get(`/api/requests/${ID}/case-file`);

    // then
    expect(answer.status).toBe(200);
    const timeline = answer.body.timeline as { kind: string; label: string; at: string; summary: string; actor: { kind: string; display: string; staffId: string | null; unit: { name: string } | null } }[];
    expect(timeline.map((e) => e.kind)).toEqual(w.world.caseKinds(ID));
    expect(timeline.map((e) => e.kind)).toEqual([
      'received', 'registered', 'assessed', 'ledger_opened', 'whistle', 'department_reported', 'attachment_added', 'attachment_added',
      'signed', 'signed', 'signed', 'follow_up',
    ]);
    expect(timeline.every((e) => /\+08:00$/.test(e.at))).toBe(true);
    expect(timeline.map((e) => e.at)).toEqual([...timeline.map((e) => e.at)].sort());
    const shown = (kind: string) => timeline.filter((e) => e.kind === kind).map((e) => [e.label, e.actor.display]);
    expect(shown('received')).toEqual([['收到诉求', '诉求人']]);
    expect(shown('registered')).toEqual([['登记立案', '系统']]);
    expect(shown('whistle')).toEqual([['吹哨', '鼎山镇']]);
    expect(shown('department_reported')).toEqual([['部门报到', '区水利局']]);
    expect(shown('attachment_added')).toEqual([['上传附件', `${handlerName}(黄梁村)`], ['上传附件', `${handlerName}(黄梁村)`]]);
    expect(timeline.filter((e) => e.kind === 'signed').map((e) => [e.actor.kind, e.actor.unit?.name ?? null])).toEqual([['citizen', null], ['staff', '黄梁村'], ['staff', '黄梁村']]);
    // and what each step recorded, in words: labels for codes, names for units
    const summary = (kind: string) => timeline.find((e) => e.kind === kind)!.summary;
    expect(summary('assessed')).toBe('清单类型:集体诉求;领域:城乡建设;难易程度:易事;层级:村(社区);单位:黄梁村;时限(天):15');
    expect(summary('whistle')).toMatch(/^吹哨编号:\d+;部门:区水利局、区交通运输局;报到时限:2025-\d\d-\d\d \d\d:\d\d$/);
  });

  it('carries the request, the citizen and the proxy, joint handling, returns, extensions, signatures with how they were given, the follow-up and the notices (phones masked)', async () => {
    // when
    const { body } = await handler.get(`/api/requests/${ID}/case-file`);

    // then
    expect(body.request).toMatchObject({
      id: ID, text: TEXT, channel: { code: 'door_to_door', label: '入户走访谈' }, township: { id: 'dingshan', name: '鼎山镇' }, village: { name: '黄梁村' },
      listType: { code: 'collective' }, domain: { code: 'urban_rural_construction' }, difficulty: { code: 'easy' }, level: { code: 'village', label: '村(社区)' },
      responsibleUnit: { id: 'dingshan-huangliang', name: '黄梁村' }, timeLimitDays: 15, overdue: false, blocked: false, mergedInto: null,
      deadline: expect.stringMatching(/\+08:00$/), createdAt: expect.stringMatching(/\+08:00$/),
    });
    expect(body.citizen).toEqual({ name: '张三', phone: '13800001234', idNumber: '511902195001011234', address: '黄梁村二组 8 号' });
    expect(body.proxy).toMatchObject({ proxyName: '张小明', relation: '子女', consentGiven: true, consentMethod: { label: '电话同意' }, recordedBy: { display: `${handlerName}(黄梁村)` } });
    expect(body.ledger.entries).toMatchObject([{ level: { code: 'village' }, unit: { name: '黄梁村' }, closedAt: null }]);
    expect(body.whistles).toMatchObject([{ blownBy: { name: '鼎山镇' }, departments: [{ unit: { name: '区交通运输局' }, state: 'pending' }, { unit: { name: '区水利局' }, state: 'reported', stateLabel: '已报到' }] }]);
    expect(body.returns).toMatchObject([{ unit: { name: '黄梁村' }, reason: { code: 'unclear_ownership', label: '权属不清' }, decision: { code: 'rejected', label: '退单驳回' } }]);
    expect(body.extensions).toMatchObject([{ days: 5, reason: '等待灯具到货', approved: true, decisionLabel: '同意延期' }]);
    expect(body.signatures.map((s: any) => [s.role.label, s.signer?.display ?? s.signerName, s.method.code, s.method.label])).toEqual([
      ['诉求人', '张三', 'lookup_code', '诉求人凭查询码线上签字'],
      ['办理人', `${handlerName}(黄梁村)`, 'login', '本人登录签字'],
      ['分管领导', expect.stringMatching(/\(黄梁村\)$/), 'login', '本人登录签字'],
    ]);
    expect(body.followUps).toMatchObject([{ round: 1, outcome: { code: 'basically_satisfied', label: '基本满意' }, askedBy: { staffId: HANDLER } }]);
    expect(body.notifications).toMatchObject([{ channel: { code: 'sms', label: '短信' }, recipient: '138****1234', status: { code: 'failed', label: '发送失败' }, attempts: 5, lastError: 'gateway refused 138****1234' }]);
    expect(JSON.stringify(body.notifications)).not.toContain('13800001234');
    expect(body.attachments.map((a: any) => [a.fileName, a.mediaType, a.sha256, a.url])).toEqual(uploaded.map((a) => [a.fileName, a.mediaType, a.sha256, `/api/attachments/${a.id}`]));
  });

  it("is not found (404) for another village's or township's staff, in every form, nor its attachment; a department named in the whistle may read it", async () => {
    // given
    const xinqiao = await w.login('dingshan-xinqiao-staff-2');
    const huacheng = await w.login('huacheng-staff-3');
    const water = await w.login('water-handler');
    const environment = await w.login('environment-bureau-staff-3');

    // when
    const refused = [];
    for (const caller of [xinqiao, huacheng, environment]) {
      for (const url of [`/api/requests/${ID}/case-file`, `/api/requests/${ID}/case-file.html`, `/api/requests/${ID}/case-file.zip`, `/api/attachments/${uploaded[0]!.id}`]) {
        refused.push((await caller.get(url)).status);
      }
    }
    const named = await water.get(`/api/requests/${ID}/case-file`);
    const unknown = await handler.get('/api/requests/SQ-NO-SUCH/case-file');

    // then
    expect(refused).toEqual(Array(12).fill(404));
    expect(named.status).toBe(200);
    expect(unknown.status).toBe(404);
  });
});

describe('the printable page', () => {
  it('escapes the request text, runs no script (CSP), has Chinese headings, the request number in its title, and the photo inline from the attachment route', async () => {
    // when
    const answer = await handler.get(`/api/requests/${ID}/case-file.html`);

    // then
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(answer.headers['content-security-policy']).toContain("default-src 'none'");
    expect(answer.headers['content-security-policy']).not.toMatch(/script-src/);
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    const page = String(answer.body);
    expect(page).not.toMatch(/<script/i);
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; 请尽快修复');
    expect(page).toContain(`<title>一案一卷 · 诉求 ${ID}</title>`);
    for (const heading of ['一、诉求信息', '二、办理过程', '四、吹哨报到', '七、退单', '八、延期', '九、四方签字', '十、回访与重办', '十一、通知', '十二、附件']) expect(page).toContain(`<h2>${heading}</h2>`);
    expect(page).toContain('@page { size: A4;');
    expect(page).toContain('break-before: page');
    const [photo, scan] = uploaded;
    expect(page).toContain(`<img src="/api/attachments/${photo!.id}" alt="现场&lt;照片&gt;.png">`);
    expect(page).not.toContain(`<img src="/api/attachments/${scan!.id}"`);
    expect(page).toContain(`<a href="/api/attachments/${scan!.id}">验收单.pdf</a>`);
    expect(page).toContain(`${handlerName}(黄梁村)`);
    expect(page).toContain('138****1234');
    // and the inline photo loads with the same session
    expect((await handler.get(`/api/attachments/${photo!.id}`)).status).toBe(200);
  });
});

describe('the ZIP export', () => {
  it('holds the JSON, the page linking the files beside it, and every attachment with its hash', async () => {
    // when
    const answer = await handler.get(`/api/requests/${ID}/case-file.zip`);

    // then
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/zip');
    expect(answer.headers['content-disposition']).toBe(`attachment; filename="case-file-${ID}.zip"`);
    const entries = unzip(answer.raw.rawPayload);
    // file names keep to what every file system takes: 现场<照片>.png → 现场_照片_.png
    const inZip = (a: { id: number; fileName: string }) => `attachments/${a.id}-${a.fileName.replace(/[<>]/g, '_')}`;
    const names = uploaded.map(inZip);
    expect(names[0]).toBe(`attachments/${uploaded[0]!.id}-现场_照片_.png`);
    expect([...entries.keys()].sort()).toEqual(['case-file.html', 'case-file.json', ...names].sort());
    const json = JSON.parse(entries.get('case-file.json')!.toString('utf8'));
    expect(json.request.id).toBe(ID);
    expect(json.timeline.map((e: { kind: string }) => e.kind)).toEqual(w.world.caseKinds(ID));
    for (const a of json.attachments) expect(sha256(entries.get(inZip(a))!)).toBe(a.sha256);
    expect(sha256(entries.get(names[0]!)!)).toBe(sha256(PNG));
    const page = entries.get('case-file.html')!.toString('utf8');
    expect(page).not.toMatch(/<script/i);
    expect(page).toContain(`<img src="attachments/${uploaded[0]!.id}-${encodeURIComponent('现场_照片_.png')}"`);
    expect(page).toContain(`href="attachments/${uploaded[1]!.id}-${encodeURIComponent('验收单.pdf')}"`);
  });
});
