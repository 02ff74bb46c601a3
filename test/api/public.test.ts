// The citizen's side through HTTP (issue: "The citizen's side"): the places for the form, the
// progress by number and lookup code (units, never people; never the citizen's identity), the lock
// after wrong codes, and the satisfaction answer (满意 / 基本满意 / 不满意) that goes to the engine as
// the message `satisfaction-answered`; the diagram decides that 基本满意 counts as satisfied.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffIdentity } from '../../store/accounts.js';
import { followUpsOf } from '../../store/follow-ups.js';
import { getRequest } from '../../store/requests.js';
import { MAX_CODE_FAILURES } from '../../store/lookup-codes.js';
import { ApiWorld, eventually, type Caller } from './support.js';

let w: ApiWorld;
let handler: Caller;
beforeAll(async () => {
  w = await ApiWorld.start();
  await w.world.startScenario();
  handler = await w.login('huangliang-handler');
});
afterAll(async () => w?.stop());

const CITIZEN = { name: '刘大妈', phone: '13855556666' };

async function submit(text: string): Promise<{ id: string; lookupCode: string }> {
  const answer = await w.public.post('/api/public/requests', { text, townshipId: 'dingshan', villageId: 'dingshan-huangliang', citizen: CITIZEN });
  expect(answer.status).toBe(201);
  await eventually(() => getRequest(w.db, answer.body.id)?.processInstanceKey ?? undefined, `the instance of ${answer.body.id}`);
  return answer.body;
}

const lookup = (id: string, lookupCode: string) => w.public.post(`/api/public/requests/${id}/lookup`, { lookupCode });
const answerFollowUp = (id: string, lookupCode: string, answer: string, comment?: string) =>
  w.public.post(`/api/public/requests/${id}/satisfaction`, { lookupCode, answer, ...(comment === undefined ? {} : { comment }) });

/** Staff take the request through screening, assessment (easy: the village), handling and the four signatures; the citizen is then asked. */
async function handleAndClose(id: string): Promise<string> {
  const pi = getRequest(w.db, id)!.processInstanceKey!;
  await w.world.doTask(id, 'screen', { valid: true, screeningNote: '属实' });
  await w.world.doTask(id, 'assess', { listType: 'individual', domain: 'urban_rural_construction', difficulty: 'easy' });
  await w.world.doTask(id, 'accept', {});
  await w.world.doTask(id, 'handle-task', { outcome: 'resolved', resolutionNote: '已处理' });
  await w.world.signAll(id);
  await eventually(async () => (await w.world.elementInstances(pi, 'await-answer')).some((e) => e.state === 'ACTIVE'), 'the follow-up to wait for the answer');
  return pi;
}

function expectNoIdentity(raw: string, ...identities: string[]): void {
  for (const identity of identities) expect(raw).not.toContain(identity);
}

describe('places', () => {
  it('lists the townships and streets with their villages and communities', async () => {
    // when
    const answer = await w.public.get('/api/public/places');

    // then
    expect(answer.status).toBe(200);
    const dingshan = answer.body.places.find((p: { id: string }) => p.id === 'dingshan');
    expect(dingshan).toMatchObject({ name: '鼎山镇', kind: 'township' });
    expect(dingshan.villages).toContainEqual({ id: 'dingshan-huangliang', name: '黄梁村', kind: 'village' });
    expect(answer.body.places.find((p: { id: string }) => p.id === 'dongcheng')).toMatchObject({ kind: 'street', villages: expect.arrayContaining([expect.objectContaining({ kind: 'community' })]) });
    expect(answer.body.places.map((p: { kind: string }) => p.kind).every((k: string) => k === 'township' || k === 'street')).toBe(true);
  });
});

