// Open claims with points (公开发榜, 积分), through HTTP only: a township leader posts two of the
// township's requests; the public sees them without the citizen; a company claims one with a claim
// code and reports its work, a member of staff of another unit claims the other; the leader approves
// the one and rejects the other (open again), the company claims that one again under its name with
// its code; the year's ranking shows the points. And the refusals: a wrong code 403, a second claim
// 409, a staff claimant reviewing their own claim 403, a village handler posting the township's
// request 403, a second live posting 409, the citizen's identity in a public text 400.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiWorld, eventually, type Caller } from './support.js';

let w: ApiWorld;
let township: Caller;
let team: Caller;
let leader: Caller;
let villageHandler: Caller;
let waterHandler: Caller;
let supervisor: Caller;

const CITIZEN = { name: '（演示）钱多多', phone: '13912345678' };
const COMPANY_PHONE = '13700009999';
const REQUEST_TEXT = '二组灌溉渠塌了三十米,钱多多家门口的田都没法放水';

async function taskKey(who: Caller, requestId: string, element: string): Promise<string> {
  return eventually(async () => (await who.get(`/api/tasks?element=${element}`)).body.items?.find((t: any) => t.requestId === requestId)?.key as string | undefined, `${element} of ${requestId}`);
}

async function complete(who: Caller, requestId: string, element: string, variables: Record<string, unknown>): Promise<void> {
  const answer = await who.post(`/api/tasks/${await taskKey(who, requestId, element)}/completion`, { variables });
  expect([element, answer.status, answer.body]).toEqual([element, 204, '']);
}

/** A citizen's request online, screened by the township and assessed hard by the special team: it is 鼎山镇's now. */
async function townshipRequest(text: string): Promise<string> {
  const submitted = await w.public.post('/api/public/requests', { text, townshipId: 'dingshan', villageId: 'dingshan-huangliang', citizen: CITIZEN });
  expect(submitted.status).toBe(201);
  const id = submitted.body.id as string;
  await complete(township, id, 'screen', { valid: true, screeningNote: '经核实,诉求属实' });
  await complete(team, id, 'assess', { listType: 'collective', domain: 'water_resources', difficulty: 'hard' });
  await eventually(async () => ((await leader.get(`/api/requests/${id}`)).body.responsibleUnit?.id === 'dingshan' ? true : undefined), `${id} to be 鼎山镇's`);
  return id;
}

beforeAll(async () => {
  w = await ApiWorld.start();
  await w.world.startScenario();
  [township, team, leader, villageHandler, waterHandler, supervisor] = await Promise.all(
    ['dingshan-handler', 'special-team', 'dingshan-leader', 'huangliang-handler', 'water-handler', 'supervisor'].map((u) => w.login(u)),
  );
}, 120_000);
afterAll(async () => w?.stop());

/** Everything the public side answers, to search for what must never be in it. */
const publicAnswers: string[] = [];
async function publicly(method: 'GET' | 'POST', url: string, body?: unknown) {
  const answer = await w.public.call(method, url, { body });
  publicAnswers.push(JSON.stringify(answer.body));
  return answer;
}

