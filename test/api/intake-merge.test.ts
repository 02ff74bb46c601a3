// 并单 (merge) through the diagram: the screener completes `screen` with `mergeInto`; the request
// ends at 已并单, its citizen is told, and its public lookup shows the master's progress. And the
// check the workbench makes before it completes `screen` (api/requests/merge.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screeningProblems } from '../../api/requests/merge.js';
import { getRequest } from '../../store/requests.js';
import { ApiWorld, eventually, type Caller } from './support.js';

let w: ApiWorld;
let handler: Caller;
beforeAll(async () => {
  w = await ApiWorld.start();
  await w.world.startScenario();
  handler = await w.login('huangliang-handler');
});
afterAll(async () => w?.stop());

const HUANGLIANG = { townshipId: 'dingshan', villageId: 'dingshan-huangliang' };

async function instanceKey(id: string): Promise<string> {
  return eventually(() => getRequest(w.db, id)?.processInstanceKey ?? undefined, `the instance of ${id}`);
}

describe('merge (并单) through the screen task', () => {
  it('ends the repeated request at 已并单, tells its citizen, and shows the master\'s progress on its lookup', async () => {
    // given: a request, and the same matter again from a citizen online
    const master = (await handler.post('/api/requests', { channel: 'door_to_door', text: '三组堰塘垮塌,农田无法灌溉', ...HUANGLIANG })).body;
    const again = (await w.public.post('/api/public/requests', { text: '三组的堰塘垮了,田里灌不上水', ...HUANGLIANG, citizen: { name: '陈二', phone: '13566667777' } })).body;
    const [masterPi, againPi] = [await instanceKey(master.id), await instanceKey(again.id)];
    await w.world.doTask(master.id, 'screen', { valid: true, screeningNote: '属实' });
    const suggested = await handler.get(`/api/requests/duplicates?${new URLSearchParams({ ...HUANGLIANG, text: '三组的堰塘垮了,田里灌不上水' })}`);

    // when: 鼎山镇 screens the second as a repeat of the first
    await w.world.doTask(again.id, 'screen', { valid: true, screeningNote: '与在办诉求为同一事项', mergeInto: master.id });
    await w.world.waitForState(againPi, 'COMPLETED');

    // then: the duplicate was suggested, and the diagram took the merge path to its end
    expect(suggested.body.items.map((d: { id: string }) => d.id)).toContain(master.id);
    expect(await w.world.ran(againPi, 'merge')).toBe(1);
    expect(await w.world.ran(againPi, 'merged')).toBe(1);
    expect(await w.world.ran(againPi, 'suggest-assessment')).toBe(0);
    // and the master went on as before, without a merge
    await w.world.waitForTask(master.id, 'assess');
    expect(await w.world.ran(masterPi, 'merge')).toBe(0);
    // and the store
    expect(getRequest(w.db, again.id)).toMatchObject({ status: 'merged', mergedInto: master.id });
    expect(w.world.caseKinds(again.id)).toContain('merged');
    expect(w.world.caseKinds(master.id)).toContain('merged_in');
    expect(w.world.notices(again.id)).toMatchObject([{ channel: 'sms', recipient: '13566667777', text: expect.stringContaining(master.id) }]);
    // and the citizen's lookup: merged, with the master's progress and no one's identity
    const progress = await w.public.post(`/api/public/requests/${again.id}/lookup`, { lookupCode: again.lookupCode });
    expect(progress.status).toBe(200);
    expect(progress.body).toMatchObject({
      id: again.id,
      status: { code: 'merged', label: '已并单' },
      merged: { into: master.id, master: { status: { code: 'received' }, timeline: expect.arrayContaining([{ label: '同一事项的其他诉求已并入本件办理', at: expect.any(String), unit: null }]) } },
    });
    expect(progress.body.timeline.map((s: { label: string }) => s.label)).toContain(`已并入诉求 ${master.id} 一并办理`);
    expect(progress.raw.body).not.toContain('陈二');
    expect(progress.raw.body).not.toContain('13566667777');
  });
});

describe('screeningProblems (the check before `screen` is completed)', () => {
  it('accepts no merge, and a merge into another open request the screener can see', async () => {
    // given
    const a = (await handler.post('/api/requests', { channel: 'hotline', text: '电杆倾斜', ...HUANGLIANG })).body.id;
    const b = (await handler.post('/api/requests', { channel: 'hotline', text: '电线杆歪了', ...HUANGLIANG })).body.id;
    const township = { scope: { kind: 'township', unitId: 'dingshan' } } as const;

    // when / then
    expect(screeningProblems(w.db, township, b, { valid: true })).toEqual([]);
    expect(screeningProblems(w.db, township, b, { valid: true, mergeInto: null })).toEqual([]);
    expect(screeningProblems(w.db, township, b, { valid: true, mergeInto: a })).toEqual([]);
  });

  it('names mergeInto for itself, an unknown request, one the screener cannot see, a merged one and a finished one', async () => {
    // given
    const a = (await handler.post('/api/requests', { channel: 'hotline', text: '井盖缺失', ...HUANGLIANG })).body.id;
    const b = (await handler.post('/api/requests', { channel: 'hotline', text: '井盖丢了', ...HUANGLIANG })).body.id;
    const elsewhere = (await (await w.login('dingshan-handler')).post('/api/requests', { channel: 'hotline', text: '井盖缺失', townshipId: 'dingshan', villageId: 'dingshan-xinqiao' })).body.id;
    w.world.store.sqlite.prepare("update requests set status = 'merged', merged_into = ? where id = ?").run(a, b);
    const finished = (await handler.post('/api/requests', { channel: 'hotline', text: '井盖', ...HUANGLIANG })).body.id;
    w.world.store.sqlite.prepare("update requests set status = 'invalid' where id = ?").run(finished);
    const village = { scope: { kind: 'village', unitId: 'dingshan-huangliang' } } as const;

    // when
    const fields = [a, 'SQ209901019999', elsewhere, b, finished].map((into) => screeningProblems(w.db, village, a, { valid: true, mergeInto: into }));

    // then
    for (const problems of fields) expect(problems.map((p) => p.field)).toEqual(['mergeInto']);
    expect(JSON.stringify(fields[2])).toBe(JSON.stringify(fields[1]).replaceAll('SQ209901019999', elsewhere));
    expect(JSON.stringify(fields[3])).toContain(a);
  });
});
