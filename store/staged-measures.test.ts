import { describe, expect, it } from 'vitest';
import { completeMilestone, dueMilestones, planStagedMeasures, stagedMeasuresOf } from './staged-measures.js';
import { day, receive, storeWithOrganisation, T0 } from './testing.js';

describe('staged measures', () => {
  it('plans milestones with their own deadlines, once', () => {
    // given
    const { db, close } = storeWithOrganisation();
    receive(db, 'r1');
    const milestones = [{ title: '完工验收', days: 90 }, { title: '争取资金', days: 30 }];

    // when
    planStagedMeasures(db, 'r1', T0, milestones);
    const planned = planStagedMeasures(db, 'r1', day(5), milestones);

    // then
    expect(planned.map((m) => [m.seq, m.title, m.deadline])).toEqual([
      [1, '争取资金', day(30)],
      [2, '完工验收', day(90)],
    ]);
    close();
  });

  it('marks a milestone done once and lists what is due', () => {
    // given
    const { db, close } = storeWithOrganisation();
    receive(db, 'r1');
    planStagedMeasures(db, 'r1', T0, [{ title: '争取资金', days: 30 }, { title: '完工验收', days: 90 }]);

    // when
    const done = [completeMilestone(db, 'r1', 1, day(20)), completeMilestone(db, 'r1', 1, day(21))];

    // then
    expect(done).toEqual([true, false]);
    expect(stagedMeasuresOf(db, 'r1')[0].doneAt).toEqual(day(20));
    expect(dueMilestones(db, day(95)).map((m) => m.title)).toEqual(['完工验收']);
    expect(dueMilestones(db, day(60))).toEqual([]);
    close();
  });
});
