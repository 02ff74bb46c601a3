// Messages as Zeebe correlates them: by name and correlation key, to open subscriptions and to
// message start events of the latest process versions, at most once per BPMN process id;
// buffered for their time to live so that subscriptions opened later still receive them.

import type { MessageRow } from '../state/rows.js';
import type { Tx } from './context.js';
import { Rejection, invalidArgument, notFound } from './errors.js';
import { startInstanceAtEvent, triggerEvent } from './event-trigger.js';
import type { Variables } from './variables.js';

export interface PublishMessageRequest {
  name: string;
  correlationKey: string;
  /** milliseconds; 0 = correlate now or drop */
  timeToLive: number;
  messageId?: string;
  variables: Variables;
  tenantId?: string;
}

export interface CorrelateMessageRequest {
  name: string;
  correlationKey: string;
  variables: Variables;
  tenantId?: string;
}

function tenantOf(tenantId: string | undefined): string {
  return !tenantId ? '<default>' : tenantId;
}

/** correlates a message to everything waiting now; returns the process instances it reached */
function correlateNow(tx: Tx, messageKey: number, tenant: string, name: string, correlationKey: string, variables: Variables): number[] {
  const reached: number[] = [];
  const correlated = new Set<string>();
  for (const subscription of tx.store.messageSubscriptionsFor(tenant, name, correlationKey)) {
    if (correlated.has(subscription.bpmn_process_id)) continue;
    const instance = triggerEvent(tx, subscription.element_instance_key, subscription.target_element_id, variables);
    if (instance === undefined) continue;
    correlated.add(subscription.bpmn_process_id);
    tx.store.recordCorrelation(messageKey, subscription.bpmn_process_id);
    reached.push(instance);
  }
  for (const start of tx.core.startEvents(tenant, 'message', name)) {
    if (correlated.has(start.bpmnProcessId)) continue;
    // no second instance while one started with the same correlation key is active
    if (correlationKey !== '' && tx.store.hasActiveInstanceWithCorrelation(start.bpmnProcessId, correlationKey, tenant)) continue;
    const instance = startInstanceAtEvent(tx, start.definitionKey, start.elementId, variables, correlationKey === '' ? undefined : correlationKey);
    correlated.add(start.bpmnProcessId);
    tx.store.recordCorrelation(messageKey, start.bpmnProcessId);
    reached.push(instance);
  }
  return reached;
}

export function publishMessage(tx: Tx, request: PublishMessageRequest): { messageKey: number; tenantId: string } {
  if (request.name.trim() === '') throw invalidArgument('Expected to publish a message with a non-empty name, but it was empty');
  const tenant = tenantOf(request.tenantId);
  if (request.messageId) {
    const existing = tx.store.bufferedMessageWithId(tenant, request.name, request.correlationKey, request.messageId, tx.now);
    if (existing) {
      throw new Rejection('ALREADY_EXISTS', `Expected to publish a new message with id '${request.messageId}', but a message with that id was already published`);
    }
  }
  const messageKey = tx.nextKey();
  const timeToLive = Math.max(0, request.timeToLive);
  // buffer first, so the correlations recorded below refer to a stored message
  if (timeToLive > 0) {
    tx.store.insertMessage({
      key: messageKey, name: request.name, correlation_key: request.correlationKey, message_id: request.messageId || null,
      variables: JSON.stringify(request.variables), tenant_id: tenant, deadline: tx.now + timeToLive,
    });
  }
  correlateNow(tx, messageKey, tenant, request.name, request.correlationKey, request.variables);
  return { messageKey, tenantId: tenant };
}

export function correlateMessage(tx: Tx, request: CorrelateMessageRequest): { messageKey: number; tenantId: string; processInstanceKey: number } {
  if (request.name.trim() === '') throw invalidArgument('Expected to correlate a message with a non-empty name, but it was empty');
  const tenant = tenantOf(request.tenantId);
  const messageKey = tx.nextKey();
  const reached = correlateNow(tx, messageKey, tenant, request.name, request.correlationKey, request.variables);
  if (reached.length === 0) {
    throw notFound(`Expected to find subscription for message with name '${request.name}' and correlation key '${request.correlationKey}', but none was found.`);
  }
  return { messageKey, tenantId: tenant, processInstanceKey: reached[0]! };
}

/** a subscription just opened: the oldest buffered message not yet correlated to its process wins */
export function correlateBufferedMessage(tx: Tx, subscriptionKey: number): void {
  const subscription = tx.store.messageSubscription(subscriptionKey);
  if (!subscription) return;
  const buffered = tx.store.bufferedMessages(subscription.tenant_id, subscription.message_name, subscription.correlation_key, tx.now);
  for (const message of buffered) {
    if (tx.store.isCorrelated(message.key, subscription.bpmn_process_id)) continue;
    const instance = triggerEvent(tx, subscription.element_instance_key, subscription.target_element_id, JSON.parse(message.variables) as Variables);
    if (instance !== undefined) tx.store.recordCorrelation(message.key, subscription.bpmn_process_id);
    return;
  }
}

/** an instance started by a message ended: a buffered message with the same key may start the next one */
export function startBufferedInstance(tx: Tx, bpmnProcessId: string, tenant: string, correlationKey: string): void {
  for (const start of tx.core.startEvents(tenant, 'message')) {
    if (start.bpmnProcessId !== bpmnProcessId) continue;
    const buffered: MessageRow[] = tx.store.bufferedMessages(tenant, start.name, correlationKey, tx.now);
    const message = buffered.find((m) => !tx.store.isCorrelated(m.key, bpmnProcessId));
    if (!message) continue;
    tx.store.recordCorrelation(message.key, bpmnProcessId);
    startInstanceAtEvent(tx, start.definitionKey, start.elementId, JSON.parse(message.variables) as Variables, correlationKey);
    return;
  }
}
