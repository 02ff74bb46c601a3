// The end-to-end case, through HTTP only: a citizen submits online → the township screens →
// the special team assesses → the village handles → four people sign → the citizen rates 基本满意
// → the case file shows everything, and the citizen's look-up shows the units, never the people.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiWorld, eventually, type Caller } from './support.js';

let w: ApiWorld;
beforeAll(async () => {
  w = await ApiWorld.start();
  await w.world.startScenario();
});
afterAll(async () => w?.stop());

async function taskKey(who: Caller, requestId: string, element: string): Promise<string> {
  return eventually(async () => (await who.get(`/api/tasks?element=${element}`)).body.items?.find((t: any) => t.requestId === requestId)?.key as string | undefined, `${element} of ${requestId}`);
}

async function complete(who: Caller, requestId: string, element: string, variables: Record<string, unknown>): Promise<void> {
  const answer = await who.post(`/api/tasks/${await taskKey(who, requestId, element)}/completion`, { variables });
  expect([element, answer.status, answer.body]).toEqual([element, 204, '']);
}

describe('a request from the citizen\'s phone to the archived case file', () => {
  it('runs through intake, screening, assessment, the village, four signatures and 基本满意, and the case file shows every step', async () => {
    // given
    const [township, team, handler, leader, head, supervisor] = await Promise.all(
      ['dingshan-handler', 'special-team', 'huangliang-handler', 'huangliang-leader', 'huangliang-head', 'supervisor'].map((u) => w.login(u)),
    );

    // when: the citizen submits online
    const submitted = await w.public.post('/api/public/requests', {
      text: '黄梁村二组路灯损坏,晚上出行不方便',
      townshipId: 'dingshan',
      villageId: 'dingshan-huangliang',
      citizen: { name: '（演示）王大爷', phone: '13800000009' },
    });
    const { id, lookupCode } = submitted.body;
    // and the staff work it, each in their own role
    await complete(township, id, 'screen', { valid: true, screeningNote: '经核实,诉求属实' });
    await complete(team, id, 'assess', { listType: 'collective', domain: 'urban_rural_construction', difficulty: 'easy' });
    await complete(handler, id, 'accept', {});
    await complete(handler, id, 'handle-task', { outcome: 'resolved', resolutionNote: '已更换路灯' });
    await complete(handler, id, 'sign-handler', { signed: true });
    await complete(leader, id, 'sign-leader-in-charge', { signed: true });
    await complete(head, id, 'sign-main-leader', { signed: true });
    await taskKey(handler, id, 'sign-citizen');
    const beforeSigning = (await w.public.post(`/api/public/requests/${id}/lookup`, { lookupCode })).body;
    const signed = await w.public.post(`/api/public/requests/${id}/signature`, { lookupCode, signed: true });
    const answered = await eventually(async () => {
      const a = await w.public.post(`/api/public/requests/${id}/satisfaction`, { lookupCode, answer: 'basically_satisfied', comment: '修好了' });
      return a.status === 202 ? a : undefined;
    }, 'the follow-up to await the answer');
    const archived = await eventually(async () => {
      const a = await supervisor.get(`/api/requests/${id}`);
      return a.body.status?.code === 'archived' ? a : undefined;
    }, 'the request to be archived');
    const file = (await handler.get(`/api/requests/${id}/case-file`)).body;
    const progress = (await w.public.post(`/api/public/requests/${id}/lookup`, { lookupCode })).body;

    // then
    expect(submitted.status).toBe(201);
    expect(beforeSigning.awaits).toEqual({ signature: true, followUp: false });
    expect(progress.awaits).toEqual({ signature: false, followUp: false });
    expect(signed.status).toBe(204);
    expect(answered.body.answer).toEqual({ code: 'basically_satisfied', label: '基本满意' });
    expect(archived.body).toMatchObject({ id, level: expect.anything() });
    const kinds = file.timeline.map((e: any) => e.kind);
    for (const kind of ['received', 'registered', 'step_done', 'assessed', 'ledger_opened', 'signed', 'signed_off', 'closed', 'follow_up_asked', 'follow_up', 'archived']) expect(kinds).toContain(kind);
    expect(file.signatures.map((s: any) => [s.role.code, s.method.code]).sort()).toEqual([
      ['citizen', 'lookup_code'],
      ['handler', 'login'],
      ['leader_in_charge', 'login'],
      ['main_leader', 'login'],
    ]);
    expect(file.followUps).toEqual([expect.objectContaining({ outcome: expect.objectContaining({ code: 'basically_satisfied' }) })]);
    expect(file.citizen).toMatchObject({ name: '（演示）王大爷', phone: '13800000009' });
    const publicText = JSON.stringify(progress);
    expect(progress.status.code).toBe('archived');
    expect(publicText).not.toContain('王大爷');
    expect(publicText).not.toContain('13800000009');
    expect(publicText).not.toContain('网格员');
    expect(publicText).toContain('黄梁村');
  });
});
