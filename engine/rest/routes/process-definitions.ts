// Process definitions: search, get, and the deployed BPMN XML.

import { PROCESS_DEFINITION } from '../../state/search.js';
import type { RestContext } from '../context.js';
import { jsonBody } from '../http.js';
import { processDefinitionResult } from '../mappers.js';
import { notFound } from '../problem.js';
import type { Router } from '../router.js';
import { pageResponse, parseSearch } from '../search-request.js';
import { pathKey } from '../validate.js';

export function registerProcessDefinitions(router: Router, { search }: RestContext): void {
  router.post('/v2/process-definitions/search', (ctx) => {
    const query = parseSearch(jsonBody(ctx, false), PROCESS_DEFINITION);
    const { rows, total } = search.processDefinitions(query);
    return { json: { items: rows.map(processDefinitionResult), page: pageResponse(query, total, rows.length) } };
  });

  router.get('/v2/process-definitions/:processDefinitionKey', (ctx) => {
    const key = pathKey(ctx.params, 'processDefinitionKey');
    const row = search.processDefinition(key);
    if (!row) throw notFound(`Process Definition with key '${key}' not found`);
    return { json: processDefinitionResult(row) };
  });

  router.get('/v2/process-definitions/:processDefinitionKey/xml', (ctx) => {
    const key = pathKey(ctx.params, 'processDefinitionKey');
    const xml = search.processDefinitionXml(key);
    if (xml === undefined) throw notFound(`Process Definition with key '${key}' not found`);
    return { text: xml, contentType: 'text/xml' };
  });
}
