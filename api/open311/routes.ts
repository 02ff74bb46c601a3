// Open311 GeoReport v2 at /open311/v2 (wiki.open311.org/GeoReport_v2): how civic apps such as
// FixMyStreet hand requests to a city and follow them. discovery, services, services/{code},
// requests (GET; POST with an api_key), requests/{id}, tokens/{token}; each as `.xml` (the spec's
// required format), `.json`, or without an extension (XML).
//
// Everything here is public and rate-limited like the citizens' door. A request submitted here goes
// through the same intake as every other (channel `open311`) and starts its process; what the app
// says of the citizen (name, phone, address) is kept as the API keeps identity and never answered.
// Errors leave as the spec gives them (`[{code, description}]` / `<errors>`), with 400, 403, 404
// (and 429 from the rate limit), schema failures included: never as problem+json.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { TSchema } from 'typebox';
import { open311KeyFor, recordOpen311Request, requestIdForToken, type Open311Key } from '../../store/open311.js';
import { langOf, t } from '../problems.js';
import { idempotencyKeyOf, takeIn } from '../requests/intake.js';
import { IdempotencyHeaders } from '../requests/views.js';
import type { RouteOptions } from '../route-options.js';
import type { Api } from '../types.js';
import { errorOf, Open311Problem } from './errors.js';
import { normaliseBody, parseForm } from './form.js';
import { CONTENT_TYPES, errorsAnswer, formatOfPath, splitFormat, toXml, type Answer, type Format } from './format.js';
import { DEFAULT_REQUESTS, MAX_REQUESTS, MAX_WINDOW_DAYS, QueryProblem, queryOf, serviceRequests, type RequestsQuery as Query } from './requests.js';
import {
  Created,
  Discovery,
  PlainQuery,
  PostRequestBody,
  RequestsQuery,
  ServiceDefinitionSchema,
  ServiceList,
  ServiceRequestList,
  TokenAnswer,
  responses,
} from './schemas.js';
import { serviceDefinition, serviceList, serviceOf } from './services.js';
import { intakeOf, type Body } from './submission.js';

export const BASE = '/open311/v2';
const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';
/** When the catalogue's shape last changed (the spec: clients refresh cached services when it moves). */
const CHANGESET = '2026-12-03 00:00';
const TAGS = ['open311'];

function send(reply: FastifyReply, format: Format, answer: Answer, status = 200): FastifyReply {
  reply.code(status).type(CONTENT_TYPES[format]);
  return format === 'json' ? reply.send(answer.value) : reply.send(toXml(answer.root, answer.value));
}

const keys = new WeakMap<FastifyRequest, Open311Key>();

/** Registers one resource under its three paths: `name`, `name.json`, `name.xml`. */
function threeWays(add: (path: string, format: Format) => void, path: string): void {
  add(path, 'xml');
  add(`${path}.json`, 'json');
  add(`${path}.xml`, 'xml');
}

