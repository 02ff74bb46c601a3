// The weekly supervision cycle: a timer start every 7 days, the progress report and the red/black
// ranking as jobs, and one accountability interview per black-listed unit.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { DAY, World, eventually } from './support.js';

let world: World;

beforeEach(async () => {
  // the timer start's cycle is evaluated at deploy time, so the clock is pinned before deploying
  world = await World.start(['supervision-cycle'], '2025-03-03T01:00:00Z');
});

afterEach(async () => {
  await world?.stop();
});

const cycles = () => world.searchInstances({ processDefinitionId: 'supervision-cycle' });

describe('supervision-cycle', () => {
  it('fires once a week and calls each black-listed unit to an interview', async () => {
    // given: nothing before the week is over
    world.advance(7 * DAY - 60_000);
    expect(await cycles()).toEqual([]);
    // when the week is over
    world.advance(60_000);
    const [first] = await eventually(async () => {
      const found = await cycles();
      return found.length === 1 ? found : undefined;
    }, 'the first weekly cycle');
    const report = await world.completeJob('suqiu.supervision.report', { progressReportId: 'WEEK-2025-10', reportedUnits: 3 });
    const rank = await world.completeJob('suqiu.supervision.rank', {
      redList: [{ unit: 'township:t-jiangbei', closureRate: 0.99 }],
      blackList: [
        { unit: 'township:t-dongcheng', closureRate: 0.71, reasons: ['closure_rate'] },
        { unit: 'department:housing-bureau', closureRate: 0.8, reasons: ['non_report', 'overdue'] },
      ],
    });
    const interviews = await world.waitTasks(first!.processInstanceKey, 'interview', 2);
    // then
    expect(report.bpmnProcessId).toBe('supervision-cycle');
    expect(rank.variables.progressReportId).toBe('WEEK-2025-10');
    expect(interviews.map((t) => t.candidateGroups)).toEqual([['district:discipline-commission'], ['district:discipline-commission']]);
    const units = [];
    for (const t of interviews) {
      const vars = await world.rest<{ items: Array<{ name: string; value: string }> }>('POST', `/v2/user-tasks/${t.userTaskKey}/variables/search`, { filter: { name: 'blackListed' } });
      units.push(JSON.parse(vars.items[0]!.value).unit);
      await world.completeTask(t, { interviewNote: '限期整改', rectificationDeadline: '2025-03-31' });
    }
    expect(units.sort()).toEqual(['department:housing-bureau', 'township:t-dongcheng']);
    await eventually(() => world.state(first!.processInstanceKey) === 'COMPLETED', 'the first cycle to complete');

    // when another week passes
    world.advance(7 * DAY);
    // then a second cycle starts; a week with an empty black list needs no interview
    await eventually(async () => (await cycles()).length === 2, 'the second weekly cycle');
    await world.completeJob('suqiu.supervision.report', { progressReportId: 'WEEK-2025-11', reportedUnits: 3 });
    await world.completeJob('suqiu.supervision.rank', { redList: [], blackList: [] });
    const second = (await cycles()).find((c) => c.processInstanceKey !== first!.processInstanceKey)!;
    await eventually(() => world.state(second.processInstanceKey) === 'COMPLETED', 'the second cycle to complete');
    expect(await world.incidents(second.processInstanceKey)).toEqual([]);
  });
});
