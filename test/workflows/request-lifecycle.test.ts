// Paths through the request rules (request-lifecycle → handle-at-level → joint-handling), with the
// test acting as the job workers (outputs as workflows/README.md's contract says) and as staff
// (user tasks through the REST API v2), the engine's clock pinned.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { DAY, HOUR, World, eventually } from './support.js';

const T0 = '2025-03-03T01:00:00Z';
const at = (days: number, hours = 0) => new Date(Date.parse(T0) + days * DAY + hours * HOUR).toISOString().replace('.000Z', 'Z');
/** a REST date (milliseconds shown) as the same instant in the form FEEL stores it */
const instant = (iso: string | undefined) => (iso === undefined ? undefined : new Date(iso).toISOString().replace('.000Z', 'Z'));

const REQUEST = {
  requestId: 'REQ-2025-0001',
  townshipId: 't-jiangbei',
  villageId: 'v-wuyi',
  channel: 'door_to_door',
  summary: '梁家垭新居点污水管道破损致污水横流',
};

let world: World;

beforeEach(async () => {
  world = await World.start(['request-lifecycle', 'handle-at-level', 'joint-handling'], T0);
});

afterEach(async () => {
  await world?.stop();
});

// --- the workers' side of the contract -----------------------------------------------------------

const UNIT_OF: Record<string, string> = {
  village: `village:${REQUEST.villageId}`,
  township: `township:${REQUEST.townshipId}`,
  district: 'department:water-bureau',
};

/** registration through ledger entry: everything before handle-at-level, for a valid request */
async function registerAndRoute(difficulty: 'easy' | 'hard' | 'major', extra: Record<string, unknown> = {}): Promise<string> {
  const pi = await world.create('request-lifecycle', REQUEST);
  await world.completeJob('suqiu.request.register', { registeredAt: at(0) });
  await world.doTask(pi, 'screen', { valid: true, screeningNote: '属实' });
  await world.completeJob('suqiu.assessment.suggest', { suggestion: { listType: 'collective', domain: 'urban_rural_construction', difficulty } });
  await world.doTask(pi, 'assess', { listType: 'collective', domain: 'urban_rural_construction', difficulty, ...extra });
  await world.completeJob('suqiu.routing.resolve-unit', (job) => ({
    responsibleUnit: UNIT_OF[job.variables.level], responsibleUnitName: `${job.variables.level} unit`,
  }));
  await world.completeJob('suqiu.ledger.open', (job) => ({ ledgerEntryId: `LEDGER-${job.variables.level}-1` }));
  return pi;
}

async function signAll(pi: string, signed: Partial<Record<string, boolean>> = {}) {
  for (const id of ['sign-citizen', 'sign-handler', 'sign-leader-in-charge', 'sign-main-leader']) {
    await world.doTask(pi, id, { signed: signed[id] ?? true });
  }
}

async function closeAndAsk() {
  await world.completeJob('suqiu.ledger.close', { closedAt: new Date(world.now()).toISOString() });
  await world.completeJob('suqiu.followup.ask', { followUpAskedAt: new Date(world.now()).toISOString() });
}

async function archiveAndPublish() {
  await world.completeJob('suqiu.casefile.archive', { caseFileId: 'CASE-1' });
  await world.completeJob('suqiu.board.update', {});
}

async function expectCompleted(pi: string) {
  await eventually(() => world.state(pi) === 'COMPLETED', `instance ${pi} to complete`);
  expect(await world.incidents(pi)).toEqual([]);
}

// ---------------------------------------------------------------------------------------------------

