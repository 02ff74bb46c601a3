// What an element instance waits for, opened when it activates and closed when it leaves:
// its own catch event, the targets of an event-based gateway, the boundary events attached to
// it, and the start events of the event subprocesses of a scope.

import type { ElementModel, ProcessModel } from '../model/types.js';
import type { ElementInstanceRow } from '../state/rows.js';
import type { Tx } from './context.js';
import { IncidentSignal } from './errors.js';
import { evaluate, evaluateString } from './expressions.js';
import { isInnerInstance } from './lifecycle.js';
import { correlateBufferedMessage } from './messages.js';
import { scheduleTimer, storeTimer } from './timers.js';
import { visibleVariables, type Variables } from './variables.js';

/** the start event of an event subprocess */
export function eventSubProcessStart(model: ProcessModel, subProcess: ElementModel): ElementModel | undefined {
  for (const id of subProcess.childIds) {
    const child = model.elements.get(id);
    if (child?.type === 'startEvent') return child;
  }
  return undefined;
}

/** the catch events this element instance must listen to */
export function catchTargets(model: ProcessModel, element: ElementModel, row: ElementInstanceRow): ElementModel[] {
  const targets: ElementModel[] = [];
  const kind = element.eventDefinition?.kind;
  if ((element.type === 'intermediateCatchEvent' && kind !== 'link') || element.type === 'receiveTask') targets.push(element);
  if (element.type === 'eventBasedGateway') {
    for (const flowId of element.outgoing) targets.push(model.elements.get(model.flows.get(flowId)!.targetId)!);
  }
  if (!isInnerInstance(element, row)) {
    for (const id of element.boundaryEventIds) targets.push(model.elements.get(id)!);
  }
  if (element.type === 'process' || element.type === 'subProcess') {
    for (const id of element.eventSubProcessIds) {
      const start = eventSubProcessStart(model, model.elements.get(id)!);
      if (start) targets.push(start);
    }
  }
  return targets.filter((t) => ['timer', 'message', 'signal'].includes(t.eventDefinition?.kind ?? ''));
}

const kindsCache = new WeakMap<ElementModel, Map<boolean, ReadonlySet<string>>>();

/** the kinds of subscription (timer, message, signal) an instance of the element can hold */
export function subscriptionKinds(model: ProcessModel, element: ElementModel, row: ElementInstanceRow): ReadonlySet<string> {
  const inner = isInnerInstance(element, row);
  let perElement = kindsCache.get(element);
  if (!perElement) kindsCache.set(element, (perElement = new Map()));
  let kinds = perElement.get(inner);
  if (!kinds) {
    kinds = new Set(catchTargets(model, element, row).map((t) => t.eventDefinition!.kind));
    perElement.set(inner, kinds);
  }
  return kinds;
}

/** closes the element instance's timers and subscriptions, touching only the kinds it can have */
export function closeEventSubscriptions(tx: Tx, row: ElementInstanceRow, element: ElementModel): void {
  const kinds = subscriptionKinds(tx.model(row.definition_key), element, row);
  if (kinds.size) tx.store.closeEventSubscriptions(row.key, kinds);
}

export function openEventSubscriptions(tx: Tx, row: ElementInstanceRow, element: ElementModel): void {
  const model = tx.model(row.definition_key);
  const targets = catchTargets(model, element, row);
  if (targets.length === 0) return;
  const variables = visibleVariables(tx, row.key);
  const instance = tx.store.definition(row.definition_key)!; // bpmn id, version and tenant, cached
  for (const target of targets) {
    const definition = target.eventDefinition!;
    if (definition.kind === 'timer') {
      storeTimer(tx, scheduleTimer(tx, definition, variables), {
        elementInstanceKey: row.key, processInstanceKey: row.process_instance_key, definitionKey: row.definition_key,
        targetElementId: target.id, tenantId: instance.tenant_id,
      });
    } else if (definition.kind === 'message') {
      const name = evaluateString(tx, definition.messageName, variables);
      const correlationKey = correlationKeyOf(tx, target, definition.correlationKey, variables);
      const key = tx.nextKey();
      tx.store.insertMessageSubscription({
        key, message_name: name, correlation_key: correlationKey, element_instance_key: row.key,
        process_instance_key: row.process_instance_key, definition_key: row.definition_key, bpmn_process_id: instance.bpmn_process_id,
        target_element_id: target.id, interrupting: isInterrupting(target) ? 1 : 0, tenant_id: instance.tenant_id,
      });
      tx.enqueue(() => correlateBufferedMessage(tx, key));
    } else if (definition.kind === 'signal') {
      tx.store.insertSignalSubscription({
        key: tx.nextKey(), signal_name: evaluateString(tx, definition.signalName, variables), element_instance_key: row.key,
        process_instance_key: row.process_instance_key, definition_key: row.definition_key, target_element_id: target.id,
        tenant_id: instance.tenant_id,
      });
    }
  }
}

function isInterrupting(target: ElementModel): boolean {
  return target.interrupting !== false;
}

function correlationKeyOf(tx: Tx, target: ElementModel, expr: { kind: 'static'; value: string } | { kind: 'feel'; source: string } | undefined, variables: Variables): string {
  if (!expr) return '';
  if (expr.kind === 'static') return expr.value;
  const value = evaluate(tx, expr.source, variables);
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  throw new IncidentSignal(
    'EXTRACT_VALUE_ERROR',
    `Failed to extract the correlation key for '${expr.source}' of '${target.id}': The value must be either a string or a number, but was '${value === null ? 'NULL' : Array.isArray(value) ? 'ARRAY' : typeof value === 'object' ? 'OBJECT' : typeof value}'.`,
  );
}
