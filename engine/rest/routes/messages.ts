// Messages: publication (buffered for timeToLive ms) and correlation (at once, or NOT_FOUND).

import type { RestContext } from '../context.js';
import { jsonBody } from '../http.js';
import { command } from '../problem.js';
import type { Router } from '../router.js';
import { object, optionalInteger, optionalString, optionalVariables, requiredString } from '../validate.js';

export function registerMessages(router: Router, { engine }: RestContext): void {
  router.post('/v2/messages/publication', (ctx) => {
    const body = object(jsonBody(ctx, true));
    const name = requiredString(body, 'name');
    const request = {
      name,
      correlationKey: optionalString(body, 'correlationKey') ?? '',
      timeToLive: optionalInteger(body, 'timeToLive') ?? 0,
      messageId: optionalString(body, 'messageId'),
      variables: optionalVariables(body),
      tenantId: optionalString(body, 'tenantId'),
    };
    const result = command('PUBLISH', () => engine.publishMessage(request));
    return { json: { tenantId: result.tenantId, messageKey: String(result.messageKey) } };
  });

  router.post('/v2/messages/correlation', (ctx) => {
    const body = object(jsonBody(ctx, true));
    const name = requiredString(body, 'name');
    const request = {
      name,
      correlationKey: optionalString(body, 'correlationKey') ?? '',
      variables: optionalVariables(body),
      tenantId: optionalString(body, 'tenantId'),
    };
    const result = command('CORRELATE', () => engine.correlateMessage(request));
    return {
      json: { tenantId: result.tenantId, messageKey: String(result.messageKey), processInstanceKey: String(result.processInstanceKey) },
    };
  });
}
