// POST /v2/signals/broadcast

import type { RestContext } from '../context.js';
import { jsonBody } from '../http.js';
import { command } from '../problem.js';
import type { Router } from '../router.js';
import { object, optionalString, optionalVariables, requiredString } from '../validate.js';

export function registerSignals(router: Router, { engine }: RestContext): void {
  router.post('/v2/signals/broadcast', (ctx) => {
    const body = object(jsonBody(ctx, true));
    const request = {
      signalName: requiredString(body, 'signalName'),
      variables: optionalVariables(body),
      tenantId: optionalString(body, 'tenantId'),
    };
    const result = command('BROADCAST', () => engine.broadcastSignal(request));
    return { json: { tenantId: result.tenantId, signalKey: String(result.signalKey) } };
  });
}