describe('request-lifecycle', () => {
  it('an invalid request is explained by the village and closed as invalid', async () => {
    // given
    const pi = await world.create('request-lifecycle', REQUEST);
    await world.completeJob('suqiu.request.register', { registeredAt: at(0) });
    const [screen] = await world.waitTasks(pi, 'screen');
    expect(screen!.candidateGroups).toEqual(['township:t-jiangbei']);
    expect(instant(screen!.dueDate)).toBe(at(3));
    // when
    await world.completeTask(screen!, { valid: false, screeningNote: '重复反映' });
    const explain = await world.doTask(pi, 'explain-invalid', { explanationNote: '已当面解释' });
    const close = await world.completeJob('suqiu.request.close-invalid', { closedAt: at(0) });
    // then
    expect(explain.candidateGroups).toEqual(['village:v-wuyi']);
    expect(close.variables).toMatchObject({ requestId: 'REQ-2025-0001', screeningNote: '重复反映', explanationNote: '已当面解释' });
    await expectCompleted(pi);
    const ran = await world.elementsRun(pi);
    expect(ran).toContain('closed-invalid');
    expect(ran).not.toContain('suggest-assessment');
  });

  it('an easy request is handled at the village and closed with four signatures', async () => {
    // given
    const pi = await registerAndRoute('easy');
    expect(world.variables(pi)).toMatchObject({ level: 'village', timeLimitDays: 15, responsibleUnit: 'village:v-wuyi', ledgerEntryId: 'LEDGER-village-1' });
    // when
    const accept = await world.doTask(pi, 'accept', { handler: '王主任' });
    const handle = await world.doTask(pi, 'handle-task', { outcome: 'resolved', resolutionNote: '已派人修复管道' });
    const signatures = await Promise.all(
      ['sign-citizen', 'sign-handler', 'sign-leader-in-charge', 'sign-main-leader'].map((id) => world.waitTasks(pi, id).then((t) => t[0]!)),
    );
    await signAll(pi);
    const close = await world.completeJob('suqiu.ledger.close', { closedAt: at(1) });
    await world.completeJob('suqiu.followup.ask', { followUpAskedAt: at(1) });
    await world.publish('satisfaction-answered', REQUEST.requestId, { satisfied: true, feedback: '满意' });
    const answer = await world.completeJob('suqiu.followup.record-answer', {});
    await archiveAndPublish();
    // then
    expect(accept.candidateGroups).toEqual(['village:v-wuyi']);
    expect(handle.candidateGroups).toEqual(['village:v-wuyi']);
    expect(instant(handle.dueDate)).toBe(at(15));
    expect(signatures.map((t) => t.candidateGroups)).toEqual([
      ['village:v-wuyi'], ['village:v-wuyi'], ['village:v-wuyi:leader-in-charge'], ['village:v-wuyi:main-leader'],
    ]);
    expect(close.variables).toMatchObject({
      ledgerEntryId: 'LEDGER-village-1', citizenSigned: true, handlerSigned: true, leaderInChargeSigned: true, mainLeaderSigned: true,
    });
    expect(answer.variables).toMatchObject({ satisfied: true, feedback: '满意' });
    await expectCompleted(pi);
    expect(await world.calledInstances(pi, 'handle-at-level')).toHaveLength(1);
  });

  it('the level and time limit are FEEL rules: hard → township with the assessment\'s 60 days; major → district, 90 days', async () => {
    // given a hard request whose assessment chose 60 days
    const hard = await registerAndRoute('hard', { timeLimitChoice: 60 });
    // then
    expect(world.variables(hard)).toMatchObject({ level: 'township', timeLimitDays: 60, responsibleUnit: 'township:t-jiangbei' });
    const [handle] = await (async () => {
      await world.doTask(hard, 'accept', {});
      return world.waitTasks(hard, 'handle-task');
    })();
    expect(instant(handle!.dueDate)).toBe(at(60));
    await world.running.engine.cancelProcessInstance(Number(hard));

    // given a major request with no choice
    const major = await registerAndRoute('major');
    expect(world.variables(major)).toMatchObject({ level: 'district', timeLimitDays: 90, responsibleUnit: 'department:water-bureau' });
  });

  it('no answer to the satisfaction follow-up within 7 days is recorded as no response', async () => {
    // given
    const pi = await registerAndRoute('easy');
    await world.doTask(pi, 'accept', {});
    await world.doTask(pi, 'handle-task', { outcome: 'resolved' });
    await signAll(pi);
    await closeAndAsk();
    await eventually(async () => (await world.elementsRun(pi)).includes('await-answer'), 'the follow-up race');
    // when: six days pass: nothing yet
    world.advance(6 * DAY);
    expect(await world.noJob('suqiu.followup.record-no-response')).toBe(true);
    // when: the seventh day passes
    world.advance(1 * DAY);
    const noResponse = await world.completeJob('suqiu.followup.record-no-response', { satisfaction: 'no_response' });
    await archiveAndPublish();
    // then
    expect(noResponse.variables.requestId).toBe(REQUEST.requestId);
    await expectCompleted(pi);
    const ran = await world.elementsRun(pi);
    expect(ran).not.toContain('record-answer');
    expect(ran).not.toContain('count-rehandling');
  });

  it('a village request that goes overdue gets a warning, then is marked overdue, and the unit keeps working', async () => {
    // given
    const pi = await registerAndRoute('easy');
    await world.doTask(pi, 'accept', {});
    const [handle] = await world.waitTasks(pi, 'handle-task');
    // when: 11 days: no warning yet; day 12 (3 days before the 15-day limit): the warning
    world.advance(11 * DAY);
    expect(await world.noJob('suqiu.deadline.warn')).toBe(true);
    world.advance(1 * DAY);
    const warn = await world.completeJob('suqiu.deadline.warn', {});
    expect(await world.noJob('suqiu.deadline.mark-overdue')).toBe(true);
    // when: day 15: overdue
    world.advance(3 * DAY);
    const overdue = await world.completeJob('suqiu.deadline.mark-overdue', { overdue: true });
    // then: the same handling task is still open, and the work goes on to closure
    expect(warn.variables).toMatchObject({ requestId: REQUEST.requestId, responsibleUnit: 'village:v-wuyi', deadlines: { deadline: at(15), warnAt: at(12) } });
    expect(overdue.variables.ledgerEntryId).toBe('LEDGER-village-1');
    const stillOpen = await world.waitTasks(pi, 'handle-task');
    expect(stillOpen.map((t) => t.userTaskKey)).toEqual([handle!.userTaskKey]);
    await world.completeTask(handle!, { outcome: 'resolved' });
    await world.waitTasks(pi, 'sign-citizen');
    expect(await world.noJob('suqiu.deadline.warn')).toBe(true);
  });

  it('cannot solve at the village: the ledger entry moves up and the township handles it', async () => {
    // given
    const pi = await registerAndRoute('easy');
    await world.doTask(pi, 'accept', {});
    // when
    await world.doTask(pi, 'handle-task', { outcome: 'cannot_solve', reason: '需跨部门协调' });
    const escalate = await world.completeJob('suqiu.ledger.escalate', { level: 'township', responsibleUnit: 'township:t-jiangbei', ledgerEntryId: 'LEDGER-township-1' });
    const [accept] = await world.waitTasks(pi, 'accept');
    // then
    expect(escalate.variables).toMatchObject({ level: 'village', responsibleUnit: 'village:v-wuyi', ledgerEntryId: 'LEDGER-village-1' });
    const calls = await world.calledInstances(pi, 'handle-at-level');
    expect(calls).toHaveLength(2);
    expect(world.state(calls[0]!.processInstanceKey)).toBe('TERMINATED');
    expect(world.state(calls[1]!.processInstanceKey)).toBe('ACTIVE');
    expect(world.variables(calls[1]!.processInstanceKey)).toMatchObject({ level: 'township', responsibleUnit: 'township:t-jiangbei' });
    expect(accept!.candidateGroups).toEqual(['township:t-jiangbei']);
    expect(accept!.processInstanceKey).toBe(calls[1]!.processInstanceKey);
    expect(await world.incidents(pi)).toEqual([]);
  });

  it('cannot solve at the district: the request enters the backstop, reviewed monthly until resolved', async () => {
    // given
    const pi = await registerAndRoute('major');
    await world.doTask(pi, 'accept', {});
    // when
    await world.doTask(pi, 'handle-task', { outcome: 'cannot_solve' });
    await world.completeJob('suqiu.backstop.enter', { backstopCaseId: 'BACKSTOP-1' });
    const plan = await world.doTask(pi, 'backstop-plan', { plan: '一案一策: 区财政安排专项资金' });
    const [resolve] = await world.waitTasks(pi, 'backstop-resolve');
    world.advance(31 * DAY);
    const [review1] = await world.waitTasks(pi, 'monthly-review');
    await world.completeTask(review1!, { reviewNote: '资金已到位' });
    world.advance(31 * DAY);
    await world.waitTasks(pi, 'monthly-review');
    await world.completeTask(resolve!, {});
    // then
    expect(await world.noJob('suqiu.ledger.escalate')).toBe(true);
    expect(plan.candidateGroups).toEqual(['district:joint-meeting']);
    expect(resolve!.candidateGroups).toEqual(['district:special-team']);
    await world.waitTasks(pi, 'sign-main-leader');
  });

  it('joint handling: a department that does not report in time is recorded, and the work goes on', async () => {
    // given a hard request, handled by the township
    const pi = await registerAndRoute('hard');
    await world.doTask(pi, 'accept', {});
    await world.doTask(pi, 'handle-task', { outcome: 'joint' });
    // when the township blows the whistle
    const name = await world.doTask(pi, 'name-departments', {
      departments: [
        { unit: 'department:water-bureau', task: '修复污水管道' },
        { unit: 'department:housing-bureau', task: '评估新居点排水设计' },
      ],
    });
    const reports = await world.waitTasks(pi, 'report', 2);
    const water = reports.find((t) => t.candidateGroups[0] === 'department:water-bureau')!;
    const housing = reports.find((t) => t.candidateGroups[0] === 'department:housing-bureau')!;
    await world.completeTask(water, {});
    world.advance(23 * HOUR);
    expect(await world.noJob('suqiu.joint.record-non-report')).toBe(true);
    world.advance(2 * HOUR);
    const nonReport = await world.completeJob('suqiu.joint.record-non-report', {});
    // the late department still reports and both contribute
    await world.completeTask(housing, {});
    const contributions = await world.waitTasks(pi, 'contribute', 2);
    for (const t of contributions) await world.completeTask(t, { contribution: `${t.candidateGroups[0]} 已完成` });
    const consolidate = await world.doTask(pi, 'consolidate', { jointSummary: '污水管道已修复' });
    // then
    expect(name.candidateGroups).toEqual(['township:t-jiangbei']);
    expect(instant(housing.dueDate)).toBe(at(1));
    expect(nonReport.variables).toMatchObject({ requestId: REQUEST.requestId, townshipId: 't-jiangbei', department: { unit: 'department:housing-bureau' } });
    expect(await world.noJob('suqiu.joint.record-non-report')).toBe(true);
    expect(consolidate.candidateGroups).toEqual(['township:t-jiangbei']);
    const [joint] = await world.calledInstances(pi, 'joint-handling');
    expect(world.variables(joint!.processInstanceKey).contributions).toEqual([
      { department: 'department:water-bureau', contribution: 'department:water-bureau 已完成' },
      { department: 'department:housing-bureau', contribution: 'department:housing-bureau 已完成' },
    ]);
    // back to the handler, who resolves it
    await world.doTask(pi, 'handle-task', { outcome: 'resolved' });
    await world.waitTasks(pi, 'sign-citizen');
    expect(await world.incidents(pi)).toEqual([]);
  });

  it('staged measures: one task per milestone, each with its own due date, then resolved', async () => {
    // given
    const pi = await registerAndRoute('easy');
    await world.doTask(pi, 'accept', {});
    // when
    await world.doTask(pi, 'handle-task', {
      outcome: 'staged',
      milestones: [{ title: '临时疏通', dueDate: at(5) }, { title: '更换管道', dueDate: at(40) }],
    });
    const [first] = await world.waitTasks(pi, 'staged-measures');
    await world.completeTask(first!, {});
    const [second] = await eventually(async () => {
      const tasks = await world.waitTasks(pi, 'staged-measures');
      return tasks[0]!.userTaskKey !== first!.userTaskKey ? tasks : undefined;
    }, 'the second milestone');
    await world.completeTask(second!, {});
    // then
    expect([instant(first!.dueDate), instant(second!.dueDate)]).toEqual([at(5), at(40)]);
    await world.waitTasks(pi, 'sign-citizen');
  });

  it('a missing signature means it cannot close: back to handling at the same level, then sign again', async () => {
    // given
    const pi = await registerAndRoute('easy');
    await world.doTask(pi, 'accept', {});
    await world.doTask(pi, 'handle-task', { outcome: 'resolved' });
    // when the citizen does not sign
    await signAll(pi, { 'sign-citizen': false });
    // then it is handled again at the village, not closed
    await eventually(async () => (await world.calledInstances(pi, 'handle-at-level')).length === 2, 'a second handle-at-level');
    expect(await world.noJob('suqiu.ledger.close')).toBe(true);
    const calls = await world.calledInstances(pi, 'handle-at-level');
    expect(world.variables(calls[1]!.processInstanceKey)).toMatchObject({ level: 'village' });
    await world.doTask(pi, 'accept', {});
    await world.doTask(pi, 'handle-task', { outcome: 'resolved' });
    await signAll(pi);
    const close = await world.completeJob('suqiu.ledger.close', { closedAt: at(0) });
    expect(close.variables.citizenSigned).toBe(true);
  });

  it('unsatisfied: re-handled at the same level; a second refusal moves it up a level', async () => {
    // given
    const pi = await registerAndRoute('easy');
    await world.doTask(pi, 'accept', {});
    await world.doTask(pi, 'handle-task', { outcome: 'resolved' });
    await signAll(pi);
    await closeAndAsk();
    // when the citizen is unsatisfied
    await world.publish('satisfaction-answered', REQUEST.requestId, { satisfied: false, feedback: '污水仍在外溢' });
    await world.completeJob('suqiu.followup.record-answer', {});
    const first = await world.completeJob('suqiu.ledger.count-rehandling', { reHandleCount: 1 });
    // then: handled again at the village, no escalation
    const [accept] = await world.waitTasks(pi, 'accept');
    expect(first.variables).toMatchObject({ satisfied: false, level: 'village' });
    expect(accept!.candidateGroups).toEqual(['village:v-wuyi']);
    expect(await world.noJob('suqiu.ledger.escalate')).toBe(true);
    const calls = await world.calledInstances(pi, 'handle-at-level');
    expect(calls).toHaveLength(2);
    expect(world.variables(calls[1]!.processInstanceKey)).toMatchObject({ level: 'village' });

    // when it is refused a second time
    await world.completeTask(accept!, {});
    await world.doTask(pi, 'handle-task', { outcome: 'resolved' });
    await signAll(pi);
    await closeAndAsk();
    await world.publish('satisfaction-answered', REQUEST.requestId, { satisfied: false });
    await world.completeJob('suqiu.followup.record-answer', {});
    await world.completeJob('suqiu.ledger.count-rehandling', { reHandleCount: 2 });
    // then the ledger entry moves up to the township
    const escalate = await world.completeJob('suqiu.ledger.escalate', { level: 'township', responsibleUnit: 'township:t-jiangbei', ledgerEntryId: 'LEDGER-township-1' });
    expect(escalate.variables).toMatchObject({ level: 'village', reHandleCount: 2 });
    const [townshipAccept] = await world.waitTasks(pi, 'accept');
    expect(townshipAccept!.candidateGroups).toEqual(['township:t-jiangbei']);
    expect(await world.incidents(pi)).toEqual([]);
  });
});
