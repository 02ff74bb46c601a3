// Job-based elements (service, send, business-rule and job-based script tasks, message throw
// and end events, job-worker user tasks): activation creates a job; the element waits until
// a worker completes it.

import type { ElementModel, JobDefinition } from '../../model/types.js';
import type { ElementInstanceRow } from '../../state/rows.js';
import type { Tx } from '../context.js';
import { evaluateInteger, evaluateString } from '../expressions.js';
import { visibleVariables } from '../variables.js';
import type { Behaviour } from './behaviour.js';

export function createJob(
  tx: Tx,
  row: ElementInstanceRow,
  element: ElementModel,
  extraHeaders: Record<string, string> = {},
  definition: JobDefinition = element.job!,
): void {
  // static job types and retries (the common case) need no variable lookup
  const needsVariables = definition.type.kind === 'feel' || definition.retries.kind === 'feel';
  const variables = needsVariables ? visibleVariables(tx, row.key) : {};
  const type = evaluateString(tx, definition.type, variables);
  const retries = evaluateInteger(tx, definition.retries, variables);
  const instance = tx.store.definition(row.definition_key)!; // bpmn id, version and tenant, cached
  const key = tx.nextKey();
  tx.store.insertJob({
    key,
    type,
    state: 'ACTIVATABLE',
    element_instance_key: row.key,
    process_instance_key: row.process_instance_key,
    definition_key: row.definition_key,
    bpmn_process_id: instance.bpmn_process_id,
    version: instance.version,
    element_id: row.element_id,
    tenant_id: instance.tenant_id,
    custom_headers: JSON.stringify({ ...element.taskHeaders, ...extraHeaders }),
    retries,
    created_at: tx.now,
  });
  tx.jobActivatable(key, type);
}

export function cancelJob(tx: Tx, row: ElementInstanceRow): void {
  tx.store.cancelJobOfElement(row.key);
}

export const jobTask: Behaviour = {
  activate(tx, row, element) {
    createJob(tx, row, element);
  },
  terminate(tx, row) {
    cancelJob(tx, row);
  },
};
