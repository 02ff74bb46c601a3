// The generic element lifecycle, written once: activate (input mappings, then the element's
// own behaviour), complete (output mappings, then leave by the outgoing flows), terminate
// (children first). Each element kind only adds its small behaviour (see behaviours/).

import type { ElementModel, SequenceFlowModel } from '../model/types.js';
import type { ElementInstanceRow } from '../state/rows.js';
import { behaviourOf } from './behaviours/index.js';
import { completeInnerInstance } from './behaviours/multi-instance.js';
import type { Tx } from './context.js';
import { MULTI_INSTANCE_BODY, elementTypeName } from './element-types.js';
import { IncidentSignal } from './errors.js';
import { evaluate } from './expressions.js';
import { raiseIncident, resolveIncidentsOf } from './incidents.js';
import { canReach } from './reachability.js';
import { closeEventSubscriptions, openEventSubscriptions } from './event-subscriptions.js';
import { startBufferedInstance } from './messages.js';
import {
  assignPath, localVariables, mergeVariables, setLocalVariables, visibleVariables, type Variables,
} from './variables.js';

export const IO_MAPPING_ERROR = 'IO_MAPPING_ERROR';

export function elementOf(tx: Tx, row: ElementInstanceRow): ElementModel {
  return tx.element(row.definition_key, row.element_id);
}

/** whether instances of the element can hold timers or subscriptions (saves three deletes per element otherwise) */
export function mayWaitForEvents(element: ElementModel): boolean {
  return element.boundaryEventIds.length > 0 || element.eventSubProcessIds.length > 0
    || element.type === 'intermediateCatchEvent' || element.type === 'receiveTask' || element.type === 'eventBasedGateway';
}

function canHaveChildren(element: ElementModel, row: ElementInstanceRow): boolean {
  return row.element_type === MULTI_INSTANCE_BODY || element.type === 'process' || element.type === 'subProcess';
}

/** an inner instance of a multi-instance activity (its body is the flow scope) */
export function isInnerInstance(element: ElementModel, row: ElementInstanceRow): boolean {
  return element.multiInstance !== undefined && row.element_type !== MULTI_INSTANCE_BODY;
}

interface NewInstance {
  element: ElementModel;
  scope: ElementInstanceRow;
  /** create the inner instance of a multi-instance element rather than its body */
  inner?: boolean;
  key?: number;
  /** an event that is already triggered starts ACTIVATED (saves a write) */
  state?: 'ACTIVATING' | 'ACTIVATED';
}

/** Inserts the element instance (ACTIVATING); `activate` queues its activation. */
export function createInstance(tx: Tx, spec: NewInstance): ElementInstanceRow {
  const type = spec.element.multiInstance && !spec.inner ? MULTI_INSTANCE_BODY : elementTypeName(spec.element);
  const row: ElementInstanceRow = {
    key: spec.key ?? tx.nextKey(),
    process_instance_key: spec.scope.process_instance_key,
    definition_key: spec.scope.definition_key,
    flow_scope_key: spec.scope.key,
    element_id: spec.element.id,
    element_type: type,
    state: spec.state ?? 'ACTIVATING',
    start_time: tx.now,
    end_time: null,
    data: null,
  };
  tx.store.insertElement(row);
  return row;
}

export function activate(tx: Tx, row: ElementInstanceRow): void {
  tx.enqueue(() => activateNow(tx, row.key));
}

/**
 * An element without input mappings, subscriptions or a multi-instance body has nothing that
 * could fail before its behaviour runs, so it is written ACTIVATED at once (one write fewer).
 */
function activatesDirectly(spec: NewInstance): boolean {
  const element = spec.element;
  return element.inputMappings.length === 0 && !mayWaitForEvents(element) && (!element.multiInstance || spec.inner === true);
}

