// handle-at-level's urging (催办、督办): the reminder before the deadline, the urging notice the day
// after it is missed, then a supervision order 5 days later and every 5 days while the unit has
// not finished; all stop once 办理 ends. The test acts as the job workers and as staff.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { DAY, HOUR, World, eventually } from './support.js';

const T0 = '2025-03-03T01:00:00Z';
const at = (days: number) => new Date(Date.parse(T0) + days * DAY).toISOString().replace('.000Z', 'Z');

const AT_VILLAGE = {
  requestId: 'REQ-2025-0042',
  townshipId: 't-jiangbei',
  villageId: 'v-wuyi',
  level: 'village',
  responsibleUnit: 'village:v-wuyi',
  responsibleUnitName: '五一村',
  timeLimitDays: 15,
  ledgerEntryId: 'LEDGER-village-1',
};

let world: World;

beforeEach(async () => {
  world = await World.start(['handle-at-level', 'joint-handling'], T0);
});

afterEach(async () => {
  await world?.stop();
});

describe('handle-at-level: urging (催办、督办)', () => {
  it('urges the day after the deadline, orders supervision 5 days later and every 5 days, and stops when handling ends', async () => {
    // given a 15-day request the village accepted and has not finished (deadline: day 15)
    const pi = await world.create('handle-at-level', AT_VILLAGE);
    await world.doTask(pi, 'accept', {});
    const [handle] = await world.waitTasks(pi, 'handle-task');
    world.advance(12 * DAY);
    await world.completeJob('suqiu.deadline.warn', {});
    world.advance(3 * DAY);
    await world.completeJob('suqiu.deadline.mark-overdue', { overdue: true });

    // when the day after the deadline comes
    world.advance(1 * DAY - HOUR);
    expect(await world.noJob('suqiu.supervision.urge')).toBe(true);
    world.advance(HOUR);
    const urge = await world.completeJob('suqiu.supervision.urge', {});
    // then an urging notice, and no supervision order yet
    expect(urge.variables.deadlines).toMatchObject({ deadline: at(15) });
    expect(await world.noJob('suqiu.supervision.order')).toBe(true);

    // when 5 more days pass (day 21), and 5 more (day 26)
    world.advance(5 * DAY - HOUR);
    expect(await world.noJob('suqiu.supervision.order')).toBe(true);
    world.advance(HOUR);
    await world.completeJob('suqiu.supervision.order', {});
    world.advance(5 * DAY);
    await world.completeJob('suqiu.supervision.order', {});
    // then one supervision order each time, and the urging notice only once
    expect(await world.noJob('suqiu.supervision.urge')).toBe(true);

    // when the unit resolves it on day 27
    world.advance(1 * DAY);
    await world.completeTask(handle!, { outcome: 'resolved' });
    await eventually(() => world.state(pi) === 'COMPLETED', 'handling to end');
    // then no supervision order comes on day 31
    world.advance(4 * DAY);
    expect(await world.noJob('suqiu.supervision.order')).toBe(true);
    expect((await world.elementsRun(pi)).filter((id) => id === 'supervision-order')).toHaveLength(2);
    expect(await world.incidents(pi)).toEqual([]);
  });

  it('sends no urging when the unit finishes in time', async () => {
    // given
    const pi = await world.create('handle-at-level', AT_VILLAGE);
    await world.doTask(pi, 'accept', {});
    const [handle] = await world.waitTasks(pi, 'handle-task');
    // when it is resolved on day 10
    world.advance(10 * DAY);
    await world.completeTask(handle!, { outcome: 'resolved' });
    await eventually(() => world.state(pi) === 'COMPLETED', 'handling to end');
    // then nothing comes after the deadline
    world.advance(30 * DAY);
    expect(await world.noJob('suqiu.deadline.mark-overdue')).toBe(true);
    expect(await world.noJob('suqiu.supervision.urge')).toBe(true);
    expect(await world.noJob('suqiu.supervision.order')).toBe(true);
  });
});
