// Scenarios at the township (乡镇/街道) and district (区) levels, end to end: the embedded engine,
// the real workers and the business store, the clock pinned, staff working through the REST
// user-task API (and the workbench stand-in recording what their forms carry). What each proves is
// listed in test/scenarios/README.md.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { backstopCasesOf } from '../../store/backstop.js';
import { whistlesOf } from '../../store/joint-handling.js';
import { ledgerHistory } from '../../store/ledger.js';
import { unitCounts } from '../../store/rankings.js';
import { getRequest } from '../../store/requests.js';
import { signOffCheck } from '../../store/sign-offs.js';
import { stagedMeasuresOf } from '../../store/staged-measures.js';
import { DAY, HOUR, ScenarioWorld, eventually } from './world.js';

const after = ScenarioWorld.after;
let world: ScenarioWorld;

beforeAll(async () => {
  world = await ScenarioWorld.start();
});

afterEach(async () => {
  await world.cancelOpenInstances();
});

afterAll(async () => {
  await world?.stop();
});

const iso = (d: Date) => d.toISOString().replace('.000Z', 'Z');
/** `months` calendar months after `from` (UTC), as the timer cycle R/P1M counts them */
const monthsAfter = (from: Date, months: number) => {
  const d = new Date(from);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
};

describe('township and district scenarios', () => {
  it('2. the leaking ponds (山坪塘漏水): hard → 化成镇, which blows the whistle for 区水利局; still unsolved, the ledger entry moves up to the district', async () => {
    // given: villagers of 白鹤村 raise at a meeting that two ponds still leak after repairs
    const t0 = await world.startScenario();
    const id = 'SQ-PONDS';
    const pi = await world.collectValid(
      { requestId: id, townshipId: 'huacheng', villageId: 'huacheng-baihe', channel: 'meeting', summary: '白鹤村四组、六组两口山坪塘整治后仍然漏水,80户村民用水困难' },
      { listType: 'collective', domain: 'water_resources', difficulty: 'hard', timeLimitChoice: 60 },
    );
    const accept = await world.doTask(id, 'accept', {});

    // when: on day 2 the township blows the whistle, naming the district water bureau
    await world.advance(2 * DAY);
    await world.doTask(id, 'handle-task', { outcome: 'joint' });
    const name = await world.workbench.nameDepartments(id, 'huacheng', [{ unit: 'department:water-bureau', task: '现场查勘山坪塘渗漏原因,提出整治方案' }]);
    // and the bureau reports three hours later, then contributes; the township consolidates
    await world.advance(3 * HOUR);
    const report = await world.workbench.report(id, 'department:water-bureau');
    const contribute = await world.doTask(id, 'contribute', { contribution: '塘底防渗层整体破损,需重建,估算 120 万元' }, 'department:water-bureau');
    await world.doTask(id, 'consolidate', { jointSummary: '水利局已查勘,整治资金超出镇级能力' });
    // and on day 5 the township still cannot solve it
    await world.advance(3 * DAY - 3 * HOUR);
    await world.doTask(id, 'handle-task', { outcome: 'cannot_solve', reason: '整治资金超出镇级能力' });
    const districtAccept = await world.waitForTask(id, 'accept');

    // then: the township handled it with 60 days, the water bureau was named and reported in time
    expect(accept.candidateGroups).toEqual(['township:huacheng']);
    expect(name.candidateGroups).toEqual(['township:huacheng']);
    expect([report.candidateGroups, contribute.candidateGroups]).toEqual([['department:water-bureau'], ['department:water-bureau']]);
    expect(whistlesOf(world.db, id)).toMatchObject([
      {
        blownByUnitId: 'huacheng', blownAt: after(t0, 2), reportDueAt: after(t0, 3),
        reports: [{ departmentId: 'water-bureau', reportedAt: after(t0, 2, 3), nonReportRecordedAt: null }],
      },
    ]);
    const [joint] = (await world.tree(pi)).filter((p) => p.processDefinitionId === 'joint-handling');
    expect(await world.variable(joint!.processInstanceKey, 'contributions')).toEqual([
      { department: 'department:water-bureau', contribution: '塘底防渗层整体破损,需重建,估算 120 万元' },
    ]);
    expect(await world.ran(pi, 'record-non-report')).toBe(0);
    // then: the ledger entry moved from 化成镇 to the district, to the bureau that leads on water
    expect(districtAccept.candidateGroups).toEqual(['department:water-bureau']);
    const { entries, movements } = ledgerHistory(world.db, id);
    expect(entries).toMatchObject([
      { level: 'township', unitId: 'huacheng', openedAt: t0, closedAt: after(t0, 5), closeReason: 'escalated' },
      { level: 'district', unitId: 'water-bureau', openedAt: after(t0, 5), closedAt: null },
    ]);
    expect(movements).toMatchObject([{ fromLevel: 'township', toLevel: 'district', fromUnitId: 'huacheng', toUnitId: 'water-bureau', movedAt: after(t0, 5) }]);
    expect(getRequest(world.db, id)).toMatchObject({
      level: 'district', responsibleUnitId: 'water-bureau', status: 'assigned', timeLimitDays: 60, deadline: after(t0, 65), closedAt: null,
    });
    expect(world.caseKinds(id)).toEqual(expect.arrayContaining(['whistle', 'department_reported', 'escalated']));
    // and in the engine the township's handling ended (interrupted by the escalation), the district's runs
    const handlings = (await world.tree(pi)).filter((p) => p.processDefinitionId === 'handle-at-level');
    expect(handlings.map((h) => h.state)).toEqual(['TERMINATED', 'ACTIVE']);
    expect(await world.variable(pi, 'level')).toBe('district');
  });

  it('3. the old market turned square (老旧市场改广场): major → 区住建局 with 90 days, staged measures, closed in time', async () => {
    // given: residents of 文昌社区 answer a questionnaire: the derelict market should become a square
    const t0 = await world.startScenario();
    const id = 'SQ-SQUARE';
    const pi = await world.collectValid(
      { requestId: id, townshipId: 'dongcheng', villageId: 'dongcheng-wenchang', channel: 'questionnaire', summary: '文昌社区老旧农贸市场闲置破败,居民希望改建为休闲广场' },
      { listType: 'collective', domain: 'urban_rural_construction', difficulty: 'major', timeLimitChoice: 90 },
    );
    const accept = await world.doTask(id, 'accept', { handler: '城建股' });

    // when: on day 10 the bureau plans two stages, each with its own due date
    await world.advance(10 * DAY);
    const handle = await world.workbench.handleStaged(id, [
      { title: '拆除旧市场棚架', dueDate: iso(after(t0, 40)) },
      { title: '广场铺装与绿化完工', dueDate: iso(after(t0, 80)) },
    ]);
    // and finishes the first on day 38 and the second on day 78; the four sign; residents are satisfied
    await world.pinTime(after(t0, 38));
    const first = await world.workbench.milestoneDone(id, '棚架已拆除,场地已平整');
    await world.pinTime(after(t0, 78));
    const second = await world.workbench.milestoneDone(id, '广场已建成开放');
    const signatures = await world.signAndAnswer(id, pi, true, '广场很好');
    await world.waitForState(pi, 'COMPLETED');

    // then: the district's housing bureau owned it, with the 90 days chosen at assessment
    expect(accept.candidateGroups).toEqual(['department:housing-bureau']);
    expect(Date.parse(handle.dueDate!)).toBe(after(t0, 90).getTime());
    expect(signatures.map((t) => t.candidateGroups[0])).toEqual([
      'department:housing-bureau', 'department:housing-bureau', 'department:housing-bureau:leader-in-charge', 'department:housing-bureau:main-leader',
    ]);
    // then: each stage had its own due date, both were done
    expect([first, second].map((t) => Date.parse(t.dueDate!))).toEqual([after(t0, 40).getTime(), after(t0, 80).getTime()]);
    expect(stagedMeasuresOf(world.db, id).map((m) => [m.seq, m.title, m.deadline, m.doneAt])).toEqual([
      [1, '拆除旧市场棚架', after(t0, 40), after(t0, 38)],
      [2, '广场铺装与绿化完工', after(t0, 80), after(t0, 78)],
    ]);
    // then: closed on day 78 of 90, never overdue, archived
    expect(getRequest(world.db, id)).toMatchObject({
      status: 'archived', level: 'district', responsibleUnitId: 'housing-bureau', timeLimitDays: 90,
      deadline: after(t0, 90), closedAt: after(t0, 78), overdueAt: null,
    });
    expect(ledgerHistory(world.db, id).entries).toMatchObject([{ level: 'district', unitId: 'housing-bureau', closedAt: after(t0, 78), closeReason: 'closed' }]);
    expect(signOffCheck(world.db, id, 1).complete).toBe(true);
    expect(world.caseKinds(id)).toEqual(expect.arrayContaining(['staged_measures_planned', 'milestone_done', 'closed', 'archived', 'published']));
    const stages = (await world.elementInstances(pi, 'staged-measures')).filter((e) => e.type === 'USER_TASK');
    expect(stages.map((e) => e.state)).toEqual(['COMPLETED', 'COMPLETED']);
    expect(await world.ran(pi, 'deadline-warning')).toBe(0);
  });

  it('8. a department that does not report in time: the non-report is recorded against it and the supervisors are told; it still reports', async () => {
    // given: 曾口镇 handles a hard request and blows the whistle for two departments
    const t0 = await world.startScenario();
    const id = 'SQ-NOREPORT';
    const pi = await world.collectValid(
      { requestId: id, townshipId: 'zengkou', villageId: 'zengkou-gulou', channel: 'field_study', summary: '古楼村灌溉渠垮塌,影响 200 亩农田春灌' },
      { listType: 'collective', domain: 'agriculture_rural', difficulty: 'hard' },
    );
    await world.doTask(id, 'accept', {});
    await world.doTask(id, 'handle-task', { outcome: 'joint' });
    await world.workbench.nameDepartments(id, 'zengkou', [
      { unit: 'department:water-bureau', task: '修复垮塌渠段' },
      { unit: 'department:agriculture-bureau', task: '核实受影响农田并协调春灌' },
    ]);
    // the water bureau reports after two hours
    await world.advance(2 * HOUR);
    await world.workbench.report(id, 'department:water-bureau');

    // when: the one-day limit passes without the agriculture bureau reporting
    await world.pinTime(after(t0, 1, 1));
    await eventually(() => whistlesOf(world.db, id)[0]?.reports.find((r) => r.departmentId === 'agriculture-bureau')?.nonReportRecordedAt ?? undefined, 'the non-report');
    const notices = world.notices(id);
    // and it reports an hour later; both contribute, the township consolidates and resolves it on day 3
    await world.advance(1 * HOUR);
    const lateReport = await world.workbench.report(id, 'department:agriculture-bureau');
    for (const department of ['department:water-bureau', 'department:agriculture-bureau']) {
      await world.doTask(id, 'contribute', { contribution: `${department} 已完成` }, department);
    }
    await world.doTask(id, 'consolidate', { jointSummary: '渠道已修复,春灌已保障' });
    await world.pinTime(after(t0, 3));
    await world.doTask(id, 'handle-task', { outcome: 'resolved' });
    await world.signAndAnswer(id, pi, true);
    await world.waitForState(pi, 'COMPLETED');

    // then: the non-report is on the agriculture bureau's row (not the water bureau's), and it reported later
    expect(lateReport.candidateGroups).toEqual(['department:agriculture-bureau']);
    expect(whistlesOf(world.db, id)).toMatchObject([
      {
        blownByUnitId: 'zengkou',
        reports: [
          { departmentId: 'agriculture-bureau', nonReportRecordedAt: after(t0, 1, 1), reportedAt: after(t0, 1, 2) },
          { departmentId: 'water-bureau', nonReportRecordedAt: null, reportedAt: after(t0, 0, 2) },
        ],
      },
    ]);
    expect(world.caseKinds(id)).toEqual(expect.arrayContaining(['department_did_not_report']));
    // then: the bureau and the supervisors were told
    expect(notices.map((n) => n.recipient).sort()).toEqual(['agriculture-bureau', ...world.supervisorIds()].sort());
    expect(notices.every((n) => n.text.includes('未在时限内报到'))).toBe(true);
    // then: it counts against the agriculture bureau in the figures the rankings use
    const departments = unitCounts(world.db, { kinds: ['department'], from: t0, to: after(t0, 30) });
    expect(departments.find((u) => u.unitId === 'agriculture-bureau')?.nonReports).toBe(1);
    expect(departments.find((u) => u.unitId === 'water-bureau')?.nonReports).toBe(0);
    // and in the engine the timer fired once, for that department only; the request went on to closure
    expect(await world.ran(pi, 'record-non-report')).toBe(1);
    expect(getRequest(world.db, id)).toMatchObject({ status: 'archived', level: 'township', closedAt: after(t0, 3) });
  });

  it('8b. departments named past the API: at the report limit the non-report is an incident, and the worker blows no whistle', async () => {
    // given: 曾口镇 names the water bureau, but the task is completed straight through the engine (no whistle recorded)
    const t0 = await world.startScenario();
    const id = 'SQ-NO-WHISTLE';
    const pi = await world.collectValid(
      { requestId: id, townshipId: 'zengkou', villageId: 'zengkou-gulou', channel: 'field_study', summary: '古楼村提灌站水泵损坏' },
      { listType: 'collective', domain: 'water_resources', difficulty: 'hard' },
    );
    await world.doTask(id, 'accept', {});
    await world.doTask(id, 'handle-task', { outcome: 'joint' });
    await world.workbench.nameDepartments(id, 'zengkou', [{ unit: 'department:water-bureau', task: '维修提灌站水泵' }], undefined, { pastTheApi: true });

    // when: the one-day limit passes without a report
    await world.pinTime(after(t0, 1, 1));
    const incident = await world.waitForIncident(pi, 'record-non-report');

    // then: the worker names what is missing and made up nothing
    expect(incident.errorMessage).toContain('no whistle is recorded');
    expect(whistlesOf(world.db, id)).toEqual([]);
    expect(world.caseKinds(id)).not.toContain('whistle');
    expect(world.caseKinds(id)).not.toContain('department_did_not_report');
    expect(world.notices(id).filter((n) => n.text.includes('未在时限内报到'))).toEqual([]);
  });

  it('9. a backstop case (兜底): cannot solve at the district → the joint meeting plans, reviews it monthly until resolved, then it closes', async () => {
    // given: a major request of 滨河社区 handled by the natural resources bureau
    const t0 = await world.startScenario();
    const id = 'SQ-BACKSTOP';
    const pi = await world.collectValid(
      { requestId: id, townshipId: 'jiangbei', villageId: 'jiangbei-binhe', channel: 'door_to_door', summary: '滨河社区安置小区 120 户房产证多年未办理' },
      { listType: 'collective', domain: 'natural_resources', difficulty: 'major' },
    );
    await world.doTask(id, 'accept', {});

    // when: on day 20 the bureau cannot solve it: nothing is above the district
    await world.advance(20 * DAY);
    await world.doTask(id, 'handle-task', { outcome: 'cannot_solve', reason: '开发商破产,历史遗留问题' });
    const planTask = await world.waitForTask(id, 'backstop-plan');
    const entered = backstopCasesOf(world.db, id);
    // and the joint meeting makes its plan on day 25
    await world.pinTime(after(t0, 25));
    await world.workbench.planBackstop(id, '一案一策:区不动产登记中心分批办证,区财政兜底补缴税费');
    const resolveTask = await world.waitForTask(id, 'backstop-resolve');
    const resolveStarted = world.now();
    // and the clock runs three months: each month the joint meeting reviews it
    const reviews = [];
    for (const month of [1, 2, 3]) {
      await world.pinTime(monthsAfter(resolveStarted, month).getTime() + HOUR);
      reviews.push(await world.workbench.reviewBackstop(id, `第${month}次月度调度:推进中`));
    }
    const reviewsBeforeResolved = await world.ran(pi, 'monthly-review');
    // and two days after the third review the special team reports it resolved; the four sign
    await world.advance(2 * DAY);
    const resolvedAt = world.now();
    await world.workbench.resolveBackstop(id, '首批 120 户房产证已办结');
    await world.signAndAnswer(id, pi, true, '拿到房产证了');
    await world.waitForState(pi, 'COMPLETED');

    // then: the backstop case was opened when the district gave up, and the joint meeting heard of it
    expect(entered).toMatchObject([{ id: `BS-${id}-1`, enteredAt: after(t0, 20), plan: null, resolvedAt: null }]);
    expect(world.notices(id).filter((n) => n.text.includes('兜底')).map((n) => n.recipient).sort()).toEqual(['joint-meeting', ...world.supervisorIds()].sort());
    expect(planTask.candidateGroups).toEqual(['district:joint-meeting']);
    expect(resolveTask.candidateGroups).toEqual(['district:special-team']);
    // then: one review a month, three in three months, by the joint meeting
    expect(reviewsBeforeResolved).toBe(3);
    expect(reviews.map((t) => t.candidateGroups)).toEqual([['district:joint-meeting'], ['district:joint-meeting'], ['district:joint-meeting']]);
    const [bs] = backstopCasesOf(world.db, id);
    expect(bs).toMatchObject({
      plan: '一案一策:区不动产登记中心分批办证,区财政兜底补缴税费', plannedAt: after(t0, 25),
      resolvedAt, resolutionNote: '首批 120 户房产证已办结',
    });
    expect(bs!.reviews.map((r) => [r.seq, r.reviewedAt])).toEqual([1, 2, 3].map((m) => [m, new Date(monthsAfter(resolveStarted, m).getTime() + HOUR)]));
    expect(bs!.ledgerEntryId).toBe(ledgerHistory(world.db, id).entries[0]!.id);
    // then: no escalation (nothing above the district), closed and archived after the resolution
    expect(await world.ran(pi, 'escalate-ledger')).toBe(0);
    expect(await world.ran(pi, 'monthly-review')).toBe(3);
    expect(ledgerHistory(world.db, id)).toMatchObject({
      entries: [{ level: 'district', unitId: 'natural-resources-bureau', closedAt: resolvedAt, closeReason: 'closed' }],
      movements: [],
    });
    expect(getRequest(world.db, id)).toMatchObject({ status: 'archived', closedAt: resolvedAt });
    expect(signOffCheck(world.db, id, 1).complete).toBe(true);
    expect(world.caseKinds(id)).toEqual(expect.arrayContaining(['backstop_entered', 'backstop_plan', 'backstop_review', 'backstop_resolved', 'closed']));
  });
});
