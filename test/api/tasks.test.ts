// Task work and the four signatures through HTTP (issue: "Task work", "Four signatures by four
// people"): the village handles a request end to end, each step by the unit and role the diagram
// names, each signature by its own person.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertAccount } from '../../store/accounts.js';
import { addStaff } from '../../store/org-units.js';
import { hashPassword } from '../../store/passwords.js';
import { createRequest, getRequest } from '../../store/requests.js';
import { setLookupCode } from '../../store/lookup-codes.js';
import { notifications, signOffs } from '../../store/schema.js';
import { ApiWorld, eventually, type Caller } from './support.js';

let w: ApiWorld;
let n = 0;
beforeAll(async () => {
  w = await ApiWorld.start();
  await w.world.startScenario();
});
afterAll(async () => w?.stop());

/** A request at 黄梁村 with a citizen on file, started as the intake starts one. */
async function request(text = '黄梁垭新居点路灯不亮'): Promise<{ id: string; pi: string }> {
  const id = `T-${++n}`;
  createRequest(w.db, { id, channel: 'door_to_door', text, location: { townshipId: 'dingshan', villageId: 'dingshan-huangliang' }, citizen: { name: '（演示）村民甲', phone: '13800000001' } });
  const pi = await w.world.createRequest({ requestId: id, townshipId: 'dingshan', villageId: 'dingshan-huangliang', channel: 'door_to_door', summary: text });
  return { id, pi };
}

/** Waits until the caller's task list shows the request's task `elementId`; returns its key. */
async function taskOf(who: Caller, requestId: string, elementId: string): Promise<string> {
  return eventually(async () => {
    const list = await who.get(`/api/tasks?element=${elementId}&limit=200`);
    return list.body.items?.find((t: any) => t.requestId === requestId)?.key as string | undefined;
  }, `${elementId} of ${requestId} in ${who.username}'s task list`);
}

async function complete(who: Caller, key: string, variables: Record<string, unknown>) {
  return who.post(`/api/tasks/${key}/completion`, { variables });
}

describe('task work', () => {
  it('lists a task for its unit only, with its request, and refuses the wrong unit and the wrong role', async () => {
    // given
    const { id } = await request();
    const township = await w.login('dingshan-handler');
    const village = await w.login('huangliang-handler');
    const supervisor = await w.login('supervisor');

    // when
    const key = await taskOf(township, id, 'screen');
    const villageList = await village.get('/api/tasks?element=screen&limit=200');
    const villageRead = await village.get(`/api/tasks/${key}`);
    const villageDoes = await complete(village, key, { valid: true });
    const supervisorRead = await supervisor.get(`/api/tasks/${key}?`);
    const supervisorDoes = await complete(supervisor, key, { valid: true });
    const detail = await township.get(`/api/tasks/${key}`);

    // then
    expect(villageList.body.items.map((t: any) => t.requestId)).not.toContain(id);
    expect(villageRead.status).toBe(404);
    expect(villageDoes.status).toBe(403);
    expect(supervisorRead.status).toBe(200);
    expect(supervisorRead.body.canWork).toBe(false);
    expect(supervisorDoes.status).toBe(403);
    expect(detail.body).toMatchObject({
      task: { elementId: 'screen', candidateGroups: ['township:dingshan'], roles: ['handler', 'clerk'], request: { id, township: '鼎山镇', village: '黄梁村' } },
      canWork: true,
      form: { key: 'suqiu-form:screen', schema: { type: 'object', required: ['valid'] } },
      request: { id, citizen: { name: '（演示）村民甲', phone: '13800000001' } },
    });
  });

  it('validates the form: 400 naming the field, nothing completed', async () => {
    // given
    const { id } = await request();
    const township = await w.login('dingshan-handler');
    const key = await taskOf(township, id, 'screen');

    // when
    const wrongType = await complete(township, key, { valid: 'yes' });
    const missing = await complete(township, key, { screeningNote: '看过了' });
    const unknown = await complete(township, key, { valid: true, approvedBy: 'me' });
    const after = await township.get(`/api/tasks/${key}`);

    // then
    expect(wrongType).toMatchObject({ status: 400, body: { type: 'urn:suqiu:problem:validation', field: 'valid' } });
    expect(missing).toMatchObject({ status: 400, body: { field: 'valid' } });
    expect(unknown).toMatchObject({ status: 400, body: { field: 'approvedBy' } });
    expect(after.body.task.elementId).toBe('screen');
  });

  it('lets one handler claim a task; another cannot complete it until it is unclaimed', async () => {
    // given: a second handler at the township
    addStaff(w.db, { id: 'dingshan-test-handler', unitId: 'dingshan', name: '（演示）第二干事', roles: ['handler'] });
    upsertAccount(w.db, { username: 'dingshan-handler-2', staffId: 'dingshan-test-handler', passwordHash: hashPassword('pw-2') });
    const { id } = await request();
    const first = await w.login('dingshan-handler');
    const second = await w.login('dingshan-handler-2', 'pw-2');
    const key = await taskOf(first, id, 'screen');

    // when
    const claimed = await first.post(`/api/tasks/${key}/assignment`);
    const mine = await first.get('/api/tasks?assigned=me&element=screen&limit=200');
    const stolen = await second.post(`/api/tasks/${key}/assignment`);
    const blocked = await complete(second, key, { valid: true });
    const released = await first.delete(`/api/tasks/${key}/assignment`);
    const done = await complete(second, key, { valid: true, screeningNote: '属实' });

    // then
    expect(claimed.status).toBe(204);
    expect(mine.body.items.map((t: any) => t.key)).toContain(key);
    expect(stolen.status).toBe(409);
    expect(blocked.status).toBe(409);
    expect(released.status).toBe(204);
    expect(done.status).toBe(204);
  });
});

