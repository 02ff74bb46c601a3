// The task list's createdAfter filter (GET /api/tasks?createdAfter=...): a client that follows new
// work (the replay's simulated staff) asks only for the tasks created since it last looked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOUR } from '../scenarios/world.js';
import { ApiWorld, type Caller } from './support.js';

let w: ApiWorld;
let township: Caller;
let supervisor: Caller;
beforeAll(async () => {
  w = await ApiWorld.start();
  await w.world.startScenario();
  township = await w.login('dingshan-handler');
  supervisor = await w.login('supervisor');
});
afterAll(async () => w?.stop());

/** A request at 黄梁村 taken in by its 网格员; returns its id once its screening task is open. */
async function collected(villager: Caller, text: string): Promise<string> {
  const answer = await villager.post('/api/requests', { channel: 'door_to_door', text, townshipId: 'dingshan', villageId: 'dingshan-huangliang' });
  expect(answer.status).toBe(201);
  const id = answer.body.id as string;
  await w.world.waitForTask(id, 'screen');
  return id;
}

const screeningOf = async (who: Caller, query: string): Promise<{ status: number; ids: string[] }> => {
  const list = await who.get(`/api/tasks?element=screen&limit=200${query}`);
  return { status: list.status, ids: (list.body.items ?? []).map((t: { requestId: string }) => t.requestId) };
};

describe('GET /api/tasks?createdAfter', () => {
  it('lists only the tasks created at or after the instant, for the unit and with all=true for the district', async () => {
    // given: one request screened-to-be in the morning, another an hour later
    const villager = await w.login('huangliang-handler');
    const earlier = await collected(villager, '黄梁村一组水渠淤塞');
    const between = await w.world.advance(HOUR);
    const later = await collected(villager, '黄梁村二组路面塌陷');

    // when
    const sinceBetween = await screeningOf(township, `&createdAfter=${encodeURIComponent(between.toISOString())}`);
    const sinceBetweenInBeijingTime = await screeningOf(township, `&createdAfter=${encodeURIComponent(new Date(between.getTime() + 8 * HOUR).toISOString().replace('Z', '+08:00'))}`);
    const districtSince = await screeningOf(supervisor, `&all=true&createdAfter=${encodeURIComponent(between.toISOString())}`);
    const everything = await screeningOf(township, '');
    const aMillisecondLater = await screeningOf(township, `&createdAfter=${encodeURIComponent(new Date(between.getTime() + 1).toISOString())}`);

    // then: the later request only, however the instant is written
    expect(sinceBetween).toEqual({ status: 200, ids: [later] });
    expect(sinceBetweenInBeijingTime).toEqual({ status: 200, ids: [later] });
    expect(districtSince).toEqual({ status: 200, ids: [later] });
    expect(everything.ids).toEqual(expect.arrayContaining([earlier, later]));
    // and the later task was created at the instant pinned (the engine's clock): a millisecond after it lists neither
    expect(aMillisecondLater).toEqual({ status: 200, ids: [] });
  });

  it('refuses an instant that is not a date-time (400 naming the field)', async () => {
    // when
    const answer = await township.get('/api/tasks?createdAfter=yesterday');

    // then
    expect(answer.status).toBe(400);
    expect(answer.body.field).toMatch(/createdAfter/);
  });
});
