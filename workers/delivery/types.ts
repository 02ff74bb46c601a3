// What the outbox's channels have in common (workers/delivery/): a delivery takes one notice of
// the outbox and either hands it on (answering the channel that took it, recorded as
// `delivered_via`) or throws. A `PermanentDeliveryError` says retrying cannot help (the gateway or
// mail server refused this very message): the notice fails at once instead of backing off.
import type { OutboxMessage } from '../../store/notifications.js';

export type { OutboxMessage };

export interface Delivery {
  /** what the start log and `last_error` call it: 'log', 'smtp', 'sms-gateway', 'inbox' */
  readonly name: string;
  /**
   * Hands one notice on; answers the channel(s) that took it ('inbox+smtp'...). `signal` aborts
   * when the attempt has taken too long; the deliverer gives up on it then anyway.
   */
  deliver(message: OutboxMessage, signal: AbortSignal): Promise<string>;
  /** a line for the start log: where it delivers, never a secret */
  describe(): string;
}

export class PermanentDeliveryError extends Error {
  override readonly name = 'PermanentDeliveryError';
}

/** The reference every channel passes on, so the far side can recognise a repeated delivery. */
export const referenceOf = (m: Pick<OutboxMessage, 'id'>): string => `suqiu-notification-${m.id}`;

/** A URL for a log line: no user name, password, query or fragment. */
export function redactedUrl(raw: string): string {
  const url = new URL(raw);
  const credentials = url.username !== '' || url.password !== '' ? ' (with credentials)' : '';
  return `${url.protocol}//${url.host}${url.pathname === '/' ? '' : url.pathname}${credentials}`;
}
