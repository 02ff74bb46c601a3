// Throwing BPMN errors and escalations. The nearest catcher wins, walking outwards from the
// thrower: at each scope first its event subprocesses, then the boundary events attached to
// it, and on through call activities into the parent. A catch with the code beats a catch-all.

import type { ElementModel } from '../model/types.js';
import type { ElementInstanceRow } from '../state/rows.js';
import type { Tx } from './context.js';
import { eventSubProcessStart } from './event-subscriptions.js';
import { startEventSubProcess, startTriggered } from './event-trigger.js';
import { elementOf, isInnerInstance, terminate } from './lifecycle.js';
import type { Variables } from './variables.js';

export const UNHANDLED_ERROR_EVENT = 'UNHANDLED_ERROR_EVENT';

type Kind = 'error' | 'escalation';

export type Catcher =
  | { kind: 'boundary'; attached: ElementInstanceRow; event: ElementModel }
  | { kind: 'eventSubProcess'; scope: ElementInstanceRow; subProcess: ElementModel; start: ElementModel };

function codeOf(element: ElementModel, kind: Kind): { matches: boolean; code?: string } {
  const definition = element.eventDefinition;
  if (definition?.kind !== kind) return { matches: false };
  const expr = definition.kind === 'error' ? definition.errorCode : definition.kind === 'escalation' ? definition.escalationCode : undefined;
  if (!expr) return { matches: true };
  return { matches: true, code: expr.kind === 'static' ? expr.value : undefined };
}

/** picks the catch event for `code` among candidates: the exact code first, else a catch-all */
function pick(candidates: ElementModel[], kind: Kind, code: string): ElementModel | undefined {
  let catchAll: ElementModel | undefined;
  for (const candidate of candidates) {
    const c = codeOf(candidate, kind);
    if (!c.matches) continue;
    if (c.code === undefined) catchAll ??= candidate;
    else if (c.code === code) return candidate;
  }
  return catchAll;
}

export function findCatcher(tx: Tx, source: ElementInstanceRow, kind: Kind, code: string): Catcher | undefined {
  let current: ElementInstanceRow | undefined = source;
  while (current) {
    const element = elementOf(tx, current);
    const model = tx.model(current.definition_key);
    if (element.type === 'process' || element.type === 'subProcess') {
      const starts = element.eventSubProcessIds
        .map((id) => ({ subProcess: model.elements.get(id)!, start: eventSubProcessStart(model, model.elements.get(id)!) }))
        .filter((e): e is { subProcess: ElementModel; start: ElementModel } => e.start !== undefined);
      const start = pick(starts.map((s) => s.start), kind, code);
      if (start) return { kind: 'eventSubProcess', scope: current, subProcess: starts.find((s) => s.start === start)!.subProcess, start };
    }
    if (current.element_type !== 'PROCESS' && !isInnerInstance(element, current)) {
      const event = pick(element.boundaryEventIds.map((id) => model.elements.get(id)!), kind, code);
      if (event) return { kind: 'boundary', attached: current, event };
    }
    if (current.flow_scope_key !== null) current = tx.store.element(current.flow_scope_key);
    else {
      const parentKey = tx.store.processInstance(current.key)?.parent_element_instance_key ?? null;
      current = parentKey !== null ? tx.store.element(parentKey) : undefined;
    }
  }
  return undefined;
}

/** Lets the catcher take over. Returns true when the thrower was interrupted (terminated). */
function catchWith(tx: Tx, catcher: Catcher, variables: Variables): void {
  if (catcher.kind === 'boundary') {
    const scope = tx.store.element(catcher.attached.flow_scope_key!)!;
    if (catcher.event.interrupting !== false) terminate(tx, catcher.attached);
    startTriggered(tx, scope, catcher.event, variables);
  } else {
    startEventSubProcess(tx, catcher.scope, catcher.subProcess, catcher.start, variables);
  }
}

/** Throws an error; returns false when nothing catches it (the caller raises the incident). */
export function throwError(tx: Tx, source: ElementInstanceRow, code: string, message: string, variables: Variables = {}): boolean {
  const catcher = findCatcher(tx, source, 'error', code);
  if (!catcher) return false;
  const event = catcher.kind === 'boundary' ? catcher.event : catcher.start;
  const definition = event.eventDefinition;
  const triggerVariables: Variables = { ...variables };
  if (definition?.kind === 'error') {
    if (definition.errorCodeVariable) triggerVariables[definition.errorCodeVariable] = code;
    if (definition.errorMessageVariable) triggerVariables[definition.errorMessageVariable] = message;
  }
  catchWith(tx, catcher, triggerVariables);
  return true;
}

/**
 * Throws an escalation. Uncaught, nothing happens (no incident). Returns whether the thrower
 * was terminated by an interrupting catch (then it must not go on).
 */
export function throwEscalation(tx: Tx, source: ElementInstanceRow, code: string): { caught: boolean; interrupted: boolean } {
  const start = source.flow_scope_key !== null ? tx.store.element(source.flow_scope_key) : undefined;
  const catcher = start ? findCatcher(tx, start, 'escalation', code) : undefined;
  if (!catcher) return { caught: false, interrupted: false };
  catchWith(tx, catcher, {});
  const after = tx.store.element(source.key);
  return { caught: true, interrupted: !after || after.state === 'TERMINATED' };
}

export function unhandledErrorMessage(code: string, message: string): string {
  return `Expected to throw an error event with the code '${code}' with message '${message}', but it was not caught. No error events are available in the scope.`;
}
