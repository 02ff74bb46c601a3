// What happens when a waited-for event occurs (a timer fires, a message correlates, a signal
// arrives, an escalation or error is caught): the catch event completes with the event's
// variables, an interrupting boundary or event subprocess first terminates what it interrupts,
// an event-based gateway completes and continues at the event that won.

import type { ElementModel } from '../model/types.js';
import type { ElementInstanceRow } from '../state/rows.js';
import { startChildInstance } from './behaviours/call-activity.js';
import type { Tx } from './context.js';
import { completeNow, createInstance, elementOf, terminate, terminateChildren } from './lifecycle.js';
import { openEventSubscriptions } from './event-subscriptions.js';
import type { Variables } from './variables.js';

/** Starts a new process instance at a (message, timer or signal) start event. */
export function startInstanceAtEvent(
  tx: Tx,
  definitionKey: number,
  startEventId: string,
  variables: Variables,
  correlationKey?: string,
): number {
  const definition = tx.store.definition(definitionKey)!;
  const root = startChildInstance(tx, definitionKey, definition.bpmn_process_id, definition.version, definition.tenant_id, null, null, correlationKey);
  tx.store.setElementState(root.key, 'ACTIVATED');
  root.state = 'ACTIVATED';
  const model = tx.model(definitionKey);
  const process = model.elements.get(model.bpmnProcessId)!;
  // the root's event subprocesses listen from the start
  openEventSubscriptions(tx, root, process);
  startTriggered(tx, root, model.elements.get(startEventId)!, variables);
  return root.key;
}

/** creates an event instance that is already triggered and completes it with the variables */
export function startTriggered(tx: Tx, scope: ElementInstanceRow, event: ElementModel, variables: Variables): ElementInstanceRow {
  const row = createInstance(tx, { element: event, scope, state: 'ACTIVATED' });
  tx.enqueue(() => completeNow(tx, row.key, { variables }));
  return row;
}

/**
 * Triggers the catch event `targetId` that element instance `waitingKey` listens for.
 * Returns the process instance it reached, or undefined when nothing waits any more.
 */
export function triggerEvent(tx: Tx, waitingKey: number, targetId: string, variables: Variables): number | undefined {
  const waiting = tx.store.element(waitingKey);
  if (!waiting || waiting.state !== 'ACTIVATED') return undefined;
  const target = tx.element(waiting.definition_key, targetId);
  const element = elementOf(tx, waiting);

  if (target.id === element.id && (element.type === 'intermediateCatchEvent' || element.type === 'receiveTask')) {
    tx.store.closeEventSubscriptions(waiting.key);
    completeNow(tx, waiting.key, { variables });
    return waiting.process_instance_key;
  }

  if (element.type === 'eventBasedGateway') {
    tx.store.closeEventSubscriptions(waiting.key);
    tx.store.endElement(waiting.key, 'COMPLETED', tx.now);
    const scope = tx.store.element(waiting.flow_scope_key!)!;
    startTriggered(tx, scope, target, variables);
    return waiting.process_instance_key;
  }

  if (target.type === 'boundaryEvent') {
    const scope = tx.store.element(waiting.flow_scope_key!)!;
    if (target.interrupting !== false) terminate(tx, waiting);
    startTriggered(tx, scope, target, variables);
    return waiting.process_instance_key;
  }

  if (target.type === 'startEvent' && target.flowScopeId) {
    // the start event of an event subprocess inside the waiting scope
    const subProcess = tx.element(waiting.definition_key, target.flowScopeId);
    startEventSubProcess(tx, waiting, subProcess, target, variables);
    return waiting.process_instance_key;
  }
  return undefined;
}

export function startEventSubProcess(tx: Tx, scope: ElementInstanceRow, subProcess: ElementModel, start: ElementModel, variables: Variables): void {
  if (start.interrupting !== false) {
    tx.store.closeEventSubscriptions(scope.key);
    terminateChildren(tx, scope);
  }
  const subProcessRow = createInstance(tx, { element: subProcess, scope });
  tx.store.setElementState(subProcessRow.key, 'ACTIVATED');
  subProcessRow.state = 'ACTIVATED';
  startTriggered(tx, subProcessRow, start, variables);
}
