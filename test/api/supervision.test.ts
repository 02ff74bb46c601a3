// The supervision cycle through HTTP at pinned time (issue 10's case): a village that lets three
// requests run late is reminded, urged the day after the deadline and sent supervision orders every
// 5 days; it reports late; the weekly ranking puts it on the black list; the rules of the diagram
// call it to an interview; the discipline commission holds the interview with a rectification
// deadline; the village closes its requests (four signatures each) before it; the check finds it
// rectified; the next ranking moves it to the red list. Every step is a person's act through the
// API or the engine's own timers and the real workers.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseFile } from '../../store/case-file.js';
import { urgingsOfRequest } from '../../store/urgings.js';
import { ScenarioWorld } from '../scenarios/world.js';
import { ApiWorld, eventually, type Answer, type Caller } from './support.js';

let w: ApiWorld;
let start: Date;

beforeAll(async () => {
  w = await ApiWorld.start();
  start = await w.world.startScenario();
  // the weekly timer is set when the cycle is deployed: a designer deploys a new version now, so the
  // cycle runs every 7 days from the scenario's start (the deployment at the world's start was on the real clock)
  const xml = readFileSync('workflows/supervision-cycle.bpmn', 'utf8').replace('exporterVersion="0.1.0"', 'exporterVersion="0.1.0-supervision-test"');
  const deployed = await w.app.engine.zeebe.deployResource({ name: 'supervision-cycle.bpmn', process: Buffer.from(xml) });
  expect(deployed.deployments[0]).toMatchObject({ process: { bpmnProcessId: 'supervision-cycle', version: 2 } });
}, 120_000);
afterAll(async () => w?.stop());