describe('lookup', () => {
  it('shows the status and the timeline by unit, without the citizen or any staff member', async () => {
    // given: staff take in a request for 刘大妈 with her address and ID number
    const taken = await handler.post('/api/requests', {
      channel: 'door_to_door',
      text: '屋后山坡有落石',
      townshipId: 'dingshan',
      villageId: 'dingshan-huangliang',
      citizen: { ...CITIZEN, idNumber: '511902195001011234', address: '黄梁村四组12号' },
    });
    await eventually(() => getRequest(w.db, taken.body.id)?.processInstanceKey ?? undefined, 'the instance');

    // when
    const answer = await lookup(taken.body.id, taken.body.lookupCode);

    // then
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      id: taken.body.id,
      status: { code: 'received', label: '已受理(待甄别)' },
      level: null,
      responsibleUnit: null,
      createdAt: expect.stringMatching(/^2025-03-03T09:00:00\+08:00$/),
      closedAt: null,
      merged: null,
    });
    expect(answer.body.timeline).toEqual([
      { label: '工作人员受理诉求', at: '2025-03-03T09:00:00+08:00', unit: '黄梁村' },
      { label: '登记立案', at: '2025-03-03T09:00:00+08:00', unit: null },
    ]);
    const staffName = staffIdentity(w.db, 'dingshan-huangliang-staff-2')!.name;
    expectNoIdentity(answer.raw.body, CITIZEN.name, CITIZEN.phone, '511902195001011234', '黄梁村四组12号', staffName, 'dingshan-huangliang-staff-2');
  });

  it('answers a wrong code and an unknown number alike with 403, and locks the request after repeated wrong codes', async () => {
    // given
    const { id, lookupCode } = await submit('河道垃圾堆积');
    const wrong = lookupCode === '000000' ? '111111' : '000000';

    // when
    const unknown = await lookup('SQ202503039999', lookupCode);
    const attempts = [];
    for (let i = 0; i < MAX_CODE_FAILURES; i++) attempts.push(await lookup(id, wrong));
    const right = await lookup(id, lookupCode);

    // then
    expect(unknown.status).toBe(403);
    expect(unknown.body.type).toBe('urn:suqiu:problem:wrong-code');
    expect(attempts.map((a) => a.status)).toEqual([...Array(MAX_CODE_FAILURES - 1).fill(403), 423]);
    expect(right.status).toBe(423);
    expect(right.body).toMatchObject({ type: 'urn:suqiu:problem:locked', lockedUntil: expect.stringMatching(/\+08:00$/) });
  });
});

describe('satisfaction', () => {
  it('refuses an answer while no follow-up awaits it (409), and a wrong code (403)', async () => {
    // given
    const { id, lookupCode } = await submit('广场舞噪音扰民');

    // when
    const early = await answerFollowUp(id, lookupCode, 'satisfied');
    const wrongCode = await answerFollowUp(id, lookupCode === '000000' ? '111111' : '000000', 'satisfied');
    const badAnswer = await answerFollowUp(id, lookupCode, 'delighted');

    // then
    expect(early.status).toBe(409);
    expect(wrongCode.status).toBe(403);
    expect([badAnswer.status, badAnswer.body.field]).toEqual([400, 'answer']);
  });

  it('records 基本满意 as basically_satisfied, counts it as satisfied (the request is archived) and refuses a second answer', async () => {
    // given
    const { id, lookupCode } = await submit('村道坑洼积水');
    const pi = await handleAndClose(id);

    // when
    const answer = await answerFollowUp(id, lookupCode, 'basically_satisfied', '基本解决了');
    const again = await answerFollowUp(id, lookupCode, 'unsatisfied');

    // then
    expect(answer.status).toBe(202);
    expect(answer.body).toEqual({ answer: { code: 'basically_satisfied', label: '基本满意' } });
    expect(again.status).toBe(409);
    await w.world.waitForState(pi, 'COMPLETED');
    expect(followUpsOf(w.db, id)).toMatchObject([{ round: 1, outcome: 'basically_satisfied', note: '基本解决了' }]);
    expect(getRequest(w.db, id)?.status).toBe('archived');
    expect(await w.world.variable(pi, 'satisfied')).toBe(true);
    const progress = await lookup(id, lookupCode);
    expect(progress.body).toMatchObject({ status: { code: 'archived', label: '已归档' }, level: { code: 'village' }, responsibleUnit: '黄梁村', closedAt: expect.stringMatching(/\+08:00$/) });
    expect(progress.body.timeline.map((s: { label: string }) => s.label)).toContain('回访结果: 基本满意');
    expectNoIdentity(progress.raw.body, CITIZEN.name, CITIZEN.phone);
  });

  it('sends 不满意 back for re-handling at the same level', async () => {
    // given
    const { id, lookupCode } = await submit('自来水水压不足');
    await handleAndClose(id);

    // when
    const answer = await answerFollowUp(id, lookupCode, 'unsatisfied', '水压还是不够');

    // then
    expect(answer.status).toBe(202);
    const accept = await w.world.waitForTask(id, 'accept', 'village:dingshan-huangliang');
    expect(accept.elementId).toBe('accept');
    expect(followUpsOf(w.db, id)).toMatchObject([{ round: 1, outcome: 'unsatisfied', note: '水压还是不够' }]);
    expect(getRequest(w.db, id)?.status).toBe('rehandling');
    expect((await answerFollowUp(id, lookupCode, 'satisfied')).status).toBe(409);
  });
});
