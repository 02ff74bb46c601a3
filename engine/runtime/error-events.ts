// Throwing a BPMN error (from a job or an error end event): the nearest catching error event
// wins, walking outwards from the thrower through its scopes and up through call
// activities; a catch with the code beats a catch-all. Uncaught, the caller raises an incident.

import type { ElementModel } from '../model/types.js';
import type { ElementInstanceRow } from '../state/rows.js';
import type { Tx } from './context.js';
import { complete, createInstance, elementOf, isInnerInstance, terminate } from './lifecycle.js';
import type { Variables } from './variables.js';

export const UNHANDLED_ERROR_EVENT = 'UNHANDLED_ERROR_EVENT';

interface Catcher {
  /** the activity the boundary event is attached to */
  attached: ElementInstanceRow;
  boundary: ElementModel;
}

function matchingBoundary(tx: Tx, row: ElementInstanceRow, element: ElementModel, code: string): ElementModel | undefined {
  const model = tx.model(row.definition_key);
  let catchAll: ElementModel | undefined;
  for (const id of element.boundaryEventIds) {
    const boundary = model.elements.get(id)!;
    const definition = boundary.eventDefinition;
    if (definition?.kind !== 'error') continue;
    if (definition.errorCode === undefined) catchAll ??= boundary;
    else if (definition.errorCode.kind === 'static' && definition.errorCode.value === code) return boundary;
  }
  return catchAll;
}

export function findErrorCatcher(tx: Tx, source: ElementInstanceRow, code: string): Catcher | undefined {
  let current: ElementInstanceRow | undefined = source;
  while (current) {
    if (current.element_type !== 'PROCESS') {
      const element = elementOf(tx, current);
      if (!isInnerInstance(element, current)) {
        const boundary = matchingBoundary(tx, current, element, code);
        if (boundary) return { attached: current, boundary };
      }
    }
    if (current.flow_scope_key !== null) current = tx.store.element(current.flow_scope_key);
    else {
      const instance = tx.store.processInstance(current.key);
      const parentKey = instance?.parent_element_instance_key ?? null;
      current = parentKey !== null ? tx.store.element(parentKey) : undefined;
    }
  }
  return undefined;
}

/** Throws the error; returns false when nothing catches it (the caller raises the incident). */
export function throwError(tx: Tx, source: ElementInstanceRow, code: string, message: string, variables: Variables = {}): boolean {
  const catcher = findErrorCatcher(tx, source, code);
  if (!catcher) return false;
  const { attached, boundary } = catcher;
  const definition = boundary.eventDefinition;
  const triggerVariables: Variables = { ...variables };
  if (definition?.kind === 'error') {
    if (definition.errorCodeVariable) triggerVariables[definition.errorCodeVariable] = code;
    if (definition.errorMessageVariable) triggerVariables[definition.errorMessageVariable] = message;
  }
  terminate(tx, attached);
  const scope = tx.store.element(attached.flow_scope_key!)!;
  const event = createInstance(tx, { element: boundary, scope });
  tx.store.setElementState(event.key, 'ACTIVATED');
  complete(tx, event.key, { variables: triggerVariables });
  return true;
}

export function unhandledErrorMessage(code: string, message: string): string {
  return `Expected to throw an error event with the code '${code}' with message '${message}', but it was not caught. No error events are available in the scope.`;
}
