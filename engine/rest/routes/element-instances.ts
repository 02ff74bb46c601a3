// Element instances (flow node instances): search and get. ACTIVE covers every state before
// completion or termination.

import { ELEMENT_INSTANCE } from '../../state/search.js';
import type { RestContext } from '../context.js';
import { jsonBody } from '../http.js';
import { elementInstanceResult } from '../mappers.js';
import { notFound } from '../problem.js';
import type { Router } from '../router.js';
import { pageResponse, parseSearch } from '../search-request.js';
import { pathKey } from '../validate.js';

export function registerElementInstances(router: Router, { search }: RestContext): void {
  router.post('/v2/element-instances/search', (ctx) => {
    const query = parseSearch(jsonBody(ctx, false), ELEMENT_INSTANCE);
    const { rows, total } = search.elementInstances(query);
    return { json: { items: rows.map(elementInstanceResult), page: pageResponse(query, total, rows.length) } };
  });

  router.get('/v2/element-instances/:elementInstanceKey', (ctx) => {
    const key = pathKey(ctx.params, 'elementInstanceKey');
    const row = search.elementInstance(key);
    if (!row) throw notFound(`Element Instance with key '${key}' not found`);
    return { json: elementInstanceResult(row) };
  });
}
