// Paths of handle-at-level for returns (退单 → 改派 / 驳回) and extensions (延期), with the test
// acting as the job workers (outputs as workflows/README.md's contract says) and as staff (user
// tasks through the REST API v2), the engine's clock pinned. Each test starts handle-at-level
// directly with the inputs request-lifecycle's call activity gives it.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { DAY, HOUR, World, eventually, type UserTask } from './support.js';

const T0 = '2025-03-03T01:00:00Z';
const at = (days: number, hours = 0) => new Date(Date.parse(T0) + days * DAY + hours * HOUR).toISOString().replace('.000Z', 'Z');
/** a REST date (milliseconds shown) as the same instant in the form FEEL stores it */
const instant = (iso: string | undefined) => (iso === undefined ? undefined : new Date(iso).toISOString().replace('.000Z', 'Z'));

const VILLAGE = 'village:v-wuyi';
const OTHER_VILLAGE = 'village:v-shuanghe';

/** what request-lifecycle's call activity `handle` passes in for an easy request at the village */
const AT_VILLAGE = {
  requestId: 'REQ-2025-0042',
  townshipId: 't-jiangbei',
  villageId: 'v-wuyi',
  level: 'village',
  responsibleUnit: VILLAGE,
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

async function startAtVillage(): Promise<string> {
  return world.create('handle-at-level', AT_VILLAGE);
}

/** waits for a task of `elementId` other than the ones already seen */
async function nextTask(pi: string, elementId: string, seen: UserTask[] = []): Promise<UserTask> {
  return eventually(async () => {
    const tasks = (await world.openTasks(pi)).filter((t) => t.elementId === elementId && !seen.some((s) => s.userTaskKey === t.userTaskKey));
    return tasks[0];
  }, `a new open task ${elementId}`);
}

async function elementCount(pi: string, elementId: string): Promise<number> {
  return (await world.elementsRun(pi)).filter((id) => id === elementId).length;
}

describe('handle-at-level: returns (退单)', () => {
  it('accepting without a decision goes straight to handling, as before', async () => {
    // given
    const pi = await startAtVillage();
    // when
    const accept = await world.doTask(pi, 'accept', { handler: '王主任' });
    const [handle] = await world.waitTasks(pi, 'handle-task');
    // then
    expect(accept.candidateGroups).toEqual([VILLAGE]);
    expect(instant(handle!.dueDate)).toBe(at(15));
    expect(world.variables(pi)).toMatchObject({ decision: 'accept', handler: '王主任' });
    const ran = await world.elementsRun(pi);
    expect(ran).not.toContain('record-return');
    expect(ran).not.toContain('review-return');
    expect(await world.incidents(pi)).toEqual([]);
  });

  it('return → the special team re-dispatches: the new unit accepts, with a fresh time limit', async () => {
    // given
    const pi = await startAtVillage();
    // when the village returns it: not in its locality
    await world.doTask(pi, 'accept', { decision: 'return', returnReason: 'wrong_locality', returnNote: '该地块属双河村' });
    const record = await world.completeJob('suqiu.return.record', { returnId: '7' });
    const [review] = await world.waitTasks(pi, 'review-return');
    world.advance(1 * DAY);
    await world.completeTask(review!, { returnDecision: 'redispatch', redispatchTo: OTHER_VILLAGE, decisionNote: '经核实属双河村' });
    const redispatch = await world.completeJob('suqiu.return.redispatch', {
      responsibleUnit: OTHER_VILLAGE, responsibleUnitName: '双河村', level: 'village', ledgerEntryId: 'LEDGER-village-2',
    });
    const accept = await nextTask(pi, 'accept');
    await world.completeTask(accept, {});
    const [handle] = await world.waitTasks(pi, 'handle-task');
    // then the return carried its reason to the record and to the special team
    expect(record.variables).toMatchObject({ requestId: AT_VILLAGE.requestId, responsibleUnit: VILLAGE, level: 'village', returnReason: 'wrong_locality', returnNote: '该地块属双河村' });
    expect(review!.candidateGroups).toEqual(['district:special-team']);
    expect(instant(review!.dueDate)).toBe(at(1));
    expect(redispatch.variables).toMatchObject({ returnId: '7', redispatchTo: OTHER_VILLAGE, decisionNote: '经核实属双河村', responsibleUnit: VILLAGE, ledgerEntryId: 'LEDGER-village-1' });
    // and the new unit has it, with the full 15 days from the re-dispatch
    expect(accept.candidateGroups).toEqual([OTHER_VILLAGE]);
    expect(handle!.candidateGroups).toEqual([OTHER_VILLAGE]);
    expect(instant(handle!.dueDate)).toBe(at(16));
    expect(world.variables(pi)).toMatchObject({ responsibleUnit: OTHER_VILLAGE, ledgerEntryId: 'LEDGER-village-2', deadlines: { deadline: at(16), warnAt: at(13) } });
    expect(await elementCount(pi, 'compute-deadlines')).toBe(2);
    expect(await world.incidents(pi)).toEqual([]);
  });

  it('return → the special team rejects it: the same unit must accept, and may return it again', async () => {
    // given
    const pi = await startAtVillage();
    await world.doTask(pi, 'accept', { decision: 'return', returnReason: 'unclear_ownership' });
    await world.completeJob('suqiu.return.record', { returnId: '1' });
    // when the special team rejects the return
    await world.doTask(pi, 'review-return', { returnDecision: 'reject', decisionNote: '属本村职责,请受理' });
    const reject = await world.completeJob('suqiu.return.reject', {});
    const second = await nextTask(pi, 'accept');
    // then it is the same unit's to accept again, on the same deadline
    expect(reject.variables).toMatchObject({ returnId: '1', decisionNote: '属本村职责,请受理', responsibleUnit: VILLAGE });
    expect(second.candidateGroups).toEqual([VILLAGE]);
    expect(await world.noJob('suqiu.return.redispatch')).toBe(true);
    expect(await elementCount(pi, 'compute-deadlines')).toBe(1);

    // when it returns it once more, and the special team rejects again
    await world.completeTask(second, { decision: 'return', returnReason: 'other', returnNote: '人手不足' });
    const again = await world.completeJob('suqiu.return.record', { returnId: '2' });
    await world.doTask(pi, 'review-return', { returnDecision: 'reject' });
    const rejectAgain = await world.completeJob('suqiu.return.reject', {});
    // then the second review saw the second return's reason, and its own (empty) note
    expect(again.variables).toMatchObject({ returnReason: 'other', returnNote: '人手不足' });
    expect(rejectAgain.variables).toMatchObject({ returnId: '2', decisionNote: null });

    // when it finally accepts without saying a decision: the earlier returns do not stick
    const third = await nextTask(pi, 'accept', [second]);
    await world.completeTask(third, {});
    const [handle] = await world.waitTasks(pi, 'handle-task');
    // then it handles the request under the original deadline
    expect(instant(handle!.dueDate)).toBe(at(15));
    expect(world.variables(pi)).toMatchObject({ decision: 'accept', returnReason: null, returnNote: null });
    expect(await world.incidents(pi)).toEqual([]);
  });
});

describe('handle-at-level: extensions (延期)', () => {
  async function handling(pi: string): Promise<UserTask> {
    await world.doTask(pi, 'accept', {});
    const [handle] = await world.waitTasks(pi, 'handle-task');
    return handle!;
  }

  it('approved: the deadline moves, and the warning and overdue timers fire by the new dates, not the old', async () => {
    // given the village handles a 15-day request
    const pi = await startAtVillage();
    const first = await handling(pi);
    // when on day 5 it asks for 10 more days, and the leader in charge approves
    world.advance(5 * DAY);
    await world.completeTask(first, { outcome: 'extend', extensionDays: 10, extensionReason: '需等待供电公司停电检修' });
    const [approve] = await world.waitTasks(pi, 'approve-extension');
    await world.completeTask(approve!, { extensionApproved: true, extensionNote: '同意延期' });
    const grant = await world.completeJob('suqiu.extension.grant', {});
    const second = await nextTask(pi, 'handle-task', [first]);
    // then the leader in charge decided, and the new deadline is the old one plus 10 days
    expect(approve!.candidateGroups).toEqual([`${VILLAGE}:leader-in-charge`]);
    expect(instant(approve!.dueDate)).toBe(at(6));
    expect(grant.variables).toMatchObject({
      requestId: AT_VILLAGE.requestId,
      responsibleUnit: VILLAGE,
      extensionRequest: { days: 10, reason: '需等待供电公司停电检修', askedAt: at(5), deadline: at(15) },
      extensionNote: '同意延期',
      deadlines: { deadline: at(25), warnAt: at(22) },
    });
    expect(second.candidateGroups).toEqual([VILLAGE]);
    expect(instant(second.dueDate)).toBe(at(25));
    expect(await elementCount(pi, 'work')).toBe(2);

    // when the old dates pass: nothing fires
    world.advance(7 * DAY); // day 12: the old warning date
    expect(await world.noJob('suqiu.deadline.warn')).toBe(true);
    world.advance(3 * DAY); // day 15: the old deadline
    expect(await world.noJob('suqiu.deadline.mark-overdue')).toBe(true);
    world.advance(7 * DAY - HOUR); // just before day 22
    expect(await world.noJob('suqiu.deadline.warn')).toBe(true);
    // when the new dates come
    world.advance(HOUR); // day 22: 3 days before the new deadline
    const warn = await world.completeJob('suqiu.deadline.warn', {});
    world.advance(3 * DAY); // day 25
    const overdue = await world.completeJob('suqiu.deadline.mark-overdue', { overdue: true });
    // then each fired once, for the new deadline
    expect(warn.variables.deadlines).toEqual({ deadline: at(25), warnAt: at(22) });
    expect(overdue.variables.deadlines).toEqual({ deadline: at(25), warnAt: at(22) });
    expect(await world.noJob('suqiu.deadline.warn')).toBe(true);
    expect(await world.incidents(pi)).toEqual([]);
  });

  it('approved after the warning: it does not warn again until the new deadline is near', async () => {
    // given the warning for the old deadline went out on day 12
    const pi = await startAtVillage();
    const first = await handling(pi);
    world.advance(12 * DAY);
    await world.completeJob('suqiu.deadline.warn', {});
    // when on day 13 the unit asks for 10 days and it is approved
    world.advance(1 * DAY);
    await world.completeTask(first, { outcome: 'extend', extensionDays: 10, extensionReason: '待上级资金到位' });
    await world.doTask(pi, 'approve-extension', { extensionApproved: true });
    await world.completeJob('suqiu.extension.grant', {});
    const second = await nextTask(pi, 'handle-task', [first]);
    // then no second warning until day 22 (3 days before the new deadline, day 25)
    expect(instant(second.dueDate)).toBe(at(25));
    expect(await world.noJob('suqiu.deadline.warn')).toBe(true);
    world.advance(9 * DAY - HOUR);
    expect(await world.noJob('suqiu.deadline.warn')).toBe(true);
    world.advance(HOUR);
    const warn = await world.completeJob('suqiu.deadline.warn', {});
    expect(warn.variables.deadlines).toMatchObject({ deadline: at(25) });
    expect(await world.incidents(pi)).toEqual([]);
  });

  it('refused: the timers kept running while the leader decided, and go on unchanged (no second warning)', async () => {
    // given on day 11 the unit asks for more time
    const pi = await startAtVillage();
    const first = await handling(pi);
    world.advance(11 * DAY);
    await world.completeTask(first, { outcome: 'extend', extensionDays: 30, extensionReason: '工程量大' });
    const [approve] = await world.waitTasks(pi, 'approve-extension');
    // when the warning date passes while the leader has not decided
    world.advance(1 * DAY);
    const warn = await world.completeJob('suqiu.deadline.warn', {});
    // and the leader refuses
    await world.completeTask(approve!, { extensionApproved: false, extensionNote: '理由不充分,请按期办结' });
    const refuse = await world.completeJob('suqiu.extension.refuse', {});
    const second = await nextTask(pi, 'handle-task', [first]);
    // then the refusal is the leader's, and the unit handles on under the old deadline
    expect(warn.variables.deadlines).toEqual({ deadline: at(15), warnAt: at(12) });
    expect(refuse.elementId).toBe('record-extension-refusal');
    expect(refuse.variables).toMatchObject({ refusedBy: 'leader', extensionApproved: false, extensionNote: '理由不充分,请按期办结', extensionRequest: { days: 30, askedAt: at(11) } });
    expect(instant(second.dueDate)).toBe(at(15));
    expect(await elementCount(pi, 'work')).toBe(1);
    expect(await world.noJob('suqiu.extension.grant')).toBe(true);
    // when the old deadline comes: overdue, and no second warning
    world.advance(3 * DAY);
    await world.completeJob('suqiu.deadline.mark-overdue', { overdue: true });
    expect(await world.noJob('suqiu.deadline.warn')).toBe(true);
    // and the unit can still resolve it
    await world.completeTask(second, { outcome: 'resolved' });
    await eventually(() => world.state(pi) === 'COMPLETED', 'handling to end');
    expect(await world.incidents(pi)).toEqual([]);
  });

  it('asked after the deadline: refused by the rule, no leader asked, straight back to handling', async () => {
    // given the deadline (day 15) has passed
    const pi = await startAtVillage();
    const first = await handling(pi);
    world.advance(12 * DAY);
    await world.completeJob('suqiu.deadline.warn', {});
    world.advance(4 * DAY);
    await world.completeJob('suqiu.deadline.mark-overdue', { overdue: true });
    // when the unit asks for an extension on day 16
    await world.completeTask(first, { outcome: 'extend', extensionDays: 5, extensionReason: '仍需协调' });
    const refuse = await world.completeJob('suqiu.extension.refuse', {});
    const second = await nextTask(pi, 'handle-task', [first]);
    // then the rule refused it
    expect(refuse.elementId).toBe('refuse-late-extension');
    expect(refuse.variables).toMatchObject({ refusedBy: 'rule', extensionRequest: { days: 5, askedAt: at(16), deadline: at(15) } });
    expect(await elementCount(pi, 'approve-extension')).toBe(0);
    expect(instant(second.dueDate)).toBe(at(15));
    expect(await world.noJob('suqiu.deadline.warn')).toBe(true);
    expect(await world.incidents(pi)).toEqual([]);
  });
});
