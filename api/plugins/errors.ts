// One error handler for the whole API: every error leaves as RFC 9457 application/problem+json.
// 4xx answers say clearly what was wrong (and which field); 5xx answers never show internals: the
// error is logged with the request id, and the caller gets that id to quote.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ApiProblem, langOf, problemBody, t, type FieldProblem, type ProblemKind } from '../problems.js';

interface AjvError {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: { missingProperty?: string; additionalProperty?: string; allowedValues?: unknown[]; limit?: number };
}

/** `/citizen/phone` + missing `name` → `citizen.name`; a header or query path keeps its place. */
function fieldOf(e: AjvError): string {
  const path = (e.instancePath ?? '').split('/').filter((p) => p !== '').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  const extra = e.params?.missingProperty ?? e.params?.additionalProperty;
  if (extra !== undefined) path.push(extra);
  return path.join('.') || '(body)';
}

function messageOf(e: AjvError): FieldProblem['message'] {
  switch (e.keyword) {
    case 'required':
      return t('必填', 'is required');
    case 'additionalProperties':
      return t('不认识的字段', 'is not a known field');
    case 'maxLength':
      return t(`不能超过${e.params?.limit}个字`, `must be at most ${e.params?.limit} characters`);
    case 'minLength':
      return t(`至少${e.params?.limit}个字`, `must be at least ${e.params?.limit} characters`);
    case 'enum':
      return t(`取值须为 ${(e.params?.allowedValues ?? []).join(', ')} 之一`, `must be one of ${(e.params?.allowedValues ?? []).join(', ')}`);
    case 'type':
      return t(`类型不对: ${e.message ?? ''}`, e.message ?? 'has the wrong type');
    case 'format':
    case 'pattern':
      return t(`格式不正确`, e.message ?? 'has the wrong format');
    default:
      return t(`不符合要求: ${e.message ?? ''}`, e.message ?? 'is not valid');
  }
}

const STATUS_KINDS: Record<number, ProblemKind> = {
  400: 'bad-request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  413: 'too-large',
  415: 'unsupported-media-type',
  423: 'locked',
  429: 'too-many-requests',
};

/** Whether an error means the engine could not be reached (its clients' connection failures). */
function isEngineUnavailable(error: unknown): boolean {
  const e = error as { code?: unknown; cause?: { code?: unknown }; message?: unknown };
  const code = e?.code ?? e?.cause?.code;
  if (code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 14 /* gRPC UNAVAILABLE */) return true;
  return typeof e?.message === 'string' && /(^|\s)(14 UNAVAILABLE|fetch failed)/.test(e.message);
}

export function toProblem(error: unknown): ApiProblem {
  if (error instanceof ApiProblem) return error;
  const fe = error as FastifyError & { validation?: AjvError[]; validationContext?: string };
  if (Array.isArray(fe.validation)) {
    const where = fe.validationContext;
    const errors = fe.validation.map((e) => ({ field: where === 'body' || where === undefined ? fieldOf(e) : `${where}.${fieldOf(e)}`.replace(/\.\(body\)$/, ''), message: messageOf(e) }));
    const first = errors[0];
    return new ApiProblem('validation', first === undefined ? undefined : t(`${first.field}: ${(first.message as { zh: string }).zh}`, `${first.field} ${(first.message as { en: string }).en}`), errors);
  }
  const status = typeof fe.statusCode === 'number' ? fe.statusCode : undefined;
  if (status !== undefined && status >= 400 && status < 500) {
    const kind = STATUS_KINDS[status] ?? 'bad-request';
    return new ApiProblem(kind, fe.message ? t(fe.message, fe.message) : undefined);
  }
  if (isEngineUnavailable(error)) return new ApiProblem('engine-unavailable');
  return new ApiProblem('internal');
}

async function errorsPlugin(app: FastifyInstance): Promise<void> {
  const send = (request: FastifyRequest, reply: FastifyReply, problem: ApiProblem) => {
    const body = problemBody(problem, langOf(request.headers['accept-language']), request.url.split('?')[0]);
    if (problem.status >= 500) body.requestId = request.id;
    if (problem.status === 401) reply.header('www-authenticate', 'Cookie realm="suqiu"');
    return reply.code(problem.status).type('application/problem+json; charset=utf-8').send(body);
  };

  app.setErrorHandler((error, request, reply) => {
    const problem = toProblem(error);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ problem: problem.kind, detail: problem.message }, 'request refused');
    return send(request, reply, problem);
  });

  app.setNotFoundHandler((request, reply) => send(request, reply, new ApiProblem('not-found', t(`没有 ${request.method} ${request.url.split('?')[0]}`, `no ${request.method} ${request.url.split('?')[0]}`))));
}

export default fp(errorsPlugin, { name: 'suqiu-errors', fastify: '5.x' });
