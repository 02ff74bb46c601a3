// Errors as GeoReport v2 gives them: a list of `code` and `description`, with HTTP 403 for a
// missing or wrong api_key, 404 for what does not exist, 429 from the rate limit, and 400 for
// anything else a caller got wrong (schema failures included, naming the argument the spec's way).
import { toProblem } from '../plugins/errors.js';
import { inLang, t, type FieldProblem, type Lang } from '../problems.js';

/** An Open311 error: the HTTP status, and the descriptions in the caller's language. */
export class Open311Problem extends Error {
  constructor(
    readonly status: 400 | 403 | 404,
    readonly descriptions: FieldProblem['message'][],
  ) {
    super('open311 problem');
  }
}

export const badField = (field: string, zh: string, en: string) => new Open311Problem(400, [t(`${field}: ${zh}`, `${field}: ${en}`)]);

/** Dotted schema paths as the spec's names: `attribute.township_id` → `attribute[township_id]`. */
function specName(field: string): string {
  const bare = field.replace(/^(querystring|params|headers)\./, '');
  const [head, ...rest] = bare.split('.');
  return head === 'attribute' && rest.length > 0 ? `attribute[${rest.join('.')}]` : bare;
}

/** The spec's status for an error: 403 for a key (or code), 404 for what does not exist, 429 when limited, else 400. */
export function errorOf(error: unknown, lang: Lang): { status: number; descriptions: string[] } {
  if (error instanceof Open311Problem) return { status: error.status, descriptions: error.descriptions.map((d) => inLang(d, lang)) };
  const problem = toProblem(error);
  const status = problem.status >= 500 ? problem.status : problem.status === 403 || problem.status === 404 || problem.status === 429 ? problem.status : 400;
  const fields = problem.fieldErrors.map((e) => `${specName(e.field)}: ${inLang(e.message, lang)}`);
  if (fields.length > 0) return { status, descriptions: fields };
  const detail = problem.detailText === undefined ? problem.message : inLang(problem.detailText, lang);
  return { status, descriptions: [status >= 500 ? (lang === 'zh' ? '服务暂时出错,请稍后再试' : 'the service failed: try again later') : detail] };
}

