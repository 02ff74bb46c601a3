// Open claims with points (公开发榜, 积分), the study's proposal: a request that many resources could
// solve is posted publicly; citizens, companies and staff claim it, report their work, and the
// responsible unit's leaders (or the poster) review it; approved work earns the posting's points,
// counted per calendar year (Beijing time) in a public ranking. Approving a claim does not close the
// request: closure still needs the four signatures.
//
//   staff   GET /api/claims, GET /api/claims/{id}, POST /api/claims (post),
//           POST /api/claims/{id}/withdrawal, /claim, /work, /review
//   public  GET /api/public/claims, /api/public/claims/ranking, /api/public/claims/{id},
//           POST /api/public/claims/{id}/claim (answers a claim code once), /work (with the code)
import { Type } from 'typebox';
import {
  claimantsNamed,
  claimOpenClaim,
  claimRanking,
  beijingYear,
  claimsOfPosting,
  getPosting,
  identityOfRequester,
  postingsVisibleTo,
  postOpenClaim,
  publicPosting,
  publicPostingList,
  reportClaimWork,
  reviewClaim,
  updateClaimantPhone,
  withdrawOpenClaim,
  type ClaimantRef,
  type Posting,
} from '../../store/claims.js';
import { hashPasswordAsync, verifyPasswordAsync } from '../../store/passwords.js';
import { getRequest } from '../../store/requests.js';
import { canSeeRequest } from '../../store/visibility.js';
import { requireStaff } from '../auth/access.js';
import type { Staff } from '../auth/staff.js';
import { ApiProblem, conflict, forbidden, invalidField, notFound, t } from '../problems.js';
import type { RouteOptions } from '../route-options.js';
import { beijing, problems } from '../schemas.js';
import type { Api } from '../types.js';
import {
  looksLikeANumber,
  mayClaimAsStaff,
  mayManage,
  mayPost,
  newClaimCode,
  POSTING_ROLES,
  repeatsIdentity,
  requireMayManage,
  requireNotOwnClaim,
  seesClaimantContact,
  staffDisplayName,
} from './policy.js';
import {
  ClaimAnswer,
  claimAnswer,
  claimView,
  PostingId,
  PublicClaimAnswer,
  PublicPostingView,
  publicPostingView,
  rankingItems,
  RankingView,
  StaffPostingView,
  StepAnswer,
  stepAnswer,
} from './views.js';

const TAGS = ['claims'];
const Page = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
};
const Report = Type.String({ minLength: 1, maxLength: 5000, description: 'what was done, for the reviewers' });
const ClaimCode = Type.String({ minLength: 1, maxLength: 20, description: 'the claim code (认领码) answered at the first claim' });
const Phone = Type.String({ maxLength: 20, pattern: '^(1\\d{10}|0\\d{2,3}-?\\d{7,8})$', description: 'a mobile or landline number; never shown publicly' });
const noPosting = () => notFound(t('没有这条发榜', 'no such posting'));