const day = (n: number) => ScenarioWorld.after(start, n);
/** the date `n` days after the start in Beijing time, e.g. 2025-03-13 */
const beijingDate = (n: number) => new Date(day(n).getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * A member of staff who logs in again when the session has lapsed: weeks pass between the steps,
 * and a session ends after its idle time on the same clock.
 */
class Person {
  private caller: Caller | undefined;
  constructor(readonly username: string) {}
  private async call(method: 'GET' | 'POST', url: string, body?: unknown): Promise<Answer> {
    for (let attempt = 0; ; attempt++) {
      this.caller ??= await w.login(this.username);
      const answer = method === 'GET' ? await this.caller.get(url) : await this.caller.post(url, body);
      if (answer.status !== 401 || attempt > 0) return answer;
      this.caller = undefined;
    }
  }
  get(url: string) {
    return this.call('GET', url);
  }
  post(url: string, body?: unknown) {
    return this.call('POST', url, body);
  }
}

async function taskOf(who: Person, element: string, requestId: string | null): Promise<string> {
  return eventually(
    async () => (await who.get(`/api/tasks?element=${element}`)).body.items?.find((t: any) => t.requestId === requestId)?.key as string | undefined,
    `${element} of ${requestId ?? 'the supervision cycle'}`,
  );
}

async function complete(who: Person, element: string, requestId: string | null, variables: Record<string, unknown>): Promise<void> {
  const answer = await who.post(`/api/tasks/${await taskOf(who, element, requestId)}/completion`, { variables });
  expect([element, answer.status, answer.body]).toEqual([element, 204, '']);
}

describe('the supervision cycle at pinned time', () => {
  it('urges a late village three times, black-lists it, interviews it, and sees it rectify by the deadline', async () => {
    // given the people
    const [township, team, handler, leader, head, supervisor, xinqiao, commission] = [
      'dingshan-handler', 'special-team', 'huangliang-handler', 'huangliang-leader', 'huangliang-head', 'supervisor', 'dingshan-xinqiao-staff-2',
      'discipline-commission-staff-2',
    ].map((u) => new Person(u));

    // and three easy requests in 黄梁村, accepted on day 0 (15 days: due on day 15)
    const requests: { id: string; lookupCode: string }[] = [];
    for (const text of ['黄梁村三组水渠堵塞', '黄梁村五组路灯不亮', '黄梁村村道坑洼']) {
      const submitted = await w.public.post('/api/public/requests', { text, townshipId: 'dingshan', villageId: 'dingshan-huangliang' });
      expect(submitted.status).toBe(201);
      requests.push(submitted.body);
    }
    for (const { id } of requests) {
      await complete(township, 'screen', id, { valid: true, screeningNote: '属实' });
      await complete(team, 'assess', id, { listType: 'individual', domain: 'urban_rural_construction', difficulty: 'easy' });
      await complete(handler, 'accept', id, {});
    }
    const [late] = requests;

    // when the first week's cycle drafts the reports and the village's head submits in time
    await w.world.pinTime(day(7));
    const drafted = await eventually(async () => (await head.get('/api/reports')).body.items?.[0], 'the first weekly report');
    const submitted = await head.post(`/api/reports/${drafted.id}/submission`, { content: '三件在办,正在协调施工队' });
    // then the draft came from the village's ledger
    expect(drafted).toMatchObject({ unit: { id: 'dingshan-huangliang' }, draft: { open: 3, overdue: 0, closed: 0 }, submittedAt: null, late: false });
    expect(submitted.status).toBe(200);
    expect((await handler.post(`/api/reports/${drafted.id}/submission`, { content: '再报' })).status).toBe(403);

    // when the second week's report is not submitted by its due time (day 16)
    await w.world.pinTime(day(14));
    await w.world.pinTime(day(16));
    // then it is counted late, the first one is not
    const late14 = await eventually(async () => {
      const items = (await supervisor.get('/api/reports?unit=dingshan-huangliang')).body.items;
      return items?.length === 2 && items[0].late ? items : undefined;
    }, 'the second report to be counted late');
    expect(late14.map((r: any) => [r.period, r.late])).toEqual([
      [expect.any(String), true],
      [drafted.period, false],
    ]);

    // when the deadline (day 15) passed: reminded on day 12, urged on day 16, supervision orders on days 21 and 26
    await w.world.pinTime(day(21));
    // the ranking on day 21 has one village with work: no list yet; a second village gets a request on day 22
    await w.world.pinTime(day(22));
    const other = (await w.public.post('/api/public/requests', { text: '新桥村一组饮水管破裂', townshipId: 'dingshan', villageId: 'dingshan-xinqiao' })).body;
    await complete(township, 'screen', other.id, { valid: true, screeningNote: '属实' });
    await complete(team, 'assess', other.id, { listType: 'individual', domain: 'water_resources', difficulty: 'easy' });
    await complete(xinqiao, 'accept', other.id, {});
    await w.world.pinTime(day(26));
    // then each urging is recorded against the village and sent through the outbox
    await eventually(() => urgingsOfRequest(w.db, late!.id).length >= 4, 'the second supervision order');
    await w.world.settled();
    expect(urgingsOfRequest(w.db, late!.id).map((u) => [u.kind, u.unitId])).toEqual([
      ['reminder', 'dingshan-huangliang'],
      ['urging', 'dingshan-huangliang'],
      ['supervision_order', 'dingshan-huangliang'],
      ['supervision_order', 'dingshan-huangliang'],
    ]);
    expect(caseFile(w.db, late!.id).map((e) => e.kind).filter((k) => k === 'urged' || k === 'supervision_order')).toEqual(['urged', 'supervision_order', 'supervision_order']);
    const inbox = (await handler.get('/api/notifications')).body.items.map((n: any) => n.text as string);
    expect(inbox.some((t: string) => t.startsWith('催办通知') && t.includes(late!.id))).toBe(true);
    expect(inbox.some((t: string) => t.startsWith('督办单(第 2 次)') && t.includes(late!.id))).toBe(true);
    // and the supervisor may hand an urged, still stalled request to the discipline commission
    const referral = await supervisor.post(`/api/requests/${late!.id}/discipline-referral`, { reason: '两次督办仍未办结' });
    expect(referral.status).toBe(201);

    // when the cycle of day 28 ranks the villages
    await w.world.pinTime(day(28));
    const year = String(new Date(day(28).getTime() + 8 * 3_600_000).getUTCFullYear());
    const ranking = await eventually(async () => {
      const r = (await township.get(`/api/rankings?period=${year}&group=village`)).body;
      return r.items?.some((l: any) => l.colour === 'black') ? r : undefined;
    }, 'the year ranking of day 28');
    // then 黄梁村 is on the black list (three overdue of three), 新桥村 on the red
    const line = (unitId: string) => ranking.items.find((l: any) => l.unit.id === unitId);
    expect(line('dingshan-huangliang')).toMatchObject({ colour: 'black', assigned: 3, closed: 0, overdueRate: 1, lateReports: 2, reasons: ['closure_rate_bottom'] });
    expect(line('dingshan-xinqiao')).toMatchObject({ colour: 'red', assigned: 1 });
    // and the diagram's rules call it to an interview, which the discipline commission holds
    const interview = await eventually(async () => (await supervisor.get('/api/interviews?unit=all')).body.items?.[0], 'the interview');
    expect(interview).toMatchObject({ unit: { id: 'dingshan-huangliang' }, reasons: ['black_list'], state: 'scheduled' });
    await complete(commission, 'interview', null, { heldAt: day(28).toISOString(), findings: '三件诉求超期,限期办结', rectificationDeadline: beijingDate(38) });
    expect((await head.get(`/api/interviews/${interview.id}`)).body).toMatchObject({
      state: 'held',
      interviewer: 'discipline-commission-staff-2',
      findings: '三件诉求超期,限期办结',
      rectificationDeadline: `${beijingDate(38)}T23:59:59+08:00`,
    });

    // when the village resolves all three on day 30, with the four signatures, before the deadline
    await w.world.pinTime(day(30));
    for (const { id, lookupCode } of requests) {
      await complete(handler, 'handle-task', id, { outcome: 'resolved', resolutionNote: '已办结' });
      await complete(handler, 'sign-handler', id, { signed: true });
      await complete(leader, 'sign-leader-in-charge', id, { signed: true });
      await complete(head, 'sign-main-leader', id, { signed: true });
      await taskOf(handler, 'sign-citizen', id);
      expect((await w.public.post(`/api/public/requests/${id}/signature`, { lookupCode, signed: true })).status).toBe(204);
    }
    await eventually(async () => {
      const statuses = await Promise.all(requests.map(async ({ id }) => (await supervisor.get(`/api/requests/${id}`)).body.status?.code));
      return statuses.every((s) => s === 'closed');
    }, 'the three requests to close');
    // and the cycle of day 35 ranks again, then the deadline of day 38 passes
    await w.world.pinTime(day(35));
    await w.world.pinTime(day(39));
    // then the supervision group checks the rectification
    await complete(supervisor, 'check-rectification', null, { rectified: true, checkNote: '三件均已销号' });
    expect((await supervisor.get(`/api/interviews/${interview.id}`)).body).toMatchObject({ state: 'rectified', rectified: true, checkedBy: 'supervision-group-staff-2' });
    // and its figures changed: the ranking of day 35 has it on the red list
    const after = (await township.get(`/api/rankings?period=${year}&group=village`)).body;
    expect(after.items.find((l: any) => l.unit.id === 'dingshan-huangliang')).toMatchObject({ colour: 'red', closed: 3, closureRate: 1 });
    // and so did the public board: the three requests closed, the village's closure rate 1
    const board = (await w.public.get('/api/public/board?villageId=dingshan-huangliang&limit=20')).body.items;
    // (closed on day 30; archived once the follow-up went unanswered for 7 days)
    expect(board.filter((l: any) => requests.some((r) => r.id === l.id)).map((l: any) => [['closed', 'archived'].includes(l.status.code), l.closedAt !== null, l.overdue])).toEqual([
      [true, true, true],
      [true, true, true],
      [true, true, true],
    ]);
    const units = (await w.public.get(`/api/public/board/units?group=village&year=${year}`)).body.groups[0].units;
    expect(units.find((u: any) => u.unit.id === 'dingshan-huangliang')).toMatchObject({ assigned: 3, closed: 3, closureRate: 1 });
  });
});
