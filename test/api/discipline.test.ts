// 移交纪委 through HTTP: a supervisor may hand a request to the discipline commission only once it
// is overdue (marked by the real suqiu.deadline.mark-overdue when the deadline timer fires) and has
// had a supervision order; then the commission is told and reads the request's case file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { urgings } from '../../store/schema.js';
import { newRequest } from './case-file-support.js';
import { ApiWorld, eventually, type Caller } from './support.js';

const DAY = 86_400_000;
let w: ApiWorld;

async function taskOf(who: Caller, requestId: string, elementId: string): Promise<string> {
  return eventually(async () => {
    const list = await who.get(`/api/tasks?element=${elementId}&limit=200`);
    return list.body.items?.find((t: any) => t.requestId === requestId)?.key as string | undefined;
  }, `${elementId} of ${requestId} in ${who.username}'s task list`);
}

async function complete(who: Caller, requestId: string, elementId: string, variables: Record<string, unknown>): Promise<void> {
  const answer = await who.post(`/api/tasks/${await taskOf(who, requestId, elementId)}/completion`, { variables });
  expect(answer.status, JSON.stringify(answer.body)).toBe(204);
}

beforeAll(async () => {
  w = await ApiWorld.start();
  await w.world.startScenario();
  // D-1: on 黄梁村's ledger and in handling, 15 days to go
  await newRequest(w, { requestId: 'D-1', summary: '五组饮水管道破裂一直没修' });
  await complete(await w.login('dingshan-handler'), 'D-1', 'screen', { valid: true });
  await complete(await w.login('special-team'), 'D-1', 'assess', { listType: 'collective', domain: 'water_resources', difficulty: 'easy' });
  const village = await w.login('huangliang-handler');
  await complete(village, 'D-1', 'accept', {});
  await taskOf(village, 'D-1', 'handle-task');
}, 120_000);
afterAll(async () => w?.stop());

const refer = (who: Caller, id = 'D-1') => who.post(`/api/requests/${id}/discipline-referral`, { reason: '督办后仍未整改,群众反映强烈' });

describe('handing a stalled request to the discipline commission (移交纪委)', () => {
  it('refuses while the request is neither overdue nor under a supervision order, naming both', async () => {
    // when
    const answer = await refer(await w.login('supervisor'));

    // then
    expect(answer).toMatchObject({ status: 409, body: { type: 'urn:suqiu:problem:conflict', conditions: ['not_overdue', 'not_urged'] } });
    expect(answer.body.detail).toContain('尚未超期');
  });

  it('refuses an overdue request that has had no supervision order', async () => {
    // given: past the deadline, the deadline timer fires and the worker marks it overdue
    await w.world.advance(16 * DAY);
    const supervisor = await w.login('supervisor');
    await eventually(async () => (await supervisor.get('/api/requests/D-1')).body.overdue === true || undefined, 'D-1 to be marked overdue');

    // when
    const answer = await refer(supervisor);

    // then
    expect(answer).toMatchObject({ status: 409, body: { conditions: ['not_urged'] } });
  });

  it('hands it over once it has had a supervision order: the case file says so, the commission is told and reads the record', async () => {
    // given: the supervision order (督办单) the lead's urging timers record; their scenario test covers
    // it through the engine, here it is written through the store
    w.db.insert(urgings).values({ requestId: 'D-1', unitId: 'dingshan-huangliang', kind: 'supervision_order', deadline: new Date(w.world.now().getTime() - DAY), at: w.world.now(), idempotencyKey: 'test:supervision-order:D-1' }).run();
    const supervisor = await w.login('supervisor');
    const commission = await w.login('discipline-commission-staff-2');
    const handler = await w.login('huangliang-handler');

    // when
    const referred = await refer(supervisor);
    const twice = await refer(supervisor);
    const byHandler = await refer(handler);
    const unknown = await refer(supervisor, 'NO-SUCH-1');
    const inbox = await commission.get('/api/notifications?limit=50');
    const caseFile = await commission.get('/api/requests/D-1/case-file');
    const list = await commission.get('/api/discipline-referrals');
    const supervisorList = await supervisor.get('/api/discipline-referrals?unit=dingshan-huangliang');
    const handlerList = await handler.get('/api/discipline-referrals');

    // then
    expect(referred).toMatchObject({
      status: 201,
      body: { request: { id: 'D-1' }, unit: { id: 'dingshan-huangliang', name: '黄梁村' }, reason: '督办后仍未整改,群众反映强烈', referredBy: { staffId: 'supervision-group-staff-2' }, caseFileUrl: '/api/requests/D-1/case-file' },
    });
    expect(twice).toMatchObject({ status: 409, body: { conditions: ['already_referred'] } });
    expect(byHandler.status).toBe(403);
    expect(unknown.status).toBe(404);
    expect(inbox.body.items.map((n: any) => n.text)).toEqual(expect.arrayContaining([expect.stringMatching(/诉求 D-1.*\/api\/requests\/D-1\/case-file/)]));
    expect(caseFile.status).toBe(200);
    expect(caseFile.body.timeline.map((e: any) => e.kind)).toContain('referred_to_discipline');
    expect(list.body).toMatchObject({ total: 1, items: [{ request: { id: 'D-1' } }] });
    expect(supervisorList.body.total).toBe(1);
    expect(handlerList.status).toBe(403);
  });
});
