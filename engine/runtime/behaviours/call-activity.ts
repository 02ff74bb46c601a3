// Call activity: starts the latest version of the called process as a child instance, with
// the parent's variables (all visible ones by default, or only the input mappings' locals);
// the child's variables come back when it completes (see lifecycle.processEnded).

import type { Tx } from '../context.js';
import { IncidentSignal } from '../errors.js';
import { evaluateString } from '../expressions.js';
import { activate, terminate } from '../lifecycle.js';
import { localVariables, setLocalVariables, visibleVariables } from '../variables.js';
import type { Behaviour } from './behaviour.js';

export const CALLED_ELEMENT_ERROR = 'CALLED_ELEMENT_ERROR';

export const callActivity: Behaviour = {
  activate(tx, row, element) {
    const definition = element.callActivity!;
    const visible = visibleVariables(tx, row.key);
    const processId = evaluateString(tx, definition.processId, visible);
    const parent = tx.store.processInstance(row.process_instance_key)!;
    const called = tx.store.latestDefinition(parent.tenant_id, processId);
    if (!called) {
      throw new IncidentSignal(CALLED_ELEMENT_ERROR, `Expected process with BPMN process id '${processId}' to be deployed, but not found.`);
    }
    const calledModel = tx.model(called.key);
    const calledProcess = calledModel.elements.get(calledModel.bpmnProcessId)!;
    if (!calledProcess.noneStartEventId) {
      throw new IncidentSignal(CALLED_ELEMENT_ERROR, `Expected process with BPMN process id '${processId}' to have a none start event, but it has none.`);
    }
    const variables = definition.propagateAllParentVariables ? visible : localVariables(tx, row.key);
    const root = startChildInstance(tx, called.key, called.bpmn_process_id, called.version, parent.tenant_id, parent.key, row.key);
    setLocalVariables(tx, root.key, root.key, variables);
    activate(tx, root);
  },
  terminate(tx, row) {
    const child = tx.store.activeChildInstanceOf(row.key);
    if (!child) return;
    const root = tx.store.element(child.key);
    if (root) terminate(tx, root);
  },
};

export function startChildInstance(
  tx: Tx,
  definitionKey: number,
  bpmnProcessId: string,
  version: number,
  tenantId: string,
  parentProcessInstanceKey: number | null,
  parentElementInstanceKey: number | null,
  correlationKey?: string,
) {
  const key = tx.nextKey();
  tx.store.insertProcessInstance({
    key,
    definition_key: definitionKey,
    bpmn_process_id: bpmnProcessId,
    version,
    tenant_id: tenantId,
    state: 'ACTIVE',
    parent_process_instance_key: parentProcessInstanceKey,
    parent_element_instance_key: parentElementInstanceKey,
    start_time: tx.now,
    correlation_key: correlationKey ?? null,
  });
  const root = {
    key,
    process_instance_key: key,
    definition_key: definitionKey,
    flow_scope_key: null,
    element_id: bpmnProcessId,
    element_type: 'PROCESS',
    state: 'ACTIVATING',
    start_time: tx.now,
    end_time: null,
    data: null,
  };
  tx.store.insertElement(root);
  return root;
}