describe('open claims with points (公开发榜)', () => {
  it('runs from posting through claims, work, approval and rejection to the year\'s ranking, and refuses what is not allowed', async () => {
    // given: two requests of 鼎山镇
    const canal = await townshipRequest(REQUEST_TEXT);
    const road = await townshipRequest('三组通组路有两处塌方,雨天车辆无法通行');

    // when: the township leader posts both, and others try what they may not
    const postedCanal = await leader.post('/api/claims', { requestId: canal, title: '修复二组灌溉渠', description: '需要挖掘机一台、施工队三天,材料由镇上出', points: 30 });
    const postedRoad = await leader.post('/api/claims', { requestId: road, title: '清理三组通组路塌方', description: '需要装载机清运土石', points: 20 });
    const secondPosting = await leader.post('/api/claims', { requestId: canal, title: '再发一次', description: '重复', points: 5 });
    const byVillageHandler = await villageHandler.post('/api/claims', { requestId: road, title: '村里发榜', description: '村里想发', points: 5 });
    const withTheCitizensName = await team.post('/api/claims', { requestId: canal, title: '帮（演示）钱多多修渠', description: '修渠', points: 5 });
    const canalId = postedCanal.body.id as number;
    const roadId = postedRoad.body.id as number;

    // then
    expect([postedCanal.status, postedRoad.status]).toEqual([201, 201]);
    expect(postedCanal.body).toMatchObject({ requestId: canal, points: 30, status: { code: 'open', label: '待认领' }, claimable: true, unit: '鼎山镇', township: '鼎山镇', village: '黄梁村', mayManage: true, claims: [] });
    expect([secondPosting.status, secondPosting.body.type]).toEqual([409, 'urn:suqiu:problem:conflict']);
    expect([byVillageHandler.status, byVillageHandler.body.type]).toEqual([403, 'urn:suqiu:problem:forbidden']);
    expect([withTheCitizensName.status, withTheCitizensName.body.field]).toEqual([400, 'title']);

    // when: the public reads the board of postings
    const list = await publicly('GET', '/api/public/claims');
    const one = await publicly('GET', `/api/public/claims/${canalId}`);

    // then: the poster's words, the places and unit, no citizen
    expect(list.status).toBe(200);
    expect(list.body.items.map((p: any) => [p.id, p.title, p.points, p.status.code])).toEqual([
      [roadId, '清理三组通组路塌方', 20, 'open'],
      [canalId, '修复二组灌溉渠', 30, 'open'],
    ]);
    expect(one.body).toMatchObject({ id: canalId, description: '需要挖掘机一台、施工队三天,材料由镇上出', unit: '鼎山镇', claimedBy: null, postedAt: expect.stringMatching(/^2025-03-0\dT.*\+08:00$/) });

    // when: a company claims the canal, a citizen tries to claim it too, and the company reports with a wrong code, then its own
    const companyClaim = await publicly('POST', `/api/public/claims/${canalId}/claim`, { kind: 'company', displayName: '（演示）巴州建工有限公司', phone: COMPANY_PHONE });
    const secondClaim = await publicly('POST', `/api/public/claims/${canalId}/claim`, { kind: 'citizen', displayName: '热心市民老李' });
    const code = companyClaim.body.claimCode as string;
    const wrongCode = await publicly('POST', `/api/public/claims/${canalId}/work`, { claimCode: code === '00000000' ? '11111111' : '00000000', report: '干完了' });
    const reported = await publicly('POST', `/api/public/claims/${canalId}/work`, { claimCode: code, report: '已派挖掘机和施工队三天,渠道修复 30 米,放水正常' });
    const reportedTwice = await publicly('POST', `/api/public/claims/${canalId}/work`, { claimCode: code, report: '再报一次' });
    const claimedCanal = await publicly('GET', `/api/public/claims/${canalId}`);

    // then
    expect(companyClaim.status).toBe(201);
    expect(companyClaim.body).toMatchObject({ openClaimId: canalId, status: { code: 'active' }, claimant: { kind: { code: 'company', label: '企业' }, displayName: '（演示）巴州建工有限公司' } });
    expect(code).toMatch(/^\d{8}$/);
    expect([secondClaim.status, secondClaim.body.type]).toEqual([409, 'urn:suqiu:problem:conflict']);
    expect([wrongCode.status, wrongCode.body.type, wrongCode.body.field]).toEqual([403, 'urn:suqiu:problem:wrong-code', 'claimCode']);
    expect([reported.status, reported.body.claimStatus?.code]).toEqual([200, 'submitted']);
    expect(reportedTwice.status).toBe(409);
    expect(claimedCanal.body).toMatchObject({ status: { code: 'claimed' }, claimable: false, claimedBy: { kind: { code: 'company' }, displayName: '（演示）巴州建工有限公司' } });

    // when: a member of staff of another unit (区水利局) claims the road, tries to review their own claim, and reports
    const staffClaim = await waterHandler.post(`/api/claims/${roadId}/claim`);
    const ownReview = await waterHandler.post(`/api/claims/${roadId}/review`, { approved: true, note: '我自己审' });
    const staffReport = await waterHandler.post(`/api/claims/${roadId}/work`, { report: '协调水利局装载机清运土石两车' });

    // then
    expect(staffClaim.status).toBe(201);
    expect(staffClaim.body.claimant).toEqual({ kind: { code: 'staff', label: '干部' }, displayName: expect.stringContaining('(区水利局)') });
    expect([ownReview.status, ownReview.body.detail]).toEqual([403, '不能审核自己的认领']);
    expect(staffReport.status).toBe(200);

    // when: the township leader approves the canal and rejects the road
    const unitView = await leader.get(`/api/claims/${canalId}`);
    const approved = await leader.post(`/api/claims/${canalId}/review`, { approved: true, note: '经现场核实,渠道已修复' });
    const rejectedWithoutNote = await leader.post(`/api/claims/${roadId}/review`, { approved: false });
    const rejected = await leader.post(`/api/claims/${roadId}/review`, { approved: false, note: '塌方仍有一处未清理' });
    const reopened = await publicly('GET', '/api/public/claims?status=open');

    // then
    expect(unitView.body.claims).toEqual([expect.objectContaining({ status: { code: 'submitted', label: '待审核' }, workReport: '已派挖掘机和施工队三天,渠道修复 30 米,放水正常', claimant: expect.objectContaining({ phone: COMPANY_PHONE }) })]);
    expect(approved.body).toEqual({ openClaimId: canalId, postingStatus: { code: 'done', label: '已完成' }, claimId: companyClaim.body.claimId, claimStatus: { code: 'approved', label: '审核通过' }, pointsAwarded: 30 });
    expect([rejectedWithoutNote.status, rejectedWithoutNote.body.field]).toEqual([400, 'note']);
    expect(rejected.body).toMatchObject({ postingStatus: { code: 'open' }, claimStatus: { code: 'rejected' }, pointsAwarded: null });
    expect(reopened.body.items.map((p: any) => [p.id, p.claimable])).toEqual([[roadId, true]]);

    // when: the company claims the road again: without its code its name is refused, with it the claim is its own
    const nameTaken = await publicly('POST', `/api/public/claims/${roadId}/claim`, { kind: 'company', displayName: '（演示）巴州建工有限公司' });
    const again = await publicly('POST', `/api/public/claims/${roadId}/claim`, { kind: 'company', displayName: '（演示）巴州建工有限公司', claimCode: code });
    await publicly('POST', `/api/public/claims/${roadId}/work`, { claimCode: code, report: '两处塌方全部清理完毕' });
    const approvedAgain = await leader.post(`/api/claims/${roadId}/review`, { approved: true });
    const ranking = await publicly('GET', '/api/public/claims/ranking?year=2025');
    const staffRanking = await publicly('GET', '/api/public/claims/ranking?year=2025&kind=staff');
    const lastYear = await publicly('GET', '/api/public/claims/ranking?year=2024');

    // then: 30 + 20 points for the company in 2025, none for the rejected member of staff
    expect([nameTaken.status, again.status, again.body.claimCode, approvedAgain.status]).toEqual([409, 201, null, 200]);
    expect(ranking.body).toMatchObject({ year: 2025, from: '2025-01-01T00:00:00+08:00', to: '2026-01-01T00:00:00+08:00' });
    expect(ranking.body.items).toEqual([{ rank: 1, kind: { code: 'company', label: '企业' }, displayName: '（演示）巴州建工有限公司', points: 50, claimsApproved: 2 }]);
    expect(staffRanking.body.items).toEqual([]);
    expect(lastYear.body.items).toEqual([]);

    // and: the request is not closed by the approval (closure still needs the four signatures)
    const canalRequest = await leader.get(`/api/requests/${canal}`);
    expect(['closed', 'archived']).not.toContain(canalRequest.body.status.code);

    // and: each step is in the case file and told to the unit or the claimant
    const file = (await leader.get(`/api/requests/${canal}/case-file`)).body;
    expect(file.timeline.map((e: any) => e.kind)).toEqual(expect.arrayContaining(['open_claim_posted', 'open_claim_claimed', 'open_claim_work_reported', 'open_claim_approved']));
    const roadFile = (await leader.get(`/api/requests/${road}/case-file`)).body;
    expect(roadFile.timeline.map((e: any) => e.kind)).toEqual(expect.arrayContaining(['open_claim_rejected']));
    const canalNotices = w.world.notices(canal) as { channel: string; recipient: string; text: string }[];
    expect(canalNotices).toEqual(expect.arrayContaining([
      expect.objectContaining({ channel: 'internal', recipient: 'dingshan', text: expect.stringContaining('已公开发榜') }),
      expect.objectContaining({ channel: 'internal', recipient: 'dingshan', text: expect.stringContaining('已报告完成情况') }),
      expect.objectContaining({ channel: 'sms', recipient: COMPANY_PHONE, text: expect.stringContaining('经审核通过,获得积分 30 分') }),
    ]));
    const roadNotices = w.world.notices(road) as { channel: string; recipient: string; text: string }[];
    expect(roadNotices).toEqual(expect.arrayContaining([expect.objectContaining({ channel: 'internal', recipient: 'water-bureau-staff-3', text: expect.stringContaining('未通过审核:塌方仍有一处未清理') })]));

    // and: the claimant's phone is for the reviewing unit only
    const supervisorView = await supervisor.get(`/api/claims?requestId=${canal}`);
    expect(supervisorView.body.items[0].claims[0].claimant.phone).toBeNull();

    // and: a staff claimant finds the postings they claimed (of another unit), with no one else's contact in them
    const mine = await waterHandler.get('/api/claims?mine=true');
    const ownUnits = await waterHandler.get('/api/claims');
    expect(mine.body.items.map((p: any) => p.id)).toEqual([roadId]);
    expect(mine.body.items[0].claims.map((c: any) => [c.claimant.kind.code, c.status.code, c.claimant.phone])).toEqual([['company', 'approved', null], ['staff', 'rejected', null]]);
    expect(ownUnits.body.items).toEqual([]);

    // and: no public answer carried the citizen's identity, the request's text or the company's phone
    const everything = publicAnswers.join('\n');
    expect(publicAnswers).toHaveLength(15);
    for (const secret of [CITIZEN.name, '钱多多', CITIZEN.phone, REQUEST_TEXT, COMPANY_PHONE]) expect(everything).not.toContain(secret);
  });

  it('lets the poster withdraw a claimed posting: the claim ends, the claimant is told, and the public no longer finds it', async () => {
    // given: a posting claimed by a citizen who left a phone
    const id = await townshipRequest('四组水井水量不足,夏天吃水困难');
    const posted = await leader.post('/api/claims', { requestId: id, title: '四组打一口新井', description: '需要打井队', points: 40 });
    const claimed = await w.public.post(`/api/public/claims/${posted.body.id}/claim`, { kind: 'citizen', displayName: '（演示）打井师傅老周', phone: '13600001111' });

    // when: someone who is neither the poster nor a leader of 鼎山镇 tries, then the poster withdraws
    const byHandler = await township.post(`/api/claims/${posted.body.id}/withdrawal`, { note: '想撤' });
    const withdrawn = await leader.post(`/api/claims/${posted.body.id}/withdrawal`, { note: '镇上已安排打井' });
    const again = await leader.post(`/api/claims/${posted.body.id}/withdrawal`);
    const publicView = await w.public.get(`/api/public/claims/${posted.body.id}`);
    const lateWork = await w.public.post(`/api/public/claims/${posted.body.id}/work`, { claimCode: claimed.body.claimCode, report: '井打好了' });

    // then
    expect(claimed.status).toBe(201);
    expect(byHandler.status).toBe(403);
    expect(withdrawn.body).toEqual({ openClaimId: posted.body.id, postingStatus: { code: 'withdrawn', label: '已撤榜' }, claimId: claimed.body.claimId, claimStatus: { code: 'withdrawn', label: '已撤销' }, pointsAwarded: null });
    expect(again.status).toBe(409);
    expect(publicView.status).toBe(404);
    expect(lateWork.status).toBe(404);
    expect(w.world.notices(id)).toEqual(expect.arrayContaining([expect.objectContaining({ channel: 'sms', recipient: '13600001111', text: expect.stringContaining('已撤榜') })]));
  });

  it('refuses to post a request that is not the caller\'s to see (404), and claims by the poster or the responsible unit\'s own staff (403)', async () => {
    // given: a request of 鼎山镇 posted by the special team
    const id = await townshipRequest('五组便民桥栏杆锈断,存在安全隐患');
    const otherTownship = await w.login('huacheng-staff-2');
    const posted = await team.post('/api/claims', { requestId: id, title: '更换五组便民桥栏杆', description: '需要焊工和钢材', points: 10 });

    // when
    const byOtherTownship = await otherTownship.post('/api/claims', { requestId: id, title: '化成镇来发', description: '不是我们的', points: 10 });
    const byPoster = await team.post(`/api/claims/${posted.body.id}/claim`);
    const byOwnUnit = await township.post(`/api/claims/${posted.body.id}/claim`);
    const unknown = await w.public.post('/api/public/claims/999999/claim', { kind: 'citizen', displayName: '路人' });

    // then
    expect(posted.status).toBe(201);
    expect(byOtherTownship.status).toBe(404);
    expect([byPoster.status, byOwnUnit.status]).toEqual([403, 403]);
    expect(unknown.status).toBe(404);
  });
});
