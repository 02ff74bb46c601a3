// Problems (RFC 9457): what every error answer of the API carries, as application/problem+json.
// `type` names the kind of problem (a URN: the catalogue below), `title` is that kind in words,
// `detail` this occurrence, `field` the first bad field and `errors` every one of them.
// People read Chinese first: titles and details come in Chinese and English, and the answer is in
// the language the caller asked for (Accept-Language), Chinese by default.

export type Lang = 'zh' | 'en';
/** A message in both languages; a plain string is the same in both. */
export type Text = string | { zh: string; en: string };

export const t = (zh: string, en: string): Text => ({ zh, en });
export const inLang = (text: Text, lang: Lang): string => (typeof text === 'string' ? text : text[lang]);

const CATALOGUE = {
  'bad-request': { status: 400, zh: '请求有误', en: 'Bad request' },
  validation: { status: 400, zh: '填写内容有误', en: 'Invalid input' },
  unauthenticated: { status: 401, zh: '请先登录', en: 'Not logged in' },
  'login-failed': { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  'wrong-code': { status: 403, zh: '查询码或验证码不正确', en: 'Wrong code' },
  forbidden: { status: 403, zh: '无权进行此操作', en: 'Not allowed' },
  'not-found': { status: 404, zh: '未找到', en: 'Not found' },
  conflict: { status: 409, zh: '与当前状态冲突', en: 'Conflict with the current state' },
  'idempotency-mismatch': { status: 422, zh: '同一幂等键已用于另一请求', en: 'Idempotency key reused for another request' },
  locked: { status: 423, zh: '已锁定', en: 'Locked' },
  'too-large': { status: 413, zh: '内容过大', en: 'Too large' },
  'unsupported-media-type': { status: 415, zh: '不支持的文件类型', en: 'Unsupported media type' },
  'too-many-requests': { status: 429, zh: '请求过于频繁，请稍后再试', en: 'Too many requests' },
  internal: { status: 500, zh: '服务器内部错误', en: 'Internal server error' },
  'engine-unavailable': { status: 503, zh: '流程引擎暂时不可用，请稍后再试', en: 'The workflow engine is not available' },
} as const;

export type ProblemKind = keyof typeof CATALOGUE;

export interface FieldProblem {
  /** dotted path of the field, e.g. `citizen.phone` */
  field: string;
  message: Text;
}

/** An error answered as a problem; throw it from a route or a hook. */
export class ApiProblem extends Error {
  readonly status: number;
  constructor(
    readonly kind: ProblemKind,
    readonly detailText?: Text,
    readonly fieldErrors: FieldProblem[] = [],
    /** extra members of the problem object (e.g. `retryAfterSeconds`) */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(typeof detailText === 'object' ? detailText.en : (detailText ?? CATALOGUE[kind].en));
    this.name = 'ApiProblem';
    this.status = CATALOGUE[kind].status;
  }
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  field?: string;
  errors?: { field: string; message: string }[];
  [extra: string]: unknown;
}

export function problemBody(p: ApiProblem, lang: Lang, instance?: string): ProblemBody {
  const entry = CATALOGUE[p.kind];
  const errors = p.fieldErrors.map((e) => ({ field: e.field, message: inLang(e.message, lang) }));
  return {
    type: `urn:suqiu:problem:${p.kind}`,
    title: entry[lang],
    status: entry.status,
    ...(p.detailText === undefined ? {} : { detail: inLang(p.detailText, lang) }),
    ...(instance === undefined ? {} : { instance }),
    ...(errors.length === 0 ? {} : { field: errors[0]!.field, errors }),
    ...p.extra,
  };
}

export const badRequest = (detail: Text, field?: string): ApiProblem =>
  new ApiProblem(field === undefined ? 'bad-request' : 'validation', detail, field === undefined ? [] : [{ field, message: detail }]);
export const invalidField = (field: string, message: Text): ApiProblem => new ApiProblem('validation', message, [{ field, message }]);
export const forbidden = (detail: Text): ApiProblem => new ApiProblem('forbidden', detail);
export const notFound = (detail: Text): ApiProblem => new ApiProblem('not-found', detail);
export const conflict = (detail: Text): ApiProblem => new ApiProblem('conflict', detail);

/** The language an Accept-Language header asks for: English when it prefers English, else Chinese. */
export function langOf(acceptLanguage: string | undefined): Lang {
  if (acceptLanguage === undefined) return 'zh';
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((x) => x.trim()).find((x) => x.startsWith('q='));
      return { tag: tag ?? '', q: q === undefined ? 1 : Number(q.slice(2)) || 0 };
    })
    .filter((x) => x.tag !== '')
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('zh')) return 'zh';
    if (tag.startsWith('en')) return 'en';
  }
  return 'zh';
}
