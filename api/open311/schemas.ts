// The schemas of the Open311 routes: what they take (the spec's arguments, each bounded) and what
// their JSON answers hold (response schemas strip anything else: a safety net for privacy). The
// XML answers carry the same fields as elements; the OpenAPI document shows them as text/xml.
import { Type, type TSchema } from 'typebox';
import { Nullable } from '../schemas.js';
import { DEFAULT_REQUESTS, MAX_IDS, MAX_REQUESTS, W3_DATETIME } from './requests.js';

const Text = (maxLength: number, description?: string) => Type.String({ maxLength, ...(description === undefined ? {} : { description }) });
const Jurisdiction = Type.Optional(Text(100, 'jurisdiction_id: this endpoint serves one jurisdiction (巴州区) and ignores it'));

export const PlainQuery = Type.Object({ jurisdiction_id: Jurisdiction, api_key: Type.Optional(Text(200, 'not needed here; ignored')) }, { additionalProperties: false });

export const RequestsQuery = Type.Object(
  {
    jurisdiction_id: Jurisdiction,
    api_key: Type.Optional(Text(200, 'not needed here; ignored')),
    service_request_id: Type.Optional(Text(MAX_IDS * 24, `comma-separated request numbers (at most ${MAX_IDS}); overrides every other filter`)),
    service_code: Type.Optional(Text(2000, 'comma-separated service codes')),
    start_date: Type.Optional(Type.String({ maxLength: 40, pattern: W3_DATETIME, description: 'requested at or after (w3 date-time with offset)' })),
    end_date: Type.Optional(Type.String({ maxLength: 40, pattern: W3_DATETIME, description: 'requested at or before (w3 date-time with offset); at most 90 days after start_date' })),
    status: Type.Optional(Type.String({ maxLength: 20, pattern: '^\\s*(open|closed)\\s*(,\\s*(open|closed)\\s*)?$', description: 'open, closed, or both comma-separated' })),
    page_size: Type.Optional(
      Type.Integer({ minimum: 1, maximum: MAX_REQUESTS, description: `a Suqiu extension: how many requests at most (default ${DEFAULT_REQUESTS}, at most ${MAX_REQUESTS}); for older ones, narrow end_date` }),
    ),
  },
  { additionalProperties: false },
);

const AttributeValue = Type.Union([Type.String({ maxLength: 200 }), Type.Array(Type.String({ maxLength: 200 }), { maxItems: 20 })]);

/** POST requests, after `attribute[code]` fields were gathered into `attribute` (form.ts). */
export const PostRequestBody = Type.Object(
  {
    api_key: Type.Optional(Text(200, 'the key this app was given (required: 403 without a valid one)')),
    jurisdiction_id: Jurisdiction,
    service_code: Type.String({ minLength: 1, maxLength: 100, description: 'a code of GET services, e.g. water_resources.individual' }),
    lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90, description: 'accepted, not kept: a point alone cannot be placed in a township' })),
    long: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
    address_string: Type.Optional(Text(200, 'where, as the citizen wrote it: kept with the identity, never answered')),
    address_id: Type.Optional(Text(64, 'a township, street, village or community id (see the service definition)')),
    email: Type.Optional(Text(254, 'not kept')),
    device_id: Type.Optional(Text(200, 'not kept')),
    account_id: Type.Optional(Text(200, 'not kept')),
    first_name: Type.Optional(Text(50)),
    last_name: Type.Optional(Text(50)),
    phone: Type.Optional(Text(20, 'a mainland mobile or a landline with its area code')),
    description: Type.String({ minLength: 1, maxLength: 4000, description: 'the request (required here)' }),
    media_url: Type.Optional(Text(2000, 'not kept')),
    attribute: Type.Optional(
      Type.Record(Type.String({ pattern: '^[A-Za-z0-9_.-]{1,64}$' }), AttributeValue, {
        maxProperties: 30,
        description: 'attribute[township_id] (required unless address_id places it) and attribute[village_id]; codes not in the definition are ignored',
      }),
    ),
  },
  { additionalProperties: false },
);

export const ErrorList = Type.Array(Type.Object({ code: Type.Integer(), description: Type.String() }), { description: 'the spec\'s errors: each with a code and a description' });

export const Discovery = Type.Object({
  changeset: Type.String(),
  contact: Type.String(),
  key_service: Type.String(),
  endpoints: Type.Array(
    Type.Object({
      specification: Type.String(),
      url: Type.String(),
      changeset: Type.String(),
      type: Type.String(),
      formats: Type.Array(Type.String()),
    }),
  ),
});

export const ServiceList = Type.Array(
  Type.Object({
    service_code: Type.String({ description: '<domain>.<list_type>' }),
    service_name: Type.String(),
    description: Type.String(),
    metadata: Type.Boolean(),
    type: Type.String(),
    keywords: Type.String(),
    group: Type.String({ description: 'the domain (领域)' }),
  }),
);

export const ServiceDefinitionSchema = Type.Object({
  service_code: Type.String(),
  attributes: Type.Array(
    Type.Object({
      variable: Type.Boolean(),
      code: Type.String(),
      datatype: Type.String(),
      required: Type.Boolean(),
      datatype_description: Type.String(),
      order: Type.Integer(),
      description: Type.String(),
      values: Type.Array(Type.Object({ key: Type.String(), name: Type.String() })),
    }),
  ),
});

export const Created = Type.Array(
  Type.Object({
    service_request_id: Type.String(),
    token: Type.String({ description: 'for GET tokens/{token}' }),
    service_notice: Type.String({ description: 'what happens next, with the lookup code (查询码) to hand to the citizen' }),
    account_id: Type.Null(),
  }),
);

export const ServiceRequestList = Type.Array(
  Type.Object({
    service_request_id: Type.String(),
    status: Type.String({ description: 'open or closed' }),
    status_notes: Type.String({ description: 'the Suqiu status in Chinese, e.g. 办理中' }),
    service_name: Nullable(Type.String()),
    service_code: Nullable(Type.String({ description: 'as asked for (Open311), else from the assessment; null while not assessed' })),
    description: Type.String({ description: 'the request with phone and ID numbers masked and the citizen\'s own identity blanked' }),
    agency_responsible: Nullable(Type.String()),
    service_notice: Nullable(Type.String({ description: 'e.g. when funding blocks it' })),
    requested_datetime: Type.String({ format: 'date-time' }),
    updated_datetime: Type.String({ format: 'date-time' }),
    expected_datetime: Nullable(Type.String({ format: 'date-time', description: 'the deadline' })),
    address: Type.String({ description: 'village, township, district: never the citizen\'s address' }),
    address_id: Type.String({ description: 'the village (or township) id' }),
    zipcode: Type.Null(),
    lat: Type.Null(),
    long: Type.Null(),
    media_url: Type.Null(),
  }),
);

export const TokenAnswer = Type.Array(Type.Object({ service_request_id: Type.String(), token: Type.String() }));

const xmlText = (description: string) => ({ content: { 'text/xml': { schema: Type.String({ description }) } } });

/** The answers of a route in one format: its JSON body schemas, or the same as text/xml. */
export function responses(format: 'json' | 'xml', ok: Record<number, TSchema>, errorCodes: number[]): Record<number, unknown> {
  const out: Record<number, unknown> = {};
  for (const [code, schema] of Object.entries(ok)) out[Number(code)] = format === 'json' ? schema : xmlText('the same fields as XML elements');
  for (const code of errorCodes) out[code] = format === 'json' ? ErrorList : xmlText('<errors><error><code/><description/></error></errors>');
  return out;
}