export function createAndActivate(tx: Tx, spec: NewInstance): ElementInstanceRow {
  if (activatesDirectly(spec)) {
    const row = createInstance(tx, { ...spec, state: 'ACTIVATED' });
    tx.enqueue(() => activateNow(tx, row.key, true));
    return row;
  }
  const row = createInstance(tx, spec);
  activate(tx, row);
  return row;
}

export function activateNow(tx: Tx, key: number, written = false): void {
  const row = tx.store.element(key);
  if (!row || row.state !== (written ? 'ACTIVATED' : 'ACTIVATING')) return;
  const element = elementOf(tx, row);
  try {
    if (!written) {
      if (row.element_type !== MULTI_INSTANCE_BODY && element.inputMappings.length > 0) applyInputMappings(tx, row, element);
      // subscriptions open first: a failing timer or correlation key expression is an incident before the element acts
      openEventSubscriptions(tx, row, element);
      tx.store.setElementState(key, 'ACTIVATED');
      row.state = 'ACTIVATED';
    }
    behaviourOf(element, row).activate(tx, row, element);
  } catch (error) {
    if (!(error instanceof IncidentSignal)) throw error;
    tx.store.closeEventSubscriptions(key);
    tx.store.setElementState(key, 'ACTIVATING');
    raiseIncident(tx, row, error.errorType, error.message, { step: 'activate' });
  }
}

function applyInputMappings(tx: Tx, row: ElementInstanceRow, element: ElementModel): void {
  const context = visibleVariables(tx, row.key);
  const locals: Variables = {};
  for (const mapping of element.inputMappings) {
    const value = evaluate(tx, mapping.source, { ...context, ...locals }, IO_MAPPING_ERROR);
    assignPath(locals, mapping.target, value, (name) => context[name]);
  }
  setLocalVariables(tx, row.key, row.process_instance_key, locals);
}

export interface CompleteOptions {
  /** variables the completion brings (job completion, message, error, child process) */
  variables?: Variables;
  /** the flows a gateway chose; default: every outgoing flow */
  flowIds?: string[];
}

export function complete(tx: Tx, key: number, options: CompleteOptions = {}): void {
  tx.enqueue(() => completeNow(tx, key, options));
}

export function completeNow(tx: Tx, key: number, options: CompleteOptions = {}): void {
  const row = tx.store.element(key);
  if (!row || (row.state !== 'ACTIVATED' && row.state !== 'COMPLETING')) return;
  const element = elementOf(tx, row);
  // COMPLETING is only written when the completion stops at an incident
  row.state = 'COMPLETING';
  try {
    const behaviour = behaviourOf(element, row);
    if (behaviour.beforeComplete) behaviour.beforeComplete(tx, row, element);
    else applyOutput(tx, row, element, options.variables);
    if (isInnerInstance(element, row)) completeInnerInstance(tx, row, element);
  } catch (error) {
    if (!(error instanceof IncidentSignal)) throw error;
    tx.store.setElementState(key, 'COMPLETING');
    raiseIncident(tx, row, error.errorType, error.message, { step: 'complete', variables: options.variables, flowIds: options.flowIds });
    return;
  }
  if (mayWaitForEvents(element)) closeEventSubscriptions(tx, row, element);
  tx.store.endElement(key, 'COMPLETED', tx.now);
  row.state = 'COMPLETED';
  if (row.element_type === 'PROCESS') {
    processEnded(tx, row, 'COMPLETED');
    return;
  }
  if (!isInnerInstance(element, row)) leave(tx, row, element, options.flowIds);
  childEnded(tx, row);
}

/**
 * Zeebe's output behaviour: with output mappings, the completion's variables become locals of
 * the element and only the mapped results are merged outwards; without, the variables are
 * merged starting at the element itself (so a name it holds locally stays local).
 */
