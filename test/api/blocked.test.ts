// 受阻 through HTTP: the responsible unit (or a district unit) marks a request blocked with a kind
// and an internal reason, or clears the mark; the case file records it and the supervision group
// is told; other units are refused; the detail shows the kind and the reason to staff.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseFile } from '../../store/case-file.js';
import { newRequest } from './case-file-support.js';
import { ApiWorld, type Caller } from './support.js';

let w: ApiWorld;
let handler: Caller;
const ID = 'BLOCKED-1';
beforeAll(async () => {
  w = await ApiWorld.start();
  await w.world.startScenario();
  handler = await w.login('huangliang-handler');
  await newRequest(w, { requestId: ID, summary: '黄梁村四组便民桥垮塌需重建' });
  await w.world.doTask(ID, 'screen', { valid: true, screeningNote: '属实' });
  await w.world.doTask(ID, 'assess', { listType: 'collective', domain: 'transport', difficulty: 'easy' });
  await w.world.waitForTask(ID, 'accept');
}, 120_000);
afterAll(async () => w?.stop());

const mark = (caller: Caller, id: string, body: unknown) => caller.call('PUT', `/api/requests/${id}/blocked`, { body });

describe('blocked requests', () => {
  it('marks a request blocked by funding, records it, tells the supervision group and shows the kind in the detail', async () => {
    // when
    const first = await mark(handler, ID, { kind: 'funding', reason: '重建需资金约八十万元,镇村无力承担' });
    const again = await mark(handler, ID, { kind: 'funding', reason: '重建需资金约八十万元,镇村无力承担' });

    // then
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ requestId: ID, blocked: true, kind: { code: 'funding', label: '资金受限' }, reason: '重建需资金约八十万元,镇村无力承担', changed: true });
    expect(again.body.changed).toBe(false);
    expect(caseFile(w.db, ID).filter((e) => e.kind === 'blocked')).toMatchObject([{ actor: 'dingshan-huangliang-staff-2', detail: { kind: 'funding' } }]);
    const supervisor = await w.login('supervisor');
    const inbox = await supervisor.get('/api/notifications?limit=50');
    expect(inbox.body.items.filter((n: { requestId: string }) => n.requestId === ID).map((n: { text: string }) => n.text)).toEqual([
      `诉求 ${ID} 因资金受阻:重建需资金约八十万元,镇村无力承担`,
    ]);
    const detail = await handler.get(`/api/requests/${ID}`);
    expect(detail.body).toMatchObject({ blocked: true, blockedKind: { code: 'funding', label: '资金受限' }, blockedReason: '重建需资金约八十万元,镇村无力承担' });
    // and the case file, as JSON and on its printable page
    const file = await handler.get(`/api/requests/${ID}/case-file`);
    expect(file.body.request).toMatchObject({ blocked: true, blockedKind: { code: 'funding', label: '资金受限' } });
    const page = await handler.get(`/api/requests/${ID}/case-file.html`);
    expect(String(page.body)).toContain('受阻:资金受限,重建需资金约八十万元');
  });

  it('lets a district supervisor change the mark and the unit clear it', async () => {
    // given
    const supervisor = await w.login('supervisor');

    // when
    const changed = await mark(supervisor, ID, { kind: 'land', reason: '新桥址涉及基本农田,待调规' });
    const cleared = await handler.call('DELETE', `/api/requests/${ID}/blocked`);
    const clearedAgain = await handler.call('DELETE', `/api/requests/${ID}/blocked`);

    // then
    expect([changed.status, changed.body.kind.code]).toEqual([200, 'land']);
    expect(cleared.body).toEqual({ requestId: ID, blocked: false, kind: null, reason: null, changed: true });
    expect(clearedAgain.body.changed).toBe(false);
    expect(caseFile(w.db, ID).map((e) => e.kind).filter((k) => k === 'blocked' || k === 'unblocked')).toEqual(['blocked', 'blocked', 'unblocked']);
    expect((await handler.get(`/api/requests/${ID}`)).body).toMatchObject({ blocked: false, blockedKind: null, blockedReason: null });
  });

  it('refuses other units and roles, unassigned and unknown requests, and a bad body', async () => {
    // given
    await newRequest(w, { requestId: 'BLOCKED-NEW', summary: '黄梁村五组路面坑洼' });
    const township = await w.login('dingshan-handler');
    const department = await w.login('water-handler');
    const designer = await w.login('designer');
    const body = { kind: 'funding', reason: '缺资金' };

    // when
    const answers = {
      township: (await mark(township, ID, body)).status,
      department: (await mark(department, ID, body)).status,
      designer: (await mark(designer, ID, body)).status,
      public: (await mark(w.public, ID, body)).status,
      unassigned: (await mark(handler, 'BLOCKED-NEW', body)).status,
      unknown: (await mark(handler, 'NO-SUCH', body)).status,
      badKind: await mark(handler, ID, { kind: 'weather', reason: '下雨' }),
      blankReason: await mark(handler, ID, { kind: 'other', reason: '   ' }),
    };

    // then
    expect({ ...answers, badKind: answers.badKind.status, blankReason: answers.blankReason.status }).toEqual({
      township: 403, department: 404, designer: 403, public: 401, unassigned: 409, unknown: 404, badKind: 400, blankReason: 400,
    });
    expect(answers.badKind.body.field).toContain('kind');
    expect(answers.blankReason.body.field).toBe('reason');
  });
});
