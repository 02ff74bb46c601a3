// Scenarios of returns (退单 → 改派 / 驳回) and extensions (延期), end to end: the embedded engine,
// the real workers and the business store, the clock pinned, staff working through the REST
// user-task API. What each proves is listed in test/scenarios/README.md.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { caseFile } from '../../store/case-file.js';
import { extensionsOf } from '../../store/extensions.js';
import { ledgerHistory } from '../../store/ledger.js';
import { createRequest, getRequest } from '../../store/requests.js';
import { returnsOf, returnsPerUnit } from '../../store/returns.js';
import { DAY, HOUR, ScenarioWorld } from './world.js';

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

const HUANGLIANG = 'village:dingshan-huangliang';
const XINQIAO = 'village:dingshan-xinqiao';
const EASY = { listType: 'individual', domain: 'urban_rural_construction', difficulty: 'easy' } as const;

describe('returns and extensions', () => {
  it('R1. 属地不符: 黄梁村 returns it, the special team re-dispatches it to 新桥村, which handles it with a fresh 15 days', async () => {
    // given: a request recorded at 黄梁村, about a culvert that lies in 新桥村
    const t0 = await world.startScenario();
    const id = 'SQ-RETURN-REDISPATCH';
    const pi = await world.collectValid(
      { requestId: id, townshipId: 'dingshan', villageId: 'dingshan-huangliang', channel: 'hotline', summary: '两村交界处涵洞堵塞,雨天漫水' },
      EASY,
    );

    // when: 黄梁村 returns it the same day: not its locality
    const accept = await world.doTask(id, 'accept', { decision: 'return', returnReason: 'wrong_locality', returnNote: '涵洞位于新桥村三组' });
    // and the next day the special team re-dispatches it to 新桥村
    await world.advance(1 * DAY);
    const review = await world.doTask(id, 'review-return', { returnDecision: 'redispatch', redispatchTo: XINQIAO, decisionNote: '经核实涵洞属新桥村' });
    // and 新桥村 accepts it and clears the culvert three days later; the four sign, the citizen is satisfied
    const newAccept = await world.doTask(id, 'accept', {}, XINQIAO);
    const handle = await world.waitForTask(id, 'handle-task', XINQIAO);
    await world.advance(3 * DAY);
    await world.completeTask(handle, { outcome: 'resolved', resolutionNote: '已清淤' });
    const signatures = await world.signAndAnswer(id, pi, true);
    await world.waitForState(pi, 'COMPLETED');

    // then: the tasks went to 黄梁村, then the special team, then 新桥村 (with the full 15 days from the re-dispatch)
    expect(accept.candidateGroups).toEqual([HUANGLIANG]);
    expect(review.candidateGroups).toEqual(['district:special-team']);
    expect(newAccept.candidateGroups).toEqual([XINQIAO]);
    expect(Date.parse(handle.dueDate!)).toBe(after(t0, 16).getTime());
    expect(signatures.map((t) => t.candidateGroups[0])).toEqual([XINQIAO, XINQIAO, `${XINQIAO}:leader-in-charge`, `${XINQIAO}:main-leader`]);
    // and the store: the return, decided; the ledger moved to 新桥村 and closed there
    expect(returnsOf(world.db, id)).toMatchObject([
      { unitId: 'dingshan-huangliang', reason: 'wrong_locality', note: '涵洞位于新桥村三组', returnedAt: t0, decision: 'redispatched', redispatchedToUnitId: 'dingshan-xinqiao', decisionNote: '经核实涵洞属新桥村', decidedAt: after(t0, 1) },
    ]);
    const { entries, movements } = ledgerHistory(world.db, id);
    expect(entries.map((e) => [e.unitId, e.closedAt, e.closeReason])).toEqual([
      ['dingshan-huangliang', after(t0, 1), 'redispatched'],
      ['dingshan-xinqiao', after(t0, 4), 'closed'],
    ]);
    expect(movements).toMatchObject([{ fromUnitId: 'dingshan-huangliang', toUnitId: 'dingshan-xinqiao', movedAt: after(t0, 1) }]);
    expect(getRequest(world.db, id)).toMatchObject({ responsibleUnitId: 'dingshan-xinqiao', level: 'village', deadline: after(t0, 16), status: 'archived', overdueAt: null });
    expect(world.caseKinds(id).slice(0, 7)).toEqual(['received', 'registered', 'assessed', 'ledger_opened', 'returned', 'ledger_opened', 'redispatched']);
    // and the special team was asked, both villages told; the return counts against 黄梁村
    const notices = world.notices(id);
    expect(notices.filter((n) => n.recipient === 'special-team').map((n) => n.text)).toEqual([expect.stringContaining('属地不符')]);
    expect(notices.some((n) => n.recipient === 'dingshan-xinqiao' && n.text.includes('改派'))).toBe(true);
    expect(notices.some((n) => n.recipient === 'dingshan-huangliang' && n.text.includes('改派'))).toBe(true);
    expect(returnsPerUnit(world.db, { from: t0, to: after(t0, 1) })).toEqual([
      { unitId: 'dingshan-huangliang', unitName: expect.stringContaining('黄梁村'), returns: 1, redispatched: 1, rejected: 0, pending: 0 },
    ]);
    expect(await world.ran(pi, 'compute-deadlines')).toBe(2);
  });

  it('R2. 权属不清 rejected: the special team finds it is 黄梁村\'s; 黄梁村 must accept it, on its original deadline', async () => {
    // given
    const t0 = await world.startScenario();
    const id = 'SQ-RETURN-REJECTED';
    await world.collectValid({ requestId: id, townshipId: 'dingshan', villageId: 'dingshan-huangliang', channel: 'door_to_door', summary: '村道旁集体林木倒伏压坏围墙' }, EASY);

    // when: 黄梁村 returns it, the special team rejects the return two hours later
    await world.doTask(id, 'accept', { decision: 'return', returnReason: 'unclear_ownership' });
    await world.advance(2 * HOUR);
    await world.doTask(id, 'review-return', { returnDecision: 'reject', decisionNote: '林木属黄梁村集体所有,请受理' });
    // and 黄梁村 accepts it
    const again = await world.doTask(id, 'accept', { handler: '网格员' }, HUANGLIANG);
    const handle = await world.waitForTask(id, 'handle-task');

    // then: it stayed with 黄梁村, nothing moved, the clock did not restart
    expect(again.candidateGroups).toEqual([HUANGLIANG]);
    expect(Date.parse(handle.dueDate!)).toBe(after(t0, 15).getTime());
    expect(returnsOf(world.db, id)).toMatchObject([{ reason: 'unclear_ownership', note: null, decision: 'rejected', decisionNote: '林木属黄梁村集体所有,请受理', redispatchedToUnitId: null }]);
    expect(ledgerHistory(world.db, id)).toMatchObject({ entries: [{ unitId: 'dingshan-huangliang', closedAt: null }], movements: [] });
    expect(world.caseKinds(id)).toEqual(['received', 'registered', 'assessed', 'ledger_opened', 'returned', 'return_rejected']);
    expect(world.notices(id).filter((n) => n.recipient === 'dingshan-huangliang').map((n) => n.text)).toEqual([expect.stringContaining('驳回')]);
    expect(getRequest(world.db, id)?.responsibleUnitId).toBe('dingshan-huangliang');
  });

  it('E1. an extension asked on day 5 and approved: the deadline moves 10 days, the citizen gets an SMS, the warning comes by the new date', async () => {
    // given: a request whose citizen left a phone number
    const t0 = await world.startScenario();
    const id = 'SQ-EXTENDED';
    createRequest(world.db, {
      id, channel: 'hotline', text: '黄梁村二组变压器老化,电压不稳', location: { townshipId: 'dingshan', villageId: 'dingshan-huangliang' },
      citizen: { name: '李大爷', phone: '13900000042' }, createdAt: t0,
    });
    const pi = await world.collectValid({ requestId: id, townshipId: 'dingshan', villageId: 'dingshan-huangliang', channel: 'hotline', summary: '黄梁村二组变压器老化,电压不稳' }, EASY);
    await world.doTask(id, 'accept', {});

    // when: on day 5 the village asks for 10 more days; the leader in charge approves the same day
    await world.advance(5 * DAY);
    const first = await world.doTask(id, 'handle-task', { outcome: 'extend', extensionDays: 10, extensionReason: '需供电公司停电更换变压器' });
    const approve = await world.doTask(id, 'approve-extension', { extensionApproved: true, extensionNote: '同意延期 10 天' });
    const second = await world.waitForTask(id, 'handle-task');
    // and the old warning date (day 12) and the old deadline (day 15) pass
    await world.pinTime(after(t0, 15, 1));
    await world.settled();
    const byOldDates = world.caseKinds(id);
    // and the new warning date (day 22) comes
    await world.pinTime(after(t0, 22));
    await world.settled();

    // then: the leader in charge decided; the unit handles on under the new deadline
    expect(approve.candidateGroups).toEqual([`${HUANGLIANG}:leader-in-charge`]);
    expect(second.userTaskKey).not.toBe(first.userTaskKey);
    expect(Date.parse(second.dueDate!)).toBe(after(t0, 25).getTime());
    expect(extensionsOf(world.db, id)).toMatchObject([
      { unitId: 'dingshan-huangliang', days: 10, reason: '需供电公司停电更换变压器', requestedAt: after(t0, 5), oldDeadline: after(t0, 15), approved: true, newDeadline: after(t0, 25), decisionNote: '同意延期 10 天', decidedAt: after(t0, 5) },
    ]);
    expect(getRequest(world.db, id)).toMatchObject({ deadline: after(t0, 25), timeLimitDays: 15, overdueAt: null });
    // and the citizen was told by SMS, without the unit's reason
    const sms = world.notices(id).filter((n) => n.channel === 'sms');
    expect(sms).toHaveLength(1);
    expect(sms[0]).toMatchObject({ recipient: '13900000042' });
    expect(sms[0]!.text).toContain('延长 10 天');
    // and nothing fired by the old dates; the warning came on day 22
    expect(byOldDates).not.toContain('deadline_warning');
    expect(byOldDates).not.toContain('overdue');
    expect(caseFile(world.db, id).filter((e) => e.kind === 'deadline_warning').map((e) => e.at)).toEqual([after(t0, 22)]);
    expect(world.caseKinds(id)).toContain('extension_granted');
    expect(await world.ran(pi, 'work')).toBe(2);
  });

  it('E2. an extension asked after the deadline is refused by the rule; the leader is never asked', async () => {
    // given: 黄梁村 lets the 15-day deadline pass
    const t0 = await world.startScenario();
    const id = 'SQ-TOO-LATE';
    const pi = await world.collectValid({ requestId: id, townshipId: 'dingshan', villageId: 'dingshan-huangliang', channel: 'walk_in', summary: '黄梁村活动室屋顶漏雨' }, EASY);
    await world.doTask(id, 'accept', {});
    await world.pinTime(after(t0, 15));
    await world.pinTime(after(t0, 16));

    // when: on day 16 it asks for 5 more days
    await world.doTask(id, 'handle-task', { outcome: 'extend', extensionDays: 5, extensionReason: '材料未到' });
    const back = await world.waitForTask(id, 'handle-task');
    await world.settled();

    // then: refused by the rule, recorded, the unit told; it is still overdue and still the unit's to handle
    expect(extensionsOf(world.db, id)).toMatchObject([{ days: 5, requestedAt: after(t0, 16), oldDeadline: after(t0, 15), approved: false, newDeadline: null }]);
    expect(extensionsOf(world.db, id)[0]!.decisionNote).toContain('期限已届满');
    expect(caseFile(world.db, id).find((e) => e.kind === 'extension_refused')?.detail).toMatchObject({ refusedBy: 'rule' });
    expect(world.notices(id).some((n) => n.recipient === 'dingshan-huangliang' && n.text.includes('届满前提出'))).toBe(true);
    expect(await world.ran(pi, 'approve-extension')).toBe(0);
    expect(Date.parse(back.dueDate!)).toBe(after(t0, 15).getTime());
    expect(getRequest(world.db, id)).toMatchObject({ deadline: after(t0, 15), overdueAt: after(t0, 15) });
  });
});
