// Requests for staff: intake from every channel (POST /api/requests), the search, likely
// duplicates, and a request's detail. Also the recovery loop that starts the instances of requests
// whose start message never reached the engine (instance-start.ts), run while the app is.
import { Type } from 'typebox';
import { channels, levels, requestStatuses, validateNewRequest, type Channel, type Level, type RequestStatus } from '../../domain/index.js';
import { likelyDuplicates, searchRequests } from '../../store/request-search.js';
import { canSeeRequest } from '../../store/visibility.js';
import { requireStaff } from '../auth/access.js';
import type { Staff } from '../auth/staff.js';
import { ApiProblem, forbidden, invalidField, notFound, t, type FieldProblem } from '../problems.js';
import type { RouteOptions } from '../route-options.js';
import { problems } from '../schemas.js';
import type { Api } from '../types.js';
import blockedRoutes from './blocked.js';
import { requestDetail, RequestDetail } from './detail.js';
import { instanceStarterOf } from './instance-start.js';
import { idempotencyKeyOf, intakeProblems, purgeOldAnswers, takeIn, type NewIntake } from './intake.js';
import { DuplicateItem, duplicateView, IdempotencyHeaders, SearchItem, searchItemView, Taken } from './views.js';

const literals = <C extends string>(codes: readonly C[]) => Type.Union(codes.map((c) => Type.Literal(c)));
const Id = Type.String({ minLength: 1, maxLength: 64 });

