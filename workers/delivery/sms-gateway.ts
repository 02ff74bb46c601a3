// The HTTP SMS gateway: one POST of a JSON body per SMS notice to SUQIU_SMS_GATEWAY_URL.
//
//   POST <SUQIU_SMS_GATEWAY_URL>
//   Content-Type: application/json; charset=utf-8
//   Authorization: Bearer <SUQIU_SMS_GATEWAY_TOKEN>        (only when a token is set)
//   Idempotency-Key: suqiu-notification-42                 (the same on every retry of this notice)
//   User-Agent: suqiu-workers
//
//   {"to":"13800000000","text":"您反映的诉求...","reference":"suqiu-notification-42","requestId":"BZ-2024-000123"}
//
// `requestId` is null for a notice about no request. Any 2xx answer means accepted. A 4xx other
// than 401, 403, 404, 408 and 429 means the gateway refused this message: the notice fails at once.
// Anything else (5xx, 401/403/404: a setting to fix, 408/429, no answer within the timeout, no
// connection) is retried with back-off.
import type { SmsGatewaySettings } from './settings.js';
import { PermanentDeliveryError, redactedUrl, referenceOf, type Delivery, type OutboxMessage } from './types.js';

export interface SmsGatewayBody {
  to: string;
  text: string;
  reference: string;
  requestId: string | null;
}

export function smsGatewayBodyOf(m: OutboxMessage): SmsGatewayBody {
  return { to: m.recipient, text: m.text, reference: referenceOf(m), requestId: m.requestId };
}

const RETRY_4XX = new Set([401, 403, 404, 408, 429]);

async function excerptOf(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

export function smsGatewayDelivery(settings: SmsGatewaySettings): Delivery {
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'suqiu-workers' };
  if (settings.token !== undefined) headers.authorization = `Bearer ${settings.token}`;
  return {
    name: 'sms-gateway',
    async deliver(m, signal) {
      const response = await fetch(settings.url, {
        method: 'POST',
        headers: { ...headers, 'idempotency-key': referenceOf(m) },
        body: JSON.stringify(smsGatewayBodyOf(m)),
        signal,
        redirect: 'error',
      });
      if (response.ok) {
        await response.body?.cancel();
        return 'sms-gateway';
      }
      const problem = `HTTP ${response.status} ${await excerptOf(response)}`.trim();
      if (response.status >= 400 && response.status < 500 && !RETRY_4XX.has(response.status)) throw new PermanentDeliveryError(`refused: ${problem}`);
      throw new Error(problem);
    },
    describe: () => `sms-gateway POST ${redactedUrl(settings.url)}${settings.token === undefined ? '' : ' (bearer token)'}`,
  };
}