export default async function claimsRoutes(app: Api, options: RouteOptions): Promise<void> {
  const rateLimit = options.publicRateLimit;

  /** A posting the caller may act on as staff: of a request they may see, or one they posted or claimed; anything else is 404. */
  function postingForStaff(s: Staff, id: number): Posting {
    const posting = getPosting(app.store.db, id);
    if (posting === undefined) throw noPosting();
    if (canSeeRequest(app.store.db, s.scope, posting.requestId) || posting.postedByStaffId === s.staffId) return posting;
    if (claimsOfPosting(app.store.db, id).some((c) => c.claimant.staffId === s.staffId)) return posting;
    throw noPosting();
  }

  function staffView(s: Staff, id: number) {
    const mine = getPosting(app.store.db, id);
    const visibility = mine !== undefined && canSeeRequest(app.store.db, s.scope, mine.requestId) ? s.scope : ({ kind: 'district' } as const);
    const found = postingsVisibleTo(app.store.db, visibility, { id, limit: 1, offset: 0 }).postings[0];
    if (found === undefined) throw noPosting();
    return staffPostingOf(s, found);
  }

  function staffPostingOf(s: Staff, p: ReturnType<typeof postingsVisibleTo>['postings'][number]) {
    const contact = seesClaimantContact(s, p);
    return {
      ...publicPostingView(p),
      responsibleUnitId: p.responsibleUnitId,
      postedBy: { staffId: p.postedByStaffId, name: p.postedByName, unitId: p.postedByUnitId },
      mayManage: mayManage(s, { postedByStaffId: p.postedByStaffId, request: { responsibleUnitId: p.responsibleUnitId } as Posting['request'] }),
      claims: claimsOfPosting(app.store.db, p.id).map((c) => claimView(c, contact)),
    };
  }

  // ------------------------------------------------------------------ staff

  app.get(
    '/api/claims',
    {
      config: { access: { staff: 'any' } },
      schema: {
        tags: TAGS,
        summary: '本单位的发榜 Postings of my unit',
        description:
          'The postings of the requests the caller may see (a village its own, a township its villages\', the district everything), newest first, ' +
          'with every claim; `mine=true`: the postings the caller posted or claimed. A claimant\'s phone shows only to the responsible unit and the poster\'s unit.',
        querystring: Type.Object({
          status: Type.Optional(Type.Union(['open', 'claimed', 'done', 'withdrawn'].map((s) => Type.Literal(s)))),
          requestId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
          mine: Type.Optional(Type.Boolean({ description: 'true: the postings I posted or claimed, of whichever unit' })),
          ...Page,
        }),
        response: { 200: Type.Object({ items: Type.Array(StaffPostingView), more: Type.Boolean() }), ...problems(400, 401) },
      },
    },
    async (request) => {
      const s = requireStaff(request);
      const q = request.query;
      const { postings, more } = postingsVisibleTo(app.store.db, q.mine === true ? { kind: 'district' } : s.scope, {
        status: q.status as 'open' | 'claimed' | 'done' | 'withdrawn' | undefined,
        requestId: q.requestId,
        postedOrClaimedBy: q.mine === true ? s.staffId : undefined,
        limit: q.limit ?? 50,
        offset: q.offset ?? 0,
      });
      return { items: postings.map((p) => staffPostingOf(s, p)), more };
    },
  );

  app.get(
    '/api/claims/:id',
    {
      config: { access: { staff: 'any' } },
      schema: {
        tags: TAGS,
        summary: '发榜详情 A posting with its claims',
        description: 'For staff who may see its request, its poster and its staff claimants; anyone else gets 404.',
        params: PostingId,
        response: { 200: StaffPostingView, ...problems(400, 401, 404) },
      },
    },
    async (request) => {
      const s = requireStaff(request);
      postingForStaff(s, request.params.id);
      return staffView(s, request.params.id);
    },
  );

  app.post(
    '/api/claims',
    {
      config: { access: { staff: POSTING_ROLES } },
      schema: {
        tags: TAGS,
        summary: '公开发榜 Post a request for anyone to claim',
        description:
          'By the leaders (leader in charge, main leader) of the request\'s responsible unit, the district special team or district supervisors; ' +
          'only a request still being worked on (assigned, in progress, re-handling) that the caller may see (else 404). Title and description are public: ' +
          'they may not repeat the citizen\'s name, phone, ID number or address (400). One live posting per request (409).',
        body: Type.Object(
          {
            requestId: Type.String({ minLength: 1, maxLength: 64 }),
            title: Type.String({ minLength: 1, maxLength: 100, description: 'public' }),
            description: Type.String({ minLength: 1, maxLength: 2000, description: 'public: what is wanted, in the poster\'s words' }),
            points: Type.Integer({ minimum: 1, maximum: 1000, description: 'earned when the work is approved' }),
          },
          { additionalProperties: false },
        ),
        response: { 201: StaffPostingView, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const s = requireStaff(request);
      const b = request.body;
      request.audit.target = b.requestId;
      const db = app.store.db;
      if (!canSeeRequest(db, s.scope, b.requestId)) throw notFound(t('没有这件诉求', 'no such request'));
      const title = b.title.trim();
      const description = b.description.trim();
      if (title === '') throw invalidField('title', t('请填写标题', 'a title is needed'));
      if (description === '') throw invalidField('description', t('请填写说明', 'a description is needed'));
      const unitId = getRequest(db, b.requestId)?.responsibleUnitId ?? null;
      const allowed = mayPost(s, unitId);
      if (!allowed.ok) throw forbidden(allowed.reason);
      const identity = identityOfRequester(db, b.requestId);
      for (const [field, text] of [['title', title], ['description', description]] as const) {
        if (repeatsIdentity(text, identity) || looksLikeANumber(text)) {
          throw invalidField(field, t('公开内容不能包含诉求人的姓名、电话、身份证号或住址', "public text may not carry the citizen's name, phone, ID number or address"));
        }
      }
      const posted = postOpenClaim(db, { requestId: b.requestId, title, description, points: b.points, postedByStaffId: s.staffId, at: app.now() });
      if (!posted.ok) {
        if (posted.reason === 'live-posting') throw conflict(t('这件诉求已在发榜中', 'the request is posted already'));
        throw conflict(t('只能发榜正在办理的诉求', 'only a request still being worked on can be posted'));
      }
      request.audit.detail = { openClaimId: posted.posting.id, points: b.points };
      return reply.code(201).send(staffView(s, posted.posting.id));
    },
  );

  app.post(
    '/api/claims/:id/withdrawal',
    {
      config: { access: { staff: POSTING_ROLES } },
      schema: {
        tags: TAGS,
        summary: '撤榜 Withdraw a posting',
        description: 'By the poster or a leader of the responsible unit, while it is open or claimed; a claim under way ends and its claimant is told.',
        params: PostingId,
        body: Type.Object({ note: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false, description: 'optional: a POST without a body withdraws without a note' }),
        response: { 200: StepAnswer, ...problems(400, 401, 403, 404, 409) },
      },
      // a withdrawal needs no words: a POST without a body is one with an empty object
      preValidation: async (request) => {
        request.body ??= {};
      },
    },
    async (request) => {
      const s = requireStaff(request);
      const posting = postingForStaff(s, request.params.id);
      request.audit.target = posting.requestId;
      requireMayManage(s, posting, 'withdraw');
      const note = request.body.note?.trim() || null;
      const done = withdrawOpenClaim(app.store.db, { openClaimId: posting.id, byStaffId: s.staffId, note, at: app.now() });
      if (!done.ok) throw conflict(t('这条发榜已结束', 'the posting is over already'));
      request.audit.detail = { openClaimId: posting.id };
      return stepAnswer(posting.id, 'withdrawn', posting.liveClaim === null ? null : { id: posting.liveClaim.id, status: 'withdrawn' });
    },
  );

  app.post(
    '/api/claims/:id/claim',
    {
      config: { access: { staff: 'any' } },
      schema: {
        tags: TAGS,
        summary: '干部认领 Claim a posting as a member of staff',
        description:
          'Any member of staff but the poster and the responsible unit\'s own staff (403: that work is the unit\'s duty). ' +
          'The ranking shows them by name and unit. A posting already claimed, or of a finished request: 409.',
        params: PostingId,
        response: { 201: ClaimAnswer, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const s = requireStaff(request);
      const posting = getPosting(app.store.db, request.params.id);
      if (posting === undefined || posting.status === 'withdrawn') throw noPosting();
      request.audit.target = posting.requestId;
      const allowed = mayClaimAsStaff(s, posting);
      if (!allowed.ok) throw forbidden(allowed.reason);
      const claimed = claimOpenClaim(app.store.db, { openClaimId: posting.id, claimant: { kind: 'staff', staffId: s.staffId, displayName: staffDisplayName(s) }, at: app.now() });
      if (!claimed.ok) throw claimRefusal(claimed.reason);
      request.audit.detail = { openClaimId: posting.id, claimId: claimed.claim.id };
      return reply.code(201).send(claimAnswer(posting.id, claimed.claim, claimed.claimant));
    },
  );

  app.post(
    '/api/claims/:id/work',
    {
      config: { access: { staff: 'any' } },
      schema: {
        tags: TAGS,
        summary: '干部报告完成情况 Report the work of my claim',
        description: 'By the member of staff whose claim is under way (403 for anyone else); once, then it awaits review (409).',
        params: PostingId,
        body: Type.Object({ report: Report }, { additionalProperties: false }),
        response: { 200: StepAnswer, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const s = requireStaff(request);
      const posting = getPosting(app.store.db, request.params.id);
      if (posting === undefined || posting.status === 'withdrawn') throw noPosting();
      request.audit.target = posting.requestId;
      const claim = posting.liveClaim;
      if (claim === null) throw conflict(t('这条发榜目前没有进行中的认领', 'nobody is working on this posting now'));
      if (claim.claimant.staffId !== s.staffId) throw forbidden(t('这不是您的认领', 'this is not your claim'));
      return reportWork(posting, claim.id, request.body.report, (detail) => (request.audit.detail = detail));
    },
  );

  app.post(
    '/api/claims/:id/review',
    {
      config: { access: { staff: POSTING_ROLES } },
      schema: {
        tags: TAGS,
        summary: '审核认领 Review the claimed work',
        description:
          'By the poster or a leader of the responsible unit, never the claimant (403). approved: the posting\'s points are awarded and the posting is done ' +
          '(the request still closes only with the four signatures); not approved: the claim is rejected (a note is required) and the posting is open again. ' +
          'Work can be approved once it was reported (409 before); `claimId`, when given, must be the claim under way (409).',
        params: PostingId,
        body: Type.Object(
          {
            approved: Type.Boolean(),
            note: Type.Optional(Type.String({ maxLength: 2000 })),
            claimId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: StepAnswer, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const s = requireStaff(request);
      const posting = postingForStaff(s, request.params.id);
      request.audit.target = posting.requestId;
      requireNotOwnClaim(s, posting);
      requireMayManage(s, posting, 'review');
      const { approved, claimId } = request.body;
      const note = request.body.note?.trim() || null;
      const claim = posting.liveClaim;
      if (claim === null || (claimId !== undefined && claimId !== claim.id)) throw conflict(t('没有待审核的认领', 'no claim awaits review'));
      if (!approved && note === null) throw invalidField('note', t('不通过时请说明理由', 'say why the work is not approved'));
      const reviewed = reviewClaim(app.store.db, { openClaimId: posting.id, claimId: claim.id, reviewerStaffId: s.staffId, approved, note, at: app.now() });
      if (!reviewed.ok) {
        if (reviewed.reason === 'not-reported') throw conflict(t('认领人尚未报告完成情况,不能审核通过', 'the claimant has not reported the work yet'));
        throw conflict(t('没有待审核的认领', 'no claim awaits review'));
      }
      request.audit.detail = { openClaimId: posting.id, claimId: claim.id, approved };
      return stepAnswer(posting.id, reviewed.posting.status, reviewed.claim);
    },
  );

  // ------------------------------------------------------------------ public

  app.get(
    '/api/public/claims',
    {
      config: { access: 'public', rateLimit },
      schema: {
        tags: ['public', ...TAGS],
        summary: '公开发榜 Postings open to claim',
        description:
          'Postings open to be claimed (of requests still being worked on) and postings being worked on, newest first: the poster\'s title and description, ' +
          'points, the unit, township and village by name, the posted date, and who claimed it by the name they chose. Never the citizen, never a phone.',
        querystring: Type.Object({
          status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('claimed')])),
          townshipId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
          ...Page,
        }),
        response: { 200: Type.Object({ items: Type.Array(PublicPostingView) }), ...problems(400, 429) },
      },
    },
    async (request) => {
      const q = request.query;
      const items = publicPostingList(app.store.db, { status: q.status as 'open' | 'claimed' | undefined, townshipId: q.townshipId, limit: q.limit ?? 50, offset: q.offset ?? 0 });
      return { items: items.map(publicPostingView) };
    },
  );

  app.get(
    '/api/public/claims/ranking',
    {
      config: { access: 'public', rateLimit },
      schema: {
        tags: ['public', ...TAGS],
        summary: '积分榜 Points of the year',
        description:
          'Points per claimant for the claims approved in a calendar year (Beijing time; default: this year), most points first: the name they chose ' +
          '(staff: name and unit), citizen, company or staff, points, claims approved. `kind` narrows it to one kind.',
        querystring: Type.Object({
          year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
          kind: Type.Optional(Type.Union([Type.Literal('citizen'), Type.Literal('company'), Type.Literal('staff')])),
          ...Page,
        }),
        response: { 200: RankingView, ...problems(400, 429) },
      },
    },
    async (request) => {
      const q = request.query;
      const year = q.year ?? new Date(app.now().getTime() + 8 * 3_600_000).getUTCFullYear();
      const { from, to } = beijingYear(year);
      const offset = q.offset ?? 0;
      const kind = q.kind as 'citizen' | 'company' | 'staff' | undefined;
      const lines = claimRanking(app.store.db, { from, to, kind, limit: q.limit ?? 50, offset });
      return { year, kind: kind ?? null, from: beijing(from), to: beijing(to), items: rankingItems(lines, offset) };
    },
  );

  app.get(
    '/api/public/claims/:id',
    {
      config: { access: 'public', rateLimit },
      schema: {
        tags: ['public', ...TAGS],
        summary: '发榜详情 A posting',
        description: 'Open, claimed or done; a withdrawn posting answers 404.',
        params: PostingId,
        response: { 200: PublicPostingView, ...problems(400, 404, 429) },
      },
    },
    async (request) => {
      const found = publicPosting(app.store.db, request.params.id);
      if (found === undefined) throw noPosting();
      return publicPostingView(found);
    },
  );

  app.post(
    '/api/public/claims/:id/claim',
    {
      config: { access: 'public', rateLimit },
      schema: {
        tags: ['public', ...TAGS],
        summary: '群众或企业认领 Claim a posting as a citizen or company',
        description:
          'kind citizen or company, the name to be shown under (public, in the ranking), and optionally a phone (never public: for the unit and for SMS notices). ' +
          'A claimant new to open claims gets a claim code (认领码) once, in this answer: keep it to report the work and to claim again under the same name. ' +
          'A name already taken needs its claim code (`claimCode`, else 409; a wrong code 403). A posting already claimed, or of a finished request: 409.',
        params: PostingId,
        body: Type.Object(
          {
            kind: Type.Union([Type.Literal('citizen'), Type.Literal('company')]),
            displayName: Type.String({ minLength: 1, maxLength: 40, description: 'shown publicly' }),
            phone: Type.Optional(Phone),
            claimCode: Type.Optional(ClaimCode),
          },
          { additionalProperties: false },
        ),
        response: { 201: PublicClaimAnswer, ...problems(400, 403, 404, 409, 429) },
      },
    },
    async (request, reply) => {
      const db = app.store.db;
      const posting = getPosting(db, request.params.id);
      if (posting === undefined || posting.status === 'withdrawn') throw noPosting();
      request.audit.target = posting.requestId;
      // refuse what cannot succeed before spending a hash on it
      if (posting.status !== 'open') throw claimRefusal('not-open');
      const b = request.body;
      const displayName = b.displayName.trim();
      if (displayName === '') throw invalidField('displayName', t('请填写显示名称', 'a display name is needed'));
      if (looksLikeANumber(displayName)) throw invalidField('displayName', t('显示名称会公开,不能包含电话或证件号码', 'the display name is public: no phone or ID numbers in it'));
      const kind = b.kind as 'citizen' | 'company';
      const known = claimantsNamed(db, kind, displayName);
      let ref: ClaimantRef;
      let code: string | null = null;
      if (known.length > 0) {
        if (b.claimCode === undefined) throw conflict(t('这个名称已有认领人使用:请填写您的认领码,或换一个名称', 'the name is taken: give its claim code, or choose another name'));
        const owner = await claimantWithCode(known, b.claimCode);
        if (owner === undefined) throw wrongCode();
        ref = { claimantId: owner };
      } else {
        if (b.claimCode !== undefined) throw wrongCode();
        code = newClaimCode();
        ref = { kind, displayName, contactPhone: b.phone ?? null, codeHash: await hashPasswordAsync(code) };
      }
      const claimed = claimOpenClaim(db, { openClaimId: posting.id, claimant: ref, at: app.now() });
      if (!claimed.ok) throw claimRefusal(claimed.reason);
      if ('claimantId' in ref && b.phone !== undefined) updateClaimantPhone(db, claimed.claimant.id, b.phone);
      request.audit.actor = `claimant:${claimed.claimant.id}`;
      request.audit.detail = { openClaimId: posting.id, claimId: claimed.claim.id };
      return reply.code(201).send({ ...claimAnswer(posting.id, claimed.claim, claimed.claimant), claimCode: code });
    },
  );

  app.post(
    '/api/public/claims/:id/work',
    {
      config: { access: 'public', rateLimit },
      schema: {
        tags: ['public', ...TAGS],
        summary: '报告完成情况 Report the work of a claim',
        description: 'With the claim code of the claim under way (403 otherwise); once, then it awaits review (409).',
        params: PostingId,
        body: Type.Object({ claimCode: ClaimCode, report: Report }, { additionalProperties: false }),
        response: { 200: StepAnswer, ...problems(400, 403, 404, 409, 429) },
      },
    },
    async (request) => {
      const posting = getPosting(app.store.db, request.params.id);
      if (posting === undefined || posting.status === 'withdrawn') throw noPosting();
      request.audit.target = posting.requestId;
      const claim = posting.liveClaim;
      if (claim === null) throw conflict(t('这条发榜目前没有进行中的认领', 'nobody is working on this posting now'));
      const hash = claim.claimant.codeHash;
      if (hash === null || !(await verifyPasswordAsync(request.body.claimCode, hash))) throw wrongCode();
      request.audit.actor = `claimant:${claim.claimant.id}`;
      return reportWork(posting, claim.id, request.body.report, (detail) => (request.audit.detail = detail));
    },
  );

  // ------------------------------------------------------------------ shared steps

  function reportWork(posting: Posting, claimId: number, text: string, audit: (detail: Record<string, unknown>) => void) {
    const report = text.trim();
    if (report === '') throw invalidField('report', t('请填写完成情况', 'say what was done'));
    const done = reportClaimWork(app.store.db, { openClaimId: posting.id, claimId, report, at: app.now() });
    if (!done.ok) throw conflict(t('已报告过完成情况,正在等待审核', 'the work was reported already and awaits review'));
    audit({ openClaimId: posting.id, claimId });
    return stepAnswer(posting.id, 'claimed', { id: claimId, status: 'submitted' });
  }
}

async function claimantWithCode(candidates: { id: number; codeHash: string | null }[], code: string): Promise<number | undefined> {
  for (const c of candidates) {
    if (c.codeHash !== null && (await verifyPasswordAsync(code, c.codeHash))) return c.id;
  }
  return undefined;
}

const wrongCode = () => new ApiProblem('wrong-code', t('认领码不正确', 'wrong claim code'), [{ field: 'claimCode', message: t('认领码不正确', 'wrong claim code') }]);

function claimRefusal(reason: 'no-posting' | 'not-open' | 'request-finished' | 'name-taken'): ApiProblem {
  switch (reason) {
    case 'no-posting':
      return notFound(t('没有这条发榜', 'no such posting'));
    case 'not-open':
      return conflict(t('这条发榜已被认领或已结束', 'the posting is claimed already or over'));
    case 'request-finished':
      return conflict(t('这件诉求已办结,不再接受认领', 'the request is finished: it takes no more claims'));
    case 'name-taken':
      return conflict(t('这个名称已有认领人使用:请填写您的认领码,或换一个名称', 'the name is taken: give its claim code, or choose another name'));
  }
}