describe('the four signatures', () => {
  it('takes four people: handler, leader in charge and main leader by login, the citizen with a one-time code; then the request closes', async () => {
    // given: screened, assessed easy, handled at the village
    const { id } = await request();
    const township = await w.login('dingshan-handler');
    const team = await w.login('special-team');
    const handler = await w.login('huangliang-handler');
    const leader = await w.login('huangliang-leader');
    const head = await w.login('huangliang-head');
    expect((await complete(township, await taskOf(township, id, 'screen'), { valid: true })).status).toBe(204);
    expect((await complete(team, await taskOf(team, id, 'assess'), { listType: 'collective', domain: 'urban_rural_construction', difficulty: 'easy' })).status).toBe(204);
    expect((await complete(handler, await taskOf(handler, id, 'accept'), {})).status).toBe(204);
    expect((await complete(leader, await taskOf(handler, id, 'handle-task'), { outcome: 'resolved' })).status).toBe(403);
    expect((await complete(handler, await taskOf(handler, id, 'handle-task'), { outcome: 'resolved', resolutionNote: '已更换路灯' })).status).toBe(204);

    // when
    const citizenTask = await taskOf(handler, id, 'sign-citizen');
    const byStaff = await complete(handler, citizenTask, { signed: true });
    const leaderAsHandler = await complete(leader, await taskOf(handler, id, 'sign-handler'), { signed: true });
    const handlerAsLeader = await complete(handler, await taskOf(leader, id, 'sign-leader-in-charge'), { signed: true });
    const signatures = [
      await complete(handler, await taskOf(handler, id, 'sign-handler'), { signed: true }),
      await complete(leader, await taskOf(leader, id, 'sign-leader-in-charge'), { signed: true }),
      await complete(head, await taskOf(head, id, 'sign-main-leader'), { signed: true, note: '同意销号' }),
    ];
    const sent = await handler.post(`/api/requests/${id}/citizen-signature/code`);
    const sms = w.db.select().from(notifications).all().find((m) => m.requestId === id && m.channel === 'sms');
    const code = /验证码 (\d{6})/.exec(sms?.text ?? '')?.[1];
    const wrong = await handler.post(`/api/requests/${id}/citizen-signature`, { code: code === '000000' ? '111111' : '000000', signed: true });
    const right = await handler.post(`/api/requests/${id}/citizen-signature`, { code, signed: true });

    // then
    expect(byStaff.status).toBe(403);
    expect(leaderAsHandler.status).toBe(403);
    expect(handlerAsLeader.status).toBe(403);
    expect(signatures.map((a) => a.status)).toEqual([204, 204, 204]);
    expect(sent).toMatchObject({ status: 202, body: { sentTo: '138****0001' } });
    expect(sms?.recipient).toBe('13800000001');
    expect(wrong.status).toBe(403);
    expect(right.status).toBe(204);
    await eventually(() => getRequest(w.db, id)?.closedAt != null, 'the request to close (销号)');
    const rows = w.db.select().from(signOffs).all().filter((r) => r.requestId === id);
    expect(rows.map((r) => [r.role, r.signerStaffId, r.method]).sort()).toEqual([
      ['citizen', null, 'sms_code'],
      ['handler', 'dingshan-huangliang-staff-2', 'login'],
      ['leader_in_charge', 'dingshan-huangliang-staff-3', 'login'],
      ['main_leader', 'dingshan-huangliang-staff-1', 'login'],
    ]);
    expect(rows.find((r) => r.role === 'citizen')?.signerName).toBe('（演示）村民甲');
  });

  it('refuses one person signing in two roles of the same round', async () => {
    // given: a village member holding both the handler and the leader-in-charge role
    addStaff(w.db, { id: 'dingshan-huangliang-test-both', unitId: 'dingshan-huangliang', name: '（演示）身兼两职', roles: ['handler', 'leader_in_charge'] });
    upsertAccount(w.db, { username: 'huangliang-both', staffId: 'dingshan-huangliang-test-both', passwordHash: hashPassword('pw-both') });
    const both = await w.login('huangliang-both', 'pw-both');
    const { id } = await request();
    const township = await w.login('dingshan-handler');
    const team = await w.login('special-team');
    await complete(township, await taskOf(township, id, 'screen'), { valid: true });
    await complete(team, await taskOf(team, id, 'assess'), { listType: 'individual', domain: 'urban_rural_construction', difficulty: 'easy' });
    await complete(both, await taskOf(both, id, 'accept'), {});
    await complete(both, await taskOf(both, id, 'handle-task'), { outcome: 'resolved' });

    // when
    const asHandler = await complete(both, await taskOf(both, id, 'sign-handler'), { signed: true });
    const asLeader = await complete(both, await taskOf(both, id, 'sign-leader-in-charge'), { signed: true });

    // then
    expect(asHandler.status).toBe(204);
    expect(asLeader).toMatchObject({ status: 409, body: { type: 'urn:suqiu:problem:conflict' } });
  });

  it('lets the citizen sign online with the lookup code, and only with it', async () => {
    // given
    const { id } = await request();
    const code = setLookupCode(w.db, id, '246810');
    const township = await w.login('dingshan-handler');
    const team = await w.login('special-team');
    const handler = await w.login('huangliang-handler');
    await complete(township, await taskOf(township, id, 'screen'), { valid: true });
    await complete(team, await taskOf(team, id, 'assess'), { listType: 'individual', domain: 'urban_rural_construction', difficulty: 'easy' });
    await complete(handler, await taskOf(handler, id, 'accept'), {});
    await complete(handler, await taskOf(handler, id, 'handle-task'), { outcome: 'resolved' });
    await taskOf(handler, id, 'sign-citizen');

    // when
    const wrong = await w.public.post(`/api/public/requests/${id}/signature`, { lookupCode: '135791', signed: true });
    const right = await w.public.post(`/api/public/requests/${id}/signature`, { lookupCode: code, signed: true });
    const again = await w.public.post(`/api/public/requests/${id}/signature`, { lookupCode: code, signed: true });

    // then
    expect(wrong).toMatchObject({ status: 403, body: { type: 'urn:suqiu:problem:wrong-code', field: 'lookupCode' } });
    expect(right.status).toBe(204);
    expect(again.status).toBe(409);
    const row = w.db.select().from(signOffs).all().find((r) => r.requestId === id && r.role === 'citizen');
    expect(row).toMatchObject({ method: 'lookup_code', signerStaffId: null });
  });
});