export function applyOutput(tx: Tx, row: ElementInstanceRow, element: ElementModel, variables: Variables | undefined): void {
  if (element.outputMappings.length === 0) {
    if (variables) mergeVariables(tx, row.key, row.process_instance_key, variables);
    return;
  }
  if (variables) setLocalVariables(tx, row.key, row.process_instance_key, variables);
  const context = visibleVariables(tx, row.key);
  const outer = row.flow_scope_key !== null ? visibleVariables(tx, row.flow_scope_key) : {};
  const results: Variables = {};
  for (const mapping of element.outputMappings) {
    const value = evaluate(tx, mapping.source, context, IO_MAPPING_ERROR);
    assignPath(results, mapping.target, value, (name) => outer[name]);
  }
  // an inner multi-instance activity writes into its own scope, where the output element reads (Zeebe does the same)
  const target = isInnerInstance(element, row) ? row.key : row.flow_scope_key ?? row.key;
  mergeVariables(tx, target, row.process_instance_key, results);
}

function leave(tx: Tx, row: ElementInstanceRow, element: ElementModel, flowIds: string[] | undefined): void {
  const scope = tx.store.element(row.flow_scope_key!)!;
  const model = tx.model(row.definition_key);
  for (const flowId of flowIds ?? element.outgoing) takeFlow(tx, scope, model.flows.get(flowId)!);
}

export function takeFlow(tx: Tx, scope: ElementInstanceRow, flow: SequenceFlowModel): void {
  const target = tx.element(scope.definition_key, flow.targetId);
  const isJoin = (target.type === 'parallelGateway' || target.type === 'inclusiveGateway') && target.incoming.length > 1;
  if (!isJoin) {
    createAndActivate(tx, { element: target, scope });
    return;
  }
  const data = readData(tx, scope);
  const joins = (data.joins ??= {});
  const tokens = (joins[target.id] ??= {});
  tokens[flow.id] = (tokens[flow.id] ?? 0) + 1;
  writeData(tx, scope, data);
  tryJoin(tx, scope, target);
}

/** Fires a joining gateway when its rule holds: parallel waits for every incoming flow; inclusive for
 * every flow taken, or for no active path left that could still reach it (Zeebe 8.8). */
function tryJoin(tx: Tx, scope: ElementInstanceRow, gateway: ElementModel): boolean {
  const data = readData(tx, scope);
  const tokens = data.joins?.[gateway.id];
  if (!tokens) return false;
  const allTaken = gateway.incoming.every((id) => (tokens[id] ?? 0) > 0);
  let fire = allTaken;
  if (!fire && gateway.type === 'inclusiveGateway') fire = !activePathCanReach(tx, scope, gateway, data);
  if (!fire) return false;
  for (const id of gateway.incoming) {
    if ((tokens[id] ?? 0) > 0) tokens[id]! -= 1;
    if (tokens[id] === 0) delete tokens[id];
  }
  if (Object.keys(tokens).length === 0) delete data.joins![gateway.id];
  writeData(tx, scope, data);
  createAndActivate(tx, { element: gateway, scope });
  return true;
}

function activePathCanReach(tx: Tx, scope: ElementInstanceRow, gateway: ElementModel, data: ScopeData): boolean {
  const model = tx.model(scope.definition_key);
  for (const child of tx.store.activeChildren(scope.key)) {
    if (canReach(model, child.element_id, gateway.id)) return true;
  }
  for (const [otherId, tokens] of Object.entries(data.joins ?? {})) {
    if (otherId !== gateway.id && Object.keys(tokens).length > 0 && canReach(model, otherId, gateway.id)) return true;
  }
  return false;
}

/** After a child completed or was terminated on its own: let its scope react. */
export function childEnded(tx: Tx, child: ElementInstanceRow): void {
  if (child.flow_scope_key === null) return;
  const scope = tx.store.element(child.flow_scope_key);
  if (!scope || scope.state !== 'ACTIVATED') return;
  const element = elementOf(tx, scope);
  const behaviour = behaviourOf(element, scope);
  if (behaviour.childEnded) behaviour.childEnded(tx, scope, element, child);
  else completeScopeWhenDone(tx, scope);
}