export default async function open311Routes(app: Api, options: RouteOptions): Promise<void> {
  const rateLimit = options.publicRateLimit;
  const config = { access: 'public' as const, rateLimit };

  // form-encoded bodies, as the spec posts them (here only: the rest of the API takes JSON)
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseForm(body as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });

  app.setErrorHandler((error, request, reply) => {
    const { status, descriptions } = errorOf(error, langOf(request.headers['accept-language']));
    if (status >= 500) request.log.error({ err: error }, 'open311 request failed');
    return send(reply, formatOfPath(request.url), errorsAnswer(status, descriptions), status);
  });

  const schemaOf = (format: Format, summary: string, description: string, extra: Record<string, unknown>, ok: Record<number, TSchema>, errors: number[]) => ({
    tags: TAGS,
    summary: `${summary} (${format === 'json' ? 'JSON' : 'XML'})`,
    description,
    ...extra,
    response: responses(format, ok, errors),
  });

  // ---------------------------------------------------------------- discovery
  threeWays((path, format) => {
    app.get(
      path,
      {
        config,
        schema: schemaOf(format, '服务发现 Service discovery', 'The endpoint, its formats and how to get an API key (the Service Discovery spec).', { querystring: PlainQuery }, { 200: Discovery }, [400, 429]),
      },
      async (request, reply) => {
        const url = `${request.protocol}://${request.host}${BASE}`;
        return send(reply, format, {
          root: 'discovery',
          value: {
            changeset: CHANGESET,
            contact: '巴州区群众诉求办理系统(Suqiu)。问题请联系区快处中心的系统管理员。',
            key_service: '提交诉求需要 api_key:由系统管理员为接入的应用发放(每个应用一把,可吊销)。查询无需密钥。',
            endpoints: [{ specification: SPECIFICATION, url, changeset: CHANGESET, type: 'production', formats: ['text/xml', 'application/json'] }],
          },
        });
      },
    );
  }, `${BASE}/discovery`);

  // ---------------------------------------------------------------- services
  threeWays((path, format) => {
    app.get(
      path,
      {
        config,
        schema: schemaOf(
          format,
          '服务列表 Service list',
          'The 15 domains (领域) with their five lists (五类清单) each: service_code `<domain>.<list_type>`, group the domain. Every service has a definition (metadata true) and answers at once (type realtime).',
          { querystring: PlainQuery },
          { 200: ServiceList },
          [400, 429],
        ),
      },
      async (_request, reply) => send(reply, format, { root: 'services', value: serviceList() }),
    );
  }, `${BASE}/services`);

  app.get(
    `${BASE}/services/:service_code`,
    {
      config,
      schema: {
        tags: TAGS,
        summary: '服务定义 Service definition',
        description:
          'The extra attributes of a service: `township_id` (required, the district\'s townships and streets) and `village_id` (optional, villages and communities). ' +
          'The path ends in `.json` or `.xml` (none: XML), e.g. /open311/v2/services/water_resources.individual.json. An unknown service answers 404.',
        params: { type: 'object', properties: { service_code: { type: 'string', maxLength: 120, description: 'service_code, then .json or .xml' } }, required: ['service_code'] },
        querystring: PlainQuery,
        response: responses('json', { 200: ServiceDefinitionSchema }, [400, 404, 429]),
      },
    },
    async (request, reply) => {
      const { name, format } = splitFormat((request.params as { service_code: string }).service_code);
      if (serviceOf(name) === undefined) throw new Open311Problem(404, [t(`没有这项服务: ${name}`, `no service ${name}`)]);
      return send(reply, format, { root: 'service_definition', value: serviceDefinition(app.store.db, name) });
    },
  );

  // ---------------------------------------------------------------- requests: submit
  threeWays((path, format) => {
    app.post(
      path,
      {
        config,
        schema: schemaOf(
          format,
          '提交诉求 Submit a request',
          'Form-encoded as the spec posts it (application/x-www-form-urlencoded; JSON is accepted too), with `api_key` (403 when it is missing, unknown or revoked). ' +
            'Needs service_code (400 when unknown), description, and the place: `attribute[township_id]` (and `attribute[village_id]`) or `address_id` (a township or village id); ' +
            'lat/long or address_string alone cannot be placed (400). first_name, last_name, phone and address_string are kept as the citizen\'s identity, never answered; email, device_id, account_id and media_url are not kept. ' +
            'The request goes through the same intake as every channel (channel open311) and starts its process: 201 once the engine took it, 202 when the engine was away (it starts when it is back). ' +
            'service_notice carries the lookup code (查询码) to hand to the citizen. With an Idempotency-Key a retry gets the first answer again.',
          { headers: IdempotencyHeaders, body: PostRequestBody },
          { 201: Created, 202: Created },
          [400, 403, 429],
        ),
        preValidation: async (request) => {
          (request as { body: unknown }).body = normaliseBody(request.body);
          const apiKey = (request.body as { api_key?: unknown } | undefined)?.api_key;
          const key = typeof apiKey === 'string' && apiKey !== '' ? open311KeyFor(app.store.db, apiKey) : undefined;
          if (key === undefined) {
            request.audit.actor = 'open311';
            throw new Open311Problem(403, [t('api_key 缺失、无效或已吊销,无法提交诉求', 'missing, invalid or revoked api_key: cannot create the request')]);
          }
          keys.set(request, key);
          request.audit.actor = `open311:${key.name}`;
        },
      },
      async (request, reply) => {
        const key = keys.get(request)!;
        const b = request.body as Body;
        const { serviceCode, intake } = intakeOf(app, b);

        const { api_key: _secret, ...sent } = b;
        const answer = await takeIn(app, {
          route: `POST ${BASE}/requests`,
          caller: `open311:${key.id}`,
          idempotencyKey: idempotencyKeyOf(request.headers),
          body: sent,
          intake,
          // the service and the token commit with the request, or neither does
          alsoRecord: (tx, requestId, at) => void recordOpen311Request(tx, { requestId, serviceCode, keyId: key.id, at }),
        });
        const { id, lookupCode } = answer.body;
        // the token recorded with the request (a retry with the same Idempotency-Key finds the first one)
        const { token } = recordOpen311Request(app.store.db, { requestId: id, serviceCode, keyId: key.id, at: app.now() });
        request.audit.target = id;
        request.audit.detail = { serviceCode };
        return send(
          reply,
          format,
          {
            root: 'service_requests',
            value: [
              {
                service_request_id: id,
                token,
                service_notice: `已受理,诉求编号 ${id},查询码 ${lookupCode}。请转告诉求人:凭编号和查询码可查询办理进度、评价办理结果;工作人员将先甄别,再交办到责任单位。`,
                account_id: null,
              },
            ],
          },
          answer.statusCode,
        );
      },
    );
  }, `${BASE}/requests`);

  // ---------------------------------------------------------------- requests: read
  threeWays((path, format) => {
    app.get(
      path,
      {
        config,
        schema: schemaOf(
          format,
          '查询诉求 Service requests',
          'Every Suqiu request, whatever its channel (listings leave out invalid and merged ones; ask by service_request_id for those). ' +
            `Filters: service_request_id (comma list; overrides the others), service_code (comma list), start_date / end_date (w3 date-times with offset, at most ${MAX_WINDOW_DAYS} days apart; default the last ${MAX_WINDOW_DAYS} days), status open|closed. ` +
            `Newest first, ${DEFAULT_REQUESTS} at most (page_size, a Suqiu extension, up to ${MAX_REQUESTS}; for older ones narrow end_date). Dates in Beijing time (+08:00). No citizen identity: the address is the village and township, the text is masked.`,
          { querystring: RequestsQuery },
          { 200: ServiceRequestList },
          [400, 429],
        ),
      },
      async (request, reply) => {
        let query;
        try {
          query = queryOf(request.query as Query, app.now());
        } catch (error) {
          if (error instanceof QueryProblem) throw new Open311Problem(400, [`${error.parameter}: ${error.zh}`]);
          throw error;
        }
        return send(reply, format, { root: 'service_requests', value: serviceRequests(app.store.db, query) });
      },
    );
  }, `${BASE}/requests`);

  app.get(
    `${BASE}/requests/:service_request_id`,
    {
      config,
      schema: {
        tags: TAGS,
        summary: '查询一件诉求 A service request',
        description: 'One request as a one-element list, in `.json` or `.xml` (none: XML), e.g. /open311/v2/requests/SQ202503030001.json; an unknown number answers 404.',
        params: { type: 'object', properties: { service_request_id: { type: 'string', maxLength: 80, description: 'the request number, then .json or .xml' } }, required: ['service_request_id'] },
        querystring: PlainQuery,
        response: responses('json', { 200: ServiceRequestList }, [400, 404, 429]),
      },
    },
    async (request, reply) => {
      const { name, format } = splitFormat((request.params as { service_request_id: string }).service_request_id);
      const found = serviceRequests(app.store.db, { ids: [name] });
      if (found.length === 0) throw new Open311Problem(404, [t(`没有这件诉求: ${name}`, `no service request ${name}`)]);
      return send(reply, format, { root: 'service_requests', value: found });
    },
  );

  app.get(
    `${BASE}/tokens/:token`,
    {
      config,
      schema: {
        tags: TAGS,
        summary: '凭令牌查询诉求编号 service_request_id from a token',
        description: 'The request a token of POST requests stands for, in `.json` or `.xml` (none: XML); an unknown token answers 404.',
        params: { type: 'object', properties: { token: { type: 'string', maxLength: 80, description: 'the token, then .json or .xml' } }, required: ['token'] },
        querystring: PlainQuery,
        response: responses('json', { 200: TokenAnswer }, [400, 404, 429]),
      },
    },
    async (request, reply) => {
      const { name, format } = splitFormat((request.params as { token: string }).token);
      const id = requestIdForToken(app.store.db, name);
      if (id === undefined) throw new Open311Problem(404, [t('没有这个令牌', 'no such token')]);
      return send(reply, format, { root: 'service_requests', value: [{ service_request_id: id, token: name }] });
    },
  );

  // anything else under the endpoint: the spec's 404, not the API's problem+json
  const unknown = async (request: { method: string; url: string }) => {
    throw new Open311Problem(404, [t(`没有 ${request.method} ${request.url.split('?')[0]}`, `no ${request.method} ${request.url.split('?')[0]}`)]);
  };
  app.all(`${BASE}/*`, { config, schema: { hide: true } }, unknown);
  // the endpoint itself names no resource: the spec's 404 too (discovery says where things are)
  app.all(BASE, { config, schema: { hide: true } }, unknown);
}
