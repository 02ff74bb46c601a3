// Scenarios at the village (村/社区) level, end to end: the embedded engine, the real workers and
// the business store, the clock pinned, staff working through the REST user-task API. What each
// proves is listed in test/scenarios/README.md.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { caseFile } from '../../store/case-file.js';
import { studyFigures } from '../../store/figures.js';
import { followUpsOf, rehandlingCount } from '../../store/follow-ups.js';
import { ledgerHistory } from '../../store/ledger.js';
import { ranking, unitCounts } from '../../store/rankings.js';
import { publicBoard } from '../../store/board.js';
import { getRequest } from '../../store/requests.js';
import { signOffCheck, signOffsOf } from '../../store/sign-offs.js';
import { DAY, ScenarioWorld, eventually } from './world.js';

// the red/black shares supervision-cycle's 督办规则 gives today (the diagram's rule; here the test's input)
const TEN_PERCENT = { red: 0.1, black: 0.1 };

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


describe('village scenarios', () => {
  it('1. the streetlight (路灯): easy → 黄梁村, closed within 15 days with four signatures, satisfied, archived, on the public board', async () => {
    // given: a villager of 黄梁村 tells the door-to-door team that the new settlement's streetlights are out
    const t0 = await world.startScenario();
    const id = 'SQ-LIGHT';
    const pi = await world.createRequest({
      requestId: id, townshipId: 'dingshan', villageId: 'dingshan-huangliang', channel: 'door_to_door',
      summary: '黄梁村二组黄梁垭新居点部分路灯损坏,出现闪烁或不亮,晚上出行不方便',
    });

    // when: 鼎山镇 screens it valid, the special team assesses it as easy
    const screen = await world.doTask(id, 'screen', { valid: true, screeningNote: '经核实,诉求属实' });
    const assess = await world.doTask(id, 'assess', { listType: 'collective', domain: 'urban_rural_construction', difficulty: 'easy' });
    // and 黄梁村 accepts it, replaces the lights five days later, the four sign and the citizen is satisfied
    const accept = await world.doTask(id, 'accept', { handler: '网格员' });
    await world.advance(5 * DAY);
    const handle = await world.doTask(id, 'handle-task', { outcome: 'resolved', resolutionNote: '已更换损坏路灯 6 盏' });
    const signatures = await world.signAndAnswer(id, pi, true, '路灯亮了,满意');
    await world.waitForState(pi, 'COMPLETED');

    // then: routed to the village with 15 days, the tasks offered to the right groups
    expect(screen.candidateGroups).toEqual(['township:dingshan']);
    expect(assess.candidateGroups).toEqual(['district:special-team']);
    expect(accept.candidateGroups).toEqual(['village:dingshan-huangliang']);
    expect(Date.parse(handle.dueDate!)).toBe(after(t0, 15).getTime());
    expect(signatures.map((t) => t.candidateGroups[0])).toEqual([
      'village:dingshan-huangliang', 'village:dingshan-huangliang', 'village:dingshan-huangliang:leader-in-charge', 'village:dingshan-huangliang:main-leader',
    ]);
    // and the store: closed on day 5 of 15, never overdue, archived
    expect(getRequest(world.db, id)).toMatchObject({
      status: 'archived', level: 'village', responsibleUnitId: 'dingshan-huangliang', timeLimitDays: 15,
      createdAt: t0, deadline: after(t0, 15), closedAt: after(t0, 5), overdueAt: null, processInstanceKey: pi,
    });
    const { entries, movements } = ledgerHistory(world.db, id);
    expect(entries).toMatchObject([{ level: 'village', unitId: 'dingshan-huangliang', openedAt: t0, closedAt: after(t0, 5), closeReason: 'closed' }]);
    expect(movements).toEqual([]);
    // (four people: the citizen with the lookup code, the village's handler, leader in charge and main leader by login)
    expect(signOffsOf(world.db, id).map((s) => [s.round, s.role, s.signerStaffId, s.method, s.signedAt])).toEqual([
      [1, 'citizen', null, 'lookup_code', after(t0, 5)],
      [1, 'handler', 'dingshan-huangliang-staff-2', 'login', after(t0, 5)],
      [1, 'leader_in_charge', 'dingshan-huangliang-staff-3', 'login', after(t0, 5)],
      [1, 'main_leader', 'dingshan-huangliang-staff-1', 'login', after(t0, 5)],
    ]);
    expect(followUpsOf(world.db, id)).toMatchObject([{ round: 1, outcome: 'satisfied', level: 'village', note: '路灯亮了,满意' }]);
    expect(world.caseKinds(id)).toEqual([
      'received', 'registered', 'assessed', 'ledger_opened',
      'signed', 'signed', 'signed', 'signed', 'signed_off', 'closed', 'follow_up_asked', 'follow_up', 'archived', 'published',
    ]);
    // and the public board shows it archived, without the citizen
    expect(publicBoard(world.db).find((l) => l.id === id)).toMatchObject({
      township: '鼎山镇', village: '黄梁村', responsibleUnit: '黄梁村', level: 'village', status: 'archived', overdue: false, closedAt: after(t0, 5),
    });
    // and the engine: the happy path, no deadline warning, one handling
    expect(await world.ran(pi, 'request-done')).toBe(1);
    expect(await world.ran(pi, 'handle')).toBe(1);
    expect(await world.ran(pi, 'deadline-warning')).toBe(0);
  });

  it('4. an invalid request: 鼎山镇 screens it out, 石门村 explains to the citizen, closed as invalid and kept off the board', async () => {
    // given
    const t0 = await world.startScenario();
    const id = 'SQ-INVALID';
    const pi = await world.createRequest({
      requestId: id, townshipId: 'dingshan', villageId: 'dingshan-shimen', channel: 'mailbox',
      summary: '要求村里替其偿还个人网贷欠款',
    });

    // when: the township finds it is not a request the sweep handles; the next day the village explains
    const screen = await world.doTask(id, 'screen', { valid: false, screeningNote: '个人债务纠纷,不属于诉求办理范围' });
    await world.advance(1 * DAY);
    const explain = await world.doTask(id, 'explain-invalid', { explanationNote: '已上门当面解释,并告知可通过法律途径解决' });
    await world.waitForState(pi, 'COMPLETED');

    // then: the village explained it, and it is closed as invalid: no level, no ledger
    expect(screen.candidateGroups).toEqual(['township:dingshan']);
    expect(explain.candidateGroups).toEqual(['village:dingshan-shimen']);
    expect(getRequest(world.db, id)).toMatchObject({ status: 'invalid', level: null, responsibleUnitId: null, closedAt: after(t0, 1) });
    expect(ledgerHistory(world.db, id).entries).toEqual([]);
    expect(world.caseKinds(id)).toEqual(['received', 'registered', 'explained_invalid', 'invalid']);
    expect(caseFile(world.db, id).find((e) => e.kind === 'explained_invalid')?.detail).toEqual({
      screeningNote: '个人债务纠纷,不属于诉求办理范围', explanationNote: '已上门当面解释,并告知可通过法律途径解决',
    });
    expect(publicBoard(world.db).map((l) => l.id)).not.toContain(id);
    expect(studyFigures(world.db).invalid).toBe(1);
    // and the engine ended at 已按无效诉求关闭 without assessing it
    expect(await world.ran(pi, 'closed-invalid')).toBe(1);
    expect(await world.ran(pi, 'assess')).toBe(0);
  });

  it('5. a village request goes overdue: warned 3 days before, marked overdue at the deadline, counted against 新桥村', async () => {
    // given: two easy requests on the same day, one for 新桥村 and one for its neighbour 石门村
    const t0 = await world.startScenario();
    const id = 'SQ-OVERDUE';
    const neighbour = 'SQ-ONTIME';
    const pi = await world.collectValid(
      { requestId: id, townshipId: 'dingshan', villageId: 'dingshan-xinqiao', channel: 'hotline', summary: '新桥村三组通组路边沟堵塞,雨天路面积水' },
      { listType: 'collective', domain: 'transport', difficulty: 'easy' },
    );
    const neighbourPi = await world.collectValid(
      { requestId: neighbour, townshipId: 'dingshan', villageId: 'dingshan-shimen', channel: 'hotline', summary: '石门村文化广场健身器材损坏' },
      { listType: 'collective', domain: 'community_governance', difficulty: 'easy' },
    );
    await world.doTask(id, 'accept', {});
    await world.doTask(neighbour, 'accept', {});
    const handle = await world.waitForTask(id, 'handle-task');
    // 石门村 finishes on day 3
    await world.advance(3 * DAY);
    await world.doTask(neighbour, 'handle-task', { outcome: 'resolved' });
    await world.signAndAnswer(neighbour, neighbourPi, true);
    await world.waitForState(neighbourPi, 'COMPLETED');

    // when: day 11 passes quietly
    await world.pinTime(after(t0, 11));
    await world.settled();
    const quiet = { events: world.caseKinds(id), notices: world.notices(id) };
    // when: day 12, three days before the deadline
    await world.pinTime(after(t0, 12));
    await eventually(() => world.caseKinds(id).includes('deadline_warning'), 'the deadline warning');
    const warned = { request: getRequest(world.db, id), notices: world.notices(id) };
    // when: day 15, the deadline
    await world.pinTime(after(t0, 15));
    await eventually(() => getRequest(world.db, id)?.overdueAt ?? undefined, 'the overdue mark');

    // then: nothing before the warning
    expect(quiet.events).not.toContain('deadline_warning');
    expect(quiet.notices).toEqual([]);
    // then: the warning went to the village and the supervisors, and it was not overdue yet
    expect(warned.request?.overdueAt).toBeNull();
    expect(warned.notices.map((n) => n.recipient).sort()).toEqual(['dingshan-xinqiao', ...world.supervisorIds()].sort());
    expect(warned.notices.every((n) => n.text.includes('将于') && n.createdAt.getTime() === after(t0, 12).getTime())).toBe(true);
    // then: the request is marked overdue at the deadline; the village and the supervisors are told
    expect(getRequest(world.db, id)).toMatchObject({ overdueAt: after(t0, 15), closedAt: null });
    expect(world.caseKinds(id)).toContain('overdue');
    const overdueNotices = world.notices(id).filter((n) => n.text.includes('已超过办理期限'));
    expect(overdueNotices.map((n) => n.recipient).sort()).toEqual(['dingshan-xinqiao', ...world.supervisorIds()].sort());
    expect(publicBoard(world.db).find((l) => l.id === id)).toMatchObject({ overdue: true, status: 'assigned' });
    // and the village keeps working on the same task
    expect((await world.openTasks(id, 'handle-task')).map((t) => t.userTaskKey)).toEqual([handle.userTaskKey]);

    // when: 新桥村 clears the ditch on day 17 and the citizen is satisfied
    await world.advance(2 * DAY);
    await world.doTask(id, 'handle-task', { outcome: 'resolved', resolutionNote: '已疏通边沟' });
    await world.signAndAnswer(id, pi, true);
    await world.waitForState(pi, 'COMPLETED');

    // then: closed late, the overdue mark stays and counts against 新桥村: it ranks below its
    // neighbour with the same closure and satisfaction, on the black list
    expect(getRequest(world.db, id)).toMatchObject({ status: 'archived', closedAt: after(t0, 17), overdueAt: after(t0, 15) });
    const window = { kinds: ['village' as const, 'community' as const], from: t0, to: after(t0, 30) };
    const counts = unitCounts(world.db, window).filter((u) => u.assigned > 0);
    expect(counts.map((u) => [u.unitId, u.assigned, u.closed, u.overdue])).toEqual([
      ['dingshan-shimen', 1, 1, 0],
      ['dingshan-xinqiao', 1, 1, 1],
    ]);
    expect(ranking(world.db, TEN_PERCENT, window).filter((u) => u.rank !== undefined).map((u) => [u.unitId, u.rank, u.overdueRate, u.colour])).toEqual([
      ['dingshan-shimen', 1, 0, 'red'],
      ['dingshan-xinqiao', 2, 1, 'black'],
    ]);
  });

  it('6. an unsatisfied citizen: re-handled at the same level (counted), then satisfied', async () => {
    // given: an easy request of 莲花社区, handled and closed on day 2
    const t0 = await world.startScenario();
    const id = 'SQ-REHANDLE';
    const pi = await world.collectValid(
      { requestId: id, townshipId: 'dongcheng', villageId: 'dongcheng-lianhua', channel: 'qr_online', summary: '莲花社区农贸市场旁垃圾清运不及时,气味大' },
      { listType: 'collective', domain: 'urban_management', difficulty: 'easy' },
    );
    await world.doTask(id, 'accept', {});
    await world.advance(2 * DAY);
    await world.doTask(id, 'handle-task', { outcome: 'resolved', resolutionNote: '已清运' });

    // when: the citizen is not satisfied
    await world.signAndAnswer(id, pi, false, '只清了一次,垃圾又堆起来了');
    const again = await world.waitForTask(id, 'accept');
    const midway = {
      request: getRequest(world.db, id),
      reHandleCount: await world.variable<number>(pi, 'reHandleCount'),
      handlings: await world.ran(pi, 'handle'),
    };
    // when: the community handles it again on day 4 with a fixed collection time, and the citizen is satisfied
    await world.advance(2 * DAY);
    await world.completeTask(again, {});
    await world.doTask(id, 'handle-task', { outcome: 'resolved', resolutionNote: '增设垃圾桶,每日定时清运两次' });
    await world.signAndAnswer(id, pi, true, '现在干净了');
    await world.waitForState(pi, 'COMPLETED');

    // then: the re-handling was counted at the community, with a fresh 15 days, and no escalation
    expect(again.candidateGroups).toEqual(['village:dongcheng-lianhua']);
    expect(midway.request).toMatchObject({ status: 'rehandling', level: 'village', closedAt: null, deadline: after(t0, 17) });
    expect(midway.reHandleCount).toBe(1);
    expect(midway.handlings).toBe(2);
    expect(rehandlingCount(world.db, id)).toBe(1);
    expect(await world.ran(pi, 'escalate-ledger')).toBe(0);
    expect(ledgerHistory(world.db, id)).toMatchObject({
      entries: [
        { level: 'village', unitId: 'dongcheng-lianhua', closedAt: after(t0, 2), closeReason: 'closed' },
        { level: 'village', unitId: 'dongcheng-lianhua', openedAt: after(t0, 2), closedAt: after(t0, 4), closeReason: 'closed' },
      ],
      movements: [],
    });
    // and each round has its follow-up and its four signatures
    expect(followUpsOf(world.db, id).map((f) => [f.round, f.outcome, f.level])).toEqual([[1, 'unsatisfied', 'village'], [2, 'satisfied', 'village']]);
    expect(signOffsOf(world.db, id).map((s) => s.round)).toEqual([1, 1, 1, 1, 2, 2, 2, 2]);
    expect(getRequest(world.db, id)).toMatchObject({ status: 'archived', closedAt: after(t0, 4) });
    // and it counts in the community's re-handling and satisfaction rates
    const [lianhua] = ranking(world.db, TEN_PERCENT, { kinds: ['community'], from: t0, to: after(t0, 30) }).filter((u) => u.unitId === 'dongcheng-lianhua');
    expect(lianhua).toMatchObject({ assigned: 1, closed: 1, rehandled: 1, rehandlingRate: 1, answered: 2, content: 1, satisfactionRate: 0.5 });
  });

  it('6b. refused twice at the village it moves up; at the township the first refusal is re-handled there, not escalated again', async () => {
    // given: an easy request of 古楼村
    const t0 = await world.startScenario();
    const id = 'SQ-REFUSED';
    const pi = await world.collectValid(
      { requestId: id, townshipId: 'zengkou', villageId: 'zengkou-gulou', channel: 'walk_in', summary: '古楼村一组饮水池水质浑浊' },
      { listType: 'collective', domain: 'water_resources', difficulty: 'easy' },
    );
    const roundAt = async (day: number, satisfied: boolean) => {
      await world.pinTime(after(t0, day));
      await world.doTask(id, 'accept', {});
      await world.doTask(id, 'handle-task', { outcome: 'resolved' });
      await world.signAndAnswer(id, pi, satisfied, satisfied ? '满意' : '水还是浑');
    };

    // when: refused at the village on day 1 and day 2
    await roundAt(1, false);
    await roundAt(2, false);
    const townshipAccept = await world.waitForTask(id, 'accept');
    const atTownship = { request: getRequest(world.db, id), reHandleCount: await world.variable<number>(pi, 'reHandleCount') };
    // when: refused once at the township on day 3, then satisfied on day 4
    await roundAt(3, false);
    const townshipAgain = await world.waitForTask(id, 'accept');
    const reHandleCountAtTownship = await world.variable<number>(pi, 'reHandleCount');
    await roundAt(4, true);
    await world.waitForState(pi, 'COMPLETED');

    // then: the second refusal moved the ledger entry up to 曾口镇
    expect(townshipAccept.candidateGroups).toEqual(['township:zengkou']);
    expect(atTownship.request).toMatchObject({ level: 'township', responsibleUnitId: 'zengkou' });
    expect(atTownship.reHandleCount).toBe(2);
    // then: the first refusal at the township counted 1 there and was re-handled by the township
    expect(reHandleCountAtTownship).toBe(1);
    expect(townshipAgain.candidateGroups).toEqual(['township:zengkou']);
    expect(await world.ran(pi, 'escalate-ledger')).toBe(1);
    const { entries, movements } = ledgerHistory(world.db, id);
    expect(movements.map((m) => [m.fromLevel, m.toLevel, m.fromUnitId, m.toUnitId, m.movedAt])).toEqual([['village', 'township', 'zengkou-gulou', 'zengkou', after(t0, 2)]]);
    // (each refusal reopens the entry at its level for the next round; the second is moved up at once)
    expect(entries.map((e) => [e.level, e.closeReason])).toEqual([
      ['village', 'closed'], ['village', 'closed'], ['village', 'escalated'], ['township', 'closed'], ['township', 'closed'],
    ]);
    expect([rehandlingCount(world.db, id, 'village'), rehandlingCount(world.db, id, 'township')]).toEqual([2, 1]);
    expect(getRequest(world.db, id)).toMatchObject({ status: 'archived', level: 'township', closedAt: after(t0, 4) });
  });

  it('7. a missing signature: the request cannot close and goes back to handling, then closes once all four sign', async () => {
    // given: an easy request of 梨园村, handled on day 1
    const t0 = await world.startScenario();
    const id = 'SQ-SIGNATURE';
    const pi = await world.collectValid(
      { requestId: id, townshipId: 'huacheng', villageId: 'huacheng-liyuan', channel: 'proxy', summary: '梨园村五组独居老人房屋漏雨' },
      { listType: 'individual', domain: 'civil_affairs', difficulty: 'easy' },
    );
    await world.doTask(id, 'accept', {});
    await world.advance(1 * DAY);
    await world.doTask(id, 'handle-task', { outcome: 'resolved', resolutionNote: '已补漏' });

    // when: the citizen does not sign (the roof still leaks in one corner)
    await world.signAll(id, { 'sign-citizen': false });
    const back = await world.waitForTask(id, 'accept');
    await world.settled();
    const notClosed = {
      request: getRequest(world.db, id),
      ledger: ledgerHistory(world.db, id).entries,
      signOffs: signOffsOf(world.db, id),
      check: signOffCheck(world.db, id),
      events: world.caseKinds(id),
      closeRan: await world.ran(pi, 'close'),
      handlings: await world.ran(pi, 'handle'),
    };
    // when: the village handles it again on day 2 and all four sign
    await world.advance(1 * DAY);
    await world.completeTask(back, {});
    await world.doTask(id, 'handle-task', { outcome: 'resolved', resolutionNote: '屋顶整体翻修' });
    await world.signAndAnswer(id, pi, true);
    await world.waitForState(pi, 'COMPLETED');

    // then: nothing was closed while a signature was missing, and it went back to the same village
    expect(back.candidateGroups).toEqual(['village:huacheng-liyuan']);
    expect(notClosed.request).toMatchObject({ status: 'assigned', closedAt: null });
    expect(notClosed.ledger).toMatchObject([{ level: 'village', unitId: 'huacheng-liyuan', closedAt: null }]);
    // (the three of staff signed with their logins; their signatures stand, the citizen's is missing)
    expect(notClosed.signOffs.map((s) => [s.round, s.role, s.signerStaffId, s.method])).toEqual([
      [1, 'handler', 'huacheng-liyuan-staff-2', 'login'],
      [1, 'leader_in_charge', 'huacheng-liyuan-staff-3', 'login'],
      [1, 'main_leader', 'huacheng-liyuan-staff-1', 'login'],
    ]);
    expect(notClosed.check).toEqual({ complete: false, missing: ['citizen'] });
    expect(notClosed.events).toContain('sign_refused');
    expect(notClosed.events).not.toContain('closed');
    expect(notClosed.closeRan).toBe(0);
    expect(notClosed.handlings).toBe(2);
    // then: with four signatures it closed on day 2, in the same handling round
    expect(getRequest(world.db, id)).toMatchObject({ status: 'archived', closedAt: after(t0, 2) });
    expect(signOffCheck(world.db, id, 1)).toEqual({ complete: true, missing: [] });
    expect(signOffsOf(world.db, id).map((s) => [s.round, s.role, s.method])).toEqual([
      [1, 'citizen', 'lookup_code'], [1, 'handler', 'login'], [1, 'leader_in_charge', 'login'], [1, 'main_leader', 'login'],
    ]);
    expect(ledgerHistory(world.db, id).entries).toMatchObject([{ level: 'village', closedAt: after(t0, 2), closeReason: 'closed' }]);
  });

  it('7b. a signature given past the API: the close is an incident naming it, and the worker records no signature in its place', async () => {
    // given: an easy request of 黄梁村, handled on day 1
    await world.startScenario();
    const id = 'SQ-PAST-THE-API';
    const pi = await world.collectValid(
      { requestId: id, townshipId: 'dingshan', villageId: 'dingshan-huangliang', channel: 'door_to_door', summary: '黄梁村三组便民桥栏杆松动' },
      { listType: 'collective', domain: 'transport', difficulty: 'easy' },
    );
    await world.doTask(id, 'accept', {});
    await world.advance(1 * DAY);
    await world.doTask(id, 'handle-task', { outcome: 'resolved', resolutionNote: '已加固栏杆' });

    // when: three sign through the API, the main leader's task is completed straight through the engine
    await world.signAll(id, {}, { pastTheApi: ['sign-main-leader'] });
    const incident = await world.waitForIncident(pi, 'close');

    // then: the close names the missing signature; nothing is closed and no row stands in for it
    expect(incident.errorMessage).toContain('主要领导');
    expect(incident.errorMessage).not.toMatch(/诉求人|办理人|分管领导/);
    expect(getRequest(world.db, id)).toMatchObject({ status: 'assigned', closedAt: null });
    expect(signOffsOf(world.db, id).map((s) => s.role)).toEqual(['citizen', 'handler', 'leader_in_charge']);
    expect(signOffCheck(world.db, id)).toEqual({ complete: false, missing: ['main_leader'] });
    expect(world.caseKinds(id)).not.toContain('signed_off');
    expect(ledgerHistory(world.db, id).entries).toMatchObject([{ level: 'village', closedAt: null }]);
  });
});