/** A process or subprocess completes when nothing is active in it and no token waits at a join. */
export function completeScopeWhenDone(tx: Tx, scope: ElementInstanceRow): void {
  const data = readData(tx, scope);
  const model = tx.model(scope.definition_key);
  for (const gatewayId of Object.keys(data.joins ?? {})) {
    const gateway = model.elements.get(gatewayId)!;
    if (gateway.type === 'inclusiveGateway' && tryJoin(tx, scope, gateway)) return;
  }
  if (tx.store.countActiveChildren(scope.key) > 0) return;
  // no join fired above, so `data` is still current: tokens waiting at a join keep the scope open
  if (data.joins && Object.keys(data.joins).length > 0) return;
  complete(tx, scope.key);
}

/** Terminates an element and everything inside it, children first. */
export function terminate(tx: Tx, row: ElementInstanceRow): void {
  if (row.state === 'COMPLETED' || row.state === 'TERMINATED') return;
  const element = elementOf(tx, row);
  if (mayWaitForEvents(element)) closeEventSubscriptions(tx, row, element);
  if (canHaveChildren(element, row)) {
    // children see a terminating scope and do not try to complete it
    tx.store.setElementState(row.key, 'TERMINATING');
    row.state = 'TERMINATING';
    for (const child of tx.store.activeChildren(row.key)) terminate(tx, child);
  }
  behaviourOf(element, row).terminate?.(tx, row, element);
  resolveIncidentsOf(tx, row.key);
  tx.store.endElement(row.key, 'TERMINATED', tx.now);
  row.state = 'TERMINATED';
  if (row.element_type === 'PROCESS') processEnded(tx, row, 'TERMINATED');
}

/** Terminates every active child of a scope and drops its join tokens (terminate end event, interrupting events). */
export function terminateChildren(tx: Tx, scope: ElementInstanceRow, except?: number): void {
  for (const child of tx.store.activeChildren(scope.key)) if (child.key !== except) terminate(tx, child);
  const data = readData(tx, scope);
  if (data.joins) {
    delete data.joins;
    writeData(tx, scope, data);
  }
}

function processEnded(tx: Tx, root: ElementInstanceRow, state: 'COMPLETED' | 'TERMINATED'): void {
  tx.store.endProcessInstance(root.key, state, tx.now);
  tx.effects.endedInstances.set(root.key, state);
  const instance = tx.store.processInstance(root.key)!;
  if (instance.correlation_key !== null) {
    const { bpmn_process_id: id, tenant_id: tenant, correlation_key: correlationKey } = instance;
    tx.enqueue(() => startBufferedInstance(tx, id, tenant, correlationKey));
  }
  if (state !== 'COMPLETED') return;
  if (instance.parent_element_instance_key === null) return;
  const callActivity = tx.store.element(instance.parent_element_instance_key);
  if (!callActivity || callActivity.state !== 'ACTIVATED') return;
  const element = elementOf(tx, callActivity);
  const definition = element.callActivity!;
  const variables = definition.propagateAllChildVariables || element.outputMappings.length > 0 ? localVariables(tx, root.key) : {};
  complete(tx, callActivity.key, { variables });
}

// Behaviour-specific data kept on the element instance row.
export interface ScopeData {
  joins?: Record<string, Record<string, number>>;
  [key: string]: unknown;
}

/** reads the row's data afresh: another step of this transaction may have changed it */
export function readData(tx: Tx, row: ElementInstanceRow): ScopeData {
  const fresh = tx.store.element(row.key)?.data ?? null;
  return fresh ? (JSON.parse(fresh) as ScopeData) : {};
}

export function writeData(tx: Tx, row: ElementInstanceRow, data: ScopeData): void {
  const json = Object.keys(data).length ? JSON.stringify(data) : null;
  row.data = json;
  tx.store.setElementData(row.key, json);
}
