// Incidents: search, get, resolve.

import { INCIDENT } from '../../state/search.js';
import type { RestContext } from '../context.js';
import { jsonBody, noContent } from '../http.js';
import { incidentResult } from '../mappers.js';
import { command, invalidArgument, notFound } from '../problem.js';
import type { Router } from '../router.js';
import { pageResponse, parseSearch } from '../search-request.js';
import { object, optionalInteger, pathKey } from '../validate.js';

export function registerIncidents(router: Router, { engine, search }: RestContext): void {
  router.post('/v2/incidents/search', (ctx) => {
    const query = parseSearch(jsonBody(ctx, false), INCIDENT);
    const { rows, total } = search.incidents(query);
    return { json: { items: rows.map(incidentResult), page: pageResponse(query, total, rows.length) } };
  });

  router.get('/v2/incidents/:incidentKey', (ctx) => {
    const key = pathKey(ctx.params, 'incidentKey');
    const row = search.incident(key);
    if (!row) throw notFound(`Incident with key '${key}' not found`);
    return { json: incidentResult(row) };
  });

  router.post('/v2/incidents/:incidentKey/resolution', (ctx) => {
    const key = pathKey(ctx.params, 'incidentKey');
    const body = object(jsonBody(ctx, false));
    const reference = optionalInteger(body, 'operationReference');
    if (reference !== undefined && reference < 1) throw invalidArgument(`The value for operationReference is '${reference}' but must be > 0`);
    command('RESOLVE', () => engine.resolveIncident(key));
    return noContent;
  });
}
