// The multi-instance body: one inner instance per collection item (all at once, or one after
// the other), `inputElement` and `loopCounter` local to each, the output collection in input
// order, and the completion condition evaluated after each inner instance.

import type { ElementModel } from '../../model/types.js';
import type { ElementInstanceRow } from '../../state/rows.js';
import type { Tx } from '../context.js';
import { evaluate, evaluateArray, evaluateBoolean } from '../expressions.js';
import { complete, createInstance, activate, readData, terminate, writeData } from '../lifecycle.js';
import { mergeVariables, setLocalVariable, visibleVariables } from '../variables.js';
import type { Behaviour } from './behaviour.js';

interface BodyData {
  items: unknown[];
  next: number;
  completed: number;
  terminated: number;
  completionConditionMet?: boolean;
  [key: string]: unknown;
}

/** an output element that is a variable or a path into one (`= res`, `= res.total`) */
const OUTPUT_VARIABLE = /^\s*([A-Za-z_][A-Za-z0-9_]*)(?:\.[A-Za-z_][A-Za-z0-9_]*)*\s*$/;

function startInner(tx: Tx, body: ElementInstanceRow, element: ElementModel, data: BodyData): void {
  const index = data.next;
  data.next += 1;
  const inner = createInstance(tx, { element, scope: body, inner: true });
  const definition = element.multiInstance!;
  if (definition.inputElement) setLocalVariable(tx, inner.key, inner.process_instance_key, definition.inputElement, data.items[index] ?? null);
  setLocalVariable(tx, inner.key, inner.process_instance_key, 'loopCounter', index + 1);
  // Zeebe nil-initialises the output element's variable locally, so each inner instance keeps its own
  const outputVariable = definition.outputElement?.match(OUTPUT_VARIABLE)?.[1];
  if (outputVariable && outputVariable !== definition.inputElement) {
    setLocalVariable(tx, inner.key, inner.process_instance_key, outputVariable, null);
  }
  activate(tx, inner);
}

function updateCounters(tx: Tx, body: ElementInstanceRow, data: BodyData, active: number): void {
  const pi = body.process_instance_key;
  setLocalVariable(tx, body.key, pi, 'numberOfInstances', data.items.length);
  setLocalVariable(tx, body.key, pi, 'numberOfActiveInstances', active);
  setLocalVariable(tx, body.key, pi, 'numberOfCompletedInstances', data.completed);
  setLocalVariable(tx, body.key, pi, 'numberOfTerminatedInstances', data.terminated);
}

/**
 * Runs while an inner instance completes (so a failure is an incident on that inner instance):
 * collects its output element and evaluates the completion condition.
 */
export function completeInnerInstance(tx: Tx, inner: ElementInstanceRow, element: ElementModel): void {
  const definition = element.multiInstance!;
  const body = tx.store.element(inner.flow_scope_key!)!;
  const innerVariables = visibleVariables(tx, inner.key);
  if (definition.outputCollection && definition.outputElement) {
    const loopCounter = innerVariables.loopCounter as number;
    const value = evaluate(tx, definition.outputElement, innerVariables);
    const collection = [...((visibleVariables(tx, body.key)[definition.outputCollection] as unknown[]) ?? [])];
    collection[loopCounter - 1] = value;
    setLocalVariable(tx, body.key, body.process_instance_key, definition.outputCollection, collection);
  }
  if (definition.completionCondition !== undefined) {
    const data = readData(tx, body) as BodyData;
    const counted = { ...innerVariables, numberOfCompletedInstances: data.completed + 1, numberOfActiveInstances: tx.store.countActiveChildren(body.key) - 1 };
    if (evaluateBoolean(tx, definition.completionCondition, counted)) {
      data.completionConditionMet = true;
      writeData(tx, body, data);
    }
  }
}

export const multiInstanceBody: Behaviour = {
  activate(tx, body, element) {
    const definition = element.multiInstance!;
    const items = evaluateArray(tx, definition.inputCollection, visibleVariables(tx, body.key));
    const data: BodyData = { items, next: 0, completed: 0, terminated: 0 };
    if (definition.outputCollection) {
      setLocalVariable(tx, body.key, body.process_instance_key, definition.outputCollection, items.map(() => null));
    }
    if (items.length === 0) {
      writeData(tx, body, data);
      return complete(tx, body.key);
    }
    const startNow = definition.sequential ? 1 : items.length;
    updateCounters(tx, body, data, startNow);
    for (let i = 0; i < startNow; i++) startInner(tx, body, element, data);
    writeData(tx, body, data);
  },

  childEnded(tx, body, element, child) {
    const definition = element.multiInstance!;
    const data = readData(tx, body) as BodyData;
    if (child.state === 'COMPLETED') data.completed += 1;
    else data.terminated += 1;
    let active = tx.store.countActiveChildren(body.key);
    if (data.completionConditionMet) {
      for (const inner of tx.store.activeChildren(body.key)) {
        terminate(tx, inner);
        data.terminated += 1;
      }
      updateCounters(tx, body, data, 0);
      writeData(tx, body, data);
      return complete(tx, body.key);
    }
    if (definition.sequential && data.next < data.items.length) {
      startInner(tx, body, element, data);
      active += 1;
    }
    updateCounters(tx, body, data, active);
    writeData(tx, body, data);
    if (active === 0) complete(tx, body.key);
  },

  beforeComplete(tx, body, element) {
    const definition = element.multiInstance!;
    if (!definition.outputCollection) return;
    const value = visibleVariables(tx, body.key)[definition.outputCollection];
    mergeVariables(tx, body.flow_scope_key!, body.process_instance_key, { [definition.outputCollection]: value });
  },

  terminate(tx, body) {
    for (const inner of tx.store.activeChildren(body.key)) terminate(tx, inner);
  },
};
