// Variables: search (values truncated unless `truncateValues=false`) and get (full value).
// Values are the variables' JSON text, as Camunda returns them.

import { VARIABLE } from '../../state/search.js';
import type { RestContext } from '../context.js';
import { jsonBody, type RequestContext } from '../http.js';
import { variableResult, variableSearchResult } from '../mappers.js';
import { badRequest, notFound } from '../problem.js';
import type { Router } from '../router.js';
import { pageResponse, parseSearch } from '../search-request.js';
import { pathKey } from '../validate.js';

export function truncateValues(ctx: RequestContext): boolean {
  const value = ctx.query.get('truncateValues');
  if (value === null || value === '') return true;
  if (value !== 'true' && value !== 'false') throw badRequest(`Failed to convert 'truncateValues' with value: '${value}'`);
  return value === 'true';
}

export function registerVariables(router: Router, { search }: RestContext): void {
  router.post('/v2/variables/search', (ctx) => {
    const truncate = truncateValues(ctx);
    const query = parseSearch(jsonBody(ctx, false), VARIABLE);
    const { rows, total } = search.variables(query);
    return { json: { items: rows.map((r) => variableSearchResult(r, truncate)), page: pageResponse(query, total, rows.length) } };
  });

  router.get('/v2/variables/:variableKey', (ctx) => {
    const key = pathKey(ctx.params, 'variableKey');
    const row = search.variable(key);
    if (!row) throw notFound(`Variable with key '${key}' not found`);
    return { json: variableResult(row) };
  });
}