const StaffIntake = Type.Object(
  {
    // open311 requests come only through /open311/v2 (a key, not a login)
    channel: literals(channels.codes.filter((c) => c !== 'open311')),
    text: Type.String({ minLength: 1, maxLength: 5000 }),
    townshipId: Id,
    villageId: Type.Optional(Id),
    citizen: Type.Optional(
      Type.Object(
        {
          name: Type.Optional(Type.String({ maxLength: 50 })),
          phone: Type.Optional(Type.String({ maxLength: 20 })),
          idNumber: Type.Optional(Type.String({ maxLength: 18, pattern: '^\\d{17}[\\dXx]$', description: '居民身份证号码' })),
          address: Type.Optional(Type.String({ maxLength: 200 })),
        },
        { additionalProperties: false },
      ),
    ),
    proxy: Type.Optional(
      Type.Object(
        {
          proxyName: Type.String({ minLength: 1, maxLength: 50, description: 'who brought or relayed the request' }),
          proxyPhone: Type.Optional(Type.String({ maxLength: 20 })),
          relation: Type.String({ minLength: 1, maxLength: 30, description: 'to the citizen, e.g. 子女, 网格员, 邻居' }),
          consentGiven: Type.Boolean({ description: 'the citizen agreed to have it entered on their behalf: must be true' }),
          consentMethod: literals(['in_person', 'phone', 'written'] as const),
          consentNote: Type.Optional(Type.String({ maxLength: 500 })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

/** Where a member of staff may enter requests: a village's staff for it, a township's for itself and its villages, district units anywhere. */
function mayEnterFor(staff: Staff, townshipId: string, villageId: string | undefined): boolean {
  switch (staff.scope.kind) {
    case 'village':
      return villageId === staff.scope.unitId;
    case 'township':
      return townshipId === staff.scope.unitId;
    case 'department':
    case 'district':
      return true;
  }
}

/** The rules the schema cannot say about the proxy record (代办录入). */
function proxyProblems(i: NewIntake): FieldProblem[] {
  if (i.channel !== 'proxy') {
    return i.proxy === undefined ? [] : [{ field: 'proxy', message: t('只有代办录入渠道才填写代办人', 'only for the channel proxy') }];
  }
  if (i.proxy === undefined) return [{ field: 'proxy', message: t('代办录入须登记代办人及诉求人同意情况', 'a proxy entry needs the proxy and the citizen\'s consent') }];
  const out: FieldProblem[] = [];
  if (i.proxy.consentGiven !== true) out.push({ field: 'proxy.consentGiven', message: t('须经诉求人本人同意方可代办录入', 'the citizen must have consented') });
  if (i.proxy.proxyPhone !== undefined) {
    // the same rule as the citizen's phone (domain/validation.ts)
    const phone = validateNewRequest({ channel: i.channel, text: '-', location: { townshipId: '-' }, citizen: { phone: i.proxy.proxyPhone } });
    if (!phone.ok && phone.errors.some((e) => e.field === 'citizen.phone')) out.push({ field: 'proxy.proxyPhone', message: t('代办人电话格式不正确', 'not a phone number') });
  }
  return out;
}

export default async function requestsRoutes(app: Api, _options: RouteOptions): Promise<void> {
  const starter = instanceStarterOf(app);
  let purge: NodeJS.Timeout | undefined;
  app.addHook('onReady', async () => {
    starter.run();
    purge = setInterval(() => {
      try {
        purgeOldAnswers(app);
      } catch (error) {
        app.log.error({ err: error }, 'could not purge old idempotent answers');
      }
    }, 3_600_000);
    purge.unref();
  });
  app.addHook('onClose', async () => {
    if (purge !== undefined) clearInterval(purge);
    await starter.stop();
  });
  await app.register(blockedRoutes);

  app.post(
    '/api/requests',
    {
      config: { access: { staff: ['collector', 'clerk', 'handler'] } },
      schema: {
        tags: ['requests'],
        summary: '受理诉求(各渠道) Take a request in, from any channel',
        description:
          'Staff enter a request for any channel; for `proxy` (代办, for the elderly and the offline) the proxy and the citizen\'s consent are recorded. ' +
          'A village\'s staff enter for their village, a township\'s for itself and its villages, district units anywhere. ' +
          'Answers 201 once the engine started the request\'s process instance, 202 with the same body when the engine could not be reached (the request is kept and starts when it is back). ' +
          'With an Idempotency-Key a retry gets the first answer again (same status and body); the same key with another body answers 422.',
        headers: IdempotencyHeaders,
        body: StaffIntake,
        response: {
          201: Type.Object({ ...Taken.properties, duplicates: Type.Array(DuplicateItem, { description: 'likely duplicates (并单 candidates), best first' }) }),
          202: Type.Object({ ...Taken.properties, duplicates: Type.Array(DuplicateItem) }),
          ...problems(400, 401, 403, 422),
        },
      },
    },
    async (request, reply) => {
      const staff = requireStaff(request);
      const b = request.body;
      const intake: NewIntake = {
        channel: b.channel as Channel,
        text: b.text,
        townshipId: b.townshipId,
        villageId: b.villageId,
        citizen: b.citizen,
        enteredBy: staff.staffId,
        proxy: b.proxy,
      };
      const found = [...intakeProblems(app, intake), ...proxyProblems(intake)];
      if (found.length > 0) throw new ApiProblem('validation', found[0]!.message, found);
      if (!mayEnterFor(staff, b.townshipId, b.villageId)) {
        throw forbidden(t(`${staff.unitName}只能受理本辖区的诉求`, `${staff.unitName} takes in requests for its own area only`));
      }
      const answer = await takeIn(app, {
        route: 'POST /api/requests',
        caller: staff.staffId,
        idempotencyKey: idempotencyKeyOf(request.headers),
        body: b,
        intake,
        duplicatesFor: staff.scope,
      });
      request.audit.target = answer.body.id;
      request.audit.detail = { channel: b.channel };
      return reply.code(answer.statusCode).send({ duplicates: [], ...answer.body });
    },
  );

  app.get(
    '/api/requests/duplicates',
    {
      config: { access: { staff: 'any' } },
      schema: {
        tags: ['requests'],
        summary: '疑似重复诉求 Likely duplicates',
        description:
          'Requests of the same village (or of the township when no village is given), still open or closed in the last 90 days, whose text is similar (character bigrams), best first, at most 5; only requests the caller may see.',
        querystring: Type.Object({ townshipId: Id, villageId: Type.Optional(Id), text: Type.String({ minLength: 1, maxLength: 5000 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(DuplicateItem) }), ...problems(400, 401) },
      },
    },
    async (request) => {
      const staff = requireStaff(request);
      const { townshipId, villageId, text } = request.query;
      return { items: likelyDuplicates(app.store.db, staff.scope, { townshipId, villageId, text, now: app.now() }).map(duplicateView) };
    },
  );

  app.get(
    '/api/requests',
    {
      config: { access: { staff: 'any' } },
      schema: {
        tags: ['requests'],
        summary: '查询诉求 Search requests',
        description:
          'The requests the caller may see, newest first. `q`: a request number (or its beginning, e.g. SQ20250303) or words of the text ' +
          '(every character pair must occur; a single character is looked for among the 5,000 newest). ' +
          '`total` comes with the last page only (counting every match would be slow); `more` says whether another page follows.',
        querystring: Type.Object(
          {
            q: Type.Optional(Type.String({ maxLength: 100 })),
            status: Type.Optional(literals(requestStatuses.codes)),
            level: Type.Optional(literals(levels.codes)),
            from: Type.Optional(Type.String({ format: 'date-time', maxLength: 40, description: 'received at or after' })),
            to: Type.Optional(Type.String({ format: 'date-time', maxLength: 40, description: 'received before' })),
            overdue: Type.Optional(Type.Boolean()),
            limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
            offset: Type.Integer({ minimum: 0, maximum: 10_000, default: 0 }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ items: Type.Array(SearchItem), total: Type.Optional(Type.Integer()), more: Type.Boolean() }),
          ...problems(400, 401),
        },
      },
    },
    async (request) => {
      const staff = requireStaff(request);
      const q = request.query;
      // the schema's coercion lets a huge number such as 1e309 through as Infinity
      for (const name of ['limit', 'offset'] as const) {
        if (!Number.isSafeInteger(q[name])) throw invalidField(`querystring.${name}`, t('须为整数', 'must be a whole number'));
      }
      const result = searchRequests(app.store.db, staff.scope, {
        q: q.q,
        status: q.status as RequestStatus | undefined,
        level: q.level as Level | undefined,
        from: q.from === undefined ? undefined : new Date(q.from),
        to: q.to === undefined ? undefined : new Date(q.to),
        overdue: q.overdue,
        limit: q.limit,
        offset: q.offset,
      });
      return { items: result.items.map(searchItemView), ...(result.total === undefined ? {} : { total: result.total }), more: result.more };
    },
  );

  app.get(
    '/api/requests/:id',
    {
      config: { access: { staff: 'any' } },
      schema: {
        tags: ['requests'],
        summary: '诉求详情 A request',
        description: 'Where the request stands, the citizen\'s identity and the proxy record; 404 for a request outside the caller\'s area.',
        params: Type.Object({ id: Id }),
        response: { 200: RequestDetail, ...problems(401, 404) },
      },
    },
    async (request) => {
      const staff = requireStaff(request);
      const { id } = request.params;
      const detail = canSeeRequest(app.store.db, staff.scope, id) ? requestDetail(app.store.db, id) : undefined;
      if (detail === undefined) throw notFound(t(`没有诉求 ${id}`, `no request ${id}`));
      return detail;
    },
  );
}
