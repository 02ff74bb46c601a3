// Signals: a broadcast reaches every subscription with that name (catch events, boundary
// events, event subprocesses) and starts every latest process with a signal start event.

import type { Tx } from './context.js';
import { invalidArgument } from './errors.js';
import { startInstanceAtEvent, triggerEvent } from './event-trigger.js';
import type { Variables } from './variables.js';

export interface BroadcastSignalRequest {
  signalName: string;
  variables: Variables;
  tenantId?: string;
}

export function broadcastSignal(tx: Tx, request: BroadcastSignalRequest): { signalKey: number; tenantId: string } {
  if (request.signalName.trim() === '') throw invalidArgument('Expected to broadcast a signal with a non-empty name, but it was empty');
  const tenant = !request.tenantId ? '<default>' : request.tenantId;
  const signalKey = tx.nextKey();
  for (const subscription of tx.store.signalSubscriptionsFor(tenant, request.signalName)) {
    triggerEvent(tx, subscription.element_instance_key, subscription.target_element_id, request.variables);
  }
  for (const start of tx.core.startEvents(tenant, 'signal', request.signalName)) {
    startInstanceAtEvent(tx, start.definitionKey, start.elementId, request.variables);
  }
  return { signalKey, tenantId: tenant };
}
