// The weekly supervision cycle: a timer start every 7 days; the rules in one script (督办规则); the
// units' reports drafted with the due time the rules give and the late ones counted at that time;
// the ranking; the interviews the diagram's FEEL selects, each checked at its rectification
// deadline. The test acts as the job workers and as staff (user tasks through REST v2).

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { DAY, World, eventually } from './support.js';

let world: World;
const T0 = '2025-03-03T01:00:00Z';

beforeEach(async () => {
  // the timer start's cycle is evaluated at deploy time, so the clock is pinned before deploying
  world = await World.start(['supervision-cycle'], T0);
});

afterEach(async () => {
  await world?.stop();
});

const cycles = () => world.searchInstances({ processDefinitionId: 'supervision-cycle' });

const unit = (u: string, colour: string, assigned: number, closureRate: number | null, extra: Record<string, unknown> = {}) => ({
  unit: u,
  unitName: u,
  colour,
  rank: 1,
  assigned,
  closureRate,
  satisfactionRate: null,
  overdueRate: null,
  rehandlingRate: null,
  interviewOpen: false,
  ...extra,
});

async function taskVariable(userTaskKey: string, name: string): Promise<unknown> {
  const vars = await world.rest<{ items: Array<{ name: string; value: string }> }>('POST', `/v2/user-tasks/${userTaskKey}/variables/search`, { filter: { name } });
  return JSON.parse(vars.items[0]!.value);
}

describe('supervision-cycle', () => {
  it('drafts the reports due in 2 days, ranks, interviews the units the rules select, and checks each at its deadline', async () => {
    // given the first week is over
    world.advance(7 * DAY);
    const [first] = await eventually(async () => {
      const found = await cycles();
      return found.length === 1 ? found : undefined;
    }, 'the first weekly cycle');
    const pi = first!.processInstanceKey;

    // when the workers draft the reports and rank
    const report = await world.completeJob('suqiu.supervision.report', (job) => ({ progressReportId: '2025-W11', reportedUnits: 4, reportDueAt: job.variables.dueAt }));
    const rank = await world.completeJob('suqiu.supervision.rank', {
      redList: [],
      blackList: [],
      rankedUnits: [
        unit('village:a', 'black', 10, 0.5),
        unit('village:b', 'none', 10, 0.95, { satisfactionRate: 0.6 }),
        unit('village:c', 'red', 10, 1),
        unit('village:d', 'black', 2, 0),
        unit('village:e', 'black', 10, 0.2, { interviewOpen: true }),
      ],
    });

    // then the rules gave the due time and the shares
    expect(report.variables.dueAt).toBe('2025-03-12T01:00:00Z');
    expect(rank.variables.supervisionRules).toMatchObject({ redShare: 0.1, blackShare: 0.1 });
    // and the FEEL chose a (black) and b (low satisfaction); not c (red), d (too few requests) nor e (an interview still open)
    expect(world.variables(pi).interviewUnits).toEqual([
      { unit: 'village:a', unitName: 'village:a', reasons: ['black_list'] },
      { unit: 'village:b', unitName: 'village:b', reasons: ['low_satisfaction_rate'] },
    ]);

    // when each interview is opened and held, with its own rectification deadline
    const opened = await eventually(async () => {
      const jobs = await world.activate('suqiu.supervision.open-interview');
      return jobs.length === 2 ? jobs : undefined;
    }, 'both interviews to be opened');
    for (const [i, job] of opened.entries()) await world.zbc.completeJob({ jobKey: job.key, variables: { interviewId: i + 1 } });
    const interviews = await world.waitTasks(pi, 'interview', 2);
    expect(opened.map((j) => (j.variables.interviewee as { unit: string }).unit).sort()).toEqual(['village:a', 'village:b']);
    expect(interviews.map((t) => t.candidateGroups)).toEqual([['district:discipline-commission'], ['district:discipline-commission']]);
    const deadlines: Record<number, string> = { 1: '2025-03-20', 2: '2025-03-31' };
    for (const t of interviews) {
      const id = (await taskVariable(t.userTaskKey, 'interviewId')) as number;
      await world.completeTask(t, { heldAt: '2025-03-10T02:00:00Z', findings: '限期整改', rectificationDeadline: deadlines[id] });
    }

    // then the late reports are counted at the due time
    world.advance(2 * DAY);
    const late = await world.completeJob('suqiu.supervision.count-late-reports', { lateReports: 1 });
    expect(late.variables.progressReportId).toBe('2025-W11');

    // and each check comes at the end of its own deadline's day (Beijing time)
    world.advance(Date.parse('2025-03-20T15:59:58Z') - Date.parse('2025-03-12T01:00:00Z'));
    expect(await world.openTasks(pi).then((ts) => ts.filter((t) => t.elementId === 'check-rectification'))).toEqual([]);
    world.advance(1000);
    const [check1] = await world.waitTasks(pi, 'check-rectification', 1);
    expect(check1!.candidateGroups).toEqual(['district:supervision-group']);
    expect(await taskVariable(check1!.userTaskKey, 'interviewId')).toBe(1);
    await world.completeTask(check1!, { rectified: true });
    world.advance(11 * DAY);
    const checks = await world.waitTasks(pi, 'check-rectification', 1);
    await world.completeTask(checks.find((t) => t.userTaskKey !== check1!.userTaskKey)!, { rectified: false, checkNote: '仍有 3 件超期' });
    await eventually(() => world.state(pi) === 'COMPLETED', 'the cycle to complete');
    expect(await world.incidents(pi)).toEqual([]);
  });

  it('a week with nobody to interview ends when the late reports are counted', async () => {
    // given
    world.advance(7 * DAY);
    await eventually(async () => (await cycles()).length === 1, 'the weekly cycle');
    const pi = (await cycles())[0]!.processInstanceKey;
    // when
    await world.completeJob('suqiu.supervision.report', (job) => ({ progressReportId: '2025-W11', reportedUnits: 4, reportDueAt: job.variables.dueAt }));
    await world.completeJob('suqiu.supervision.rank', { redList: [], blackList: [], rankedUnits: [unit('village:c', 'red', 10, 1)] });
    world.advance(2 * DAY);
    await world.completeJob('suqiu.supervision.count-late-reports', { lateReports: 0 });
    // then
    await eventually(() => world.state(pi) === 'COMPLETED', 'the cycle to complete');
    expect(world.variables(pi).interviewUnits).toEqual([]);
    expect(await world.incidents(pi)).toEqual([]);
  });
});
