// Raising incidents: the element (or job) stops where it is until the incident is resolved.

import type { ElementInstanceRow } from '../state/rows.js';
import type { Tx } from './context.js';
import type { Variables } from './variables.js';

/** What to do again when the incident is resolved. */
export type RetryStep =
  | { step: 'activate' }
  | { step: 'complete'; variables?: Variables; flowIds?: string[] }
  | { step: 'job' };

export function raiseIncident(
  tx: Tx,
  element: ElementInstanceRow,
  errorType: string,
  message: string,
  retry: RetryStep,
  jobKey?: number,
): number {
  const instance = tx.store.processInstance(element.process_instance_key)!;
  const key = tx.nextKey();
  tx.store.insertIncident({
    key,
    process_instance_key: element.process_instance_key,
    definition_key: element.definition_key,
    bpmn_process_id: instance.bpmn_process_id,
    element_instance_key: element.key,
    element_id: element.element_id,
    job_key: jobKey ?? null,
    error_type: errorType,
    error_message: message,
    state: 'ACTIVE',
    tenant_id: instance.tenant_id,
    created_at: tx.now,
    retry: JSON.stringify(retry),
  });
  return key;
}

/** an element that is terminated takes its incidents with it (Zeebe resolves them) */
export function resolveIncidentsOf(tx: Tx, elementInstanceKey: number): void {
  for (const incident of tx.store.activeIncidentsOfElement(elementInstanceKey)) {
    tx.store.setIncidentState(incident.key, 'RESOLVED');
  }
}
