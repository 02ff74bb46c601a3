// Rows of the search layer as Camunda 8.8's REST results: keys as strings, dates as UTC
// ISO 8601, optional fields left out when empty (never null), names from the BPMN model.

import type {
  ElementInstanceSearchRow, IncidentSearchRow, ProcessDefinitionSearchRow, ProcessInstanceSearchRow,
  UserTaskSearchRow, VariableSearchRow,
} from '../state/search.js';
import { INCIDENT_ERROR_TYPES, VARIABLE_VALUE_LIMIT } from '../state/search.js';
import { isoDate, isoDateText, keyString } from './validate.js';

/** drops undefined fields so that JSON answers carry no `null`s Camunda would not send */
function compact<T extends Record<string, unknown>>(value: T): T {
  for (const k of Object.keys(value)) if (value[k] === undefined) delete value[k];
  return value;
}

export function processInstanceResult(row: ProcessInstanceSearchRow) {
  return compact({
    processDefinitionId: row.bpmn_process_id,
    processDefinitionName: row.definition_name ?? row.bpmn_process_id,
    processDefinitionVersion: row.version,
    processDefinitionVersionTag: row.version_tag ?? undefined,
    startDate: isoDate(row.start_time)!,
    endDate: isoDate(row.end_time),
    state: row.state,
    hasIncident: row.has_incident === 1,
    tenantId: row.tenant_id,
    processInstanceKey: String(row.key),
    processDefinitionKey: String(row.definition_key),
    parentProcessInstanceKey: keyString(row.parent_process_instance_key),
    parentElementInstanceKey: keyString(row.parent_element_instance_key),
  });
}

export function elementInstanceResult(row: ElementInstanceSearchRow) {
  return compact({
    processDefinitionId: row.bpmn_process_id,
    startDate: isoDate(row.start_time)!,
    endDate: isoDate(row.end_time),
    elementId: row.element_id,
    elementName: row.element_name,
    type: row.element_type,
    state: row.state === 'COMPLETED' || row.state === 'TERMINATED' ? row.state : 'ACTIVE',
    hasIncident: row.incident_key !== null,
    tenantId: row.tenant_id,
    elementInstanceKey: String(row.key),
    processInstanceKey: String(row.process_instance_key),
    processDefinitionKey: String(row.definition_key),
    incidentKey: keyString(row.incident_key),
  });
}

export function variableSearchResult(row: VariableSearchRow, truncate: boolean) {
  const isTruncated = truncate && row.value.length > VARIABLE_VALUE_LIMIT;
  return {
    name: row.name,
    value: isTruncated ? row.value.slice(0, VARIABLE_VALUE_LIMIT) : row.value,
    isTruncated,
    tenantId: row.tenant_id,
    variableKey: String(row.key),
    scopeKey: String(row.scope_key),
    processInstanceKey: String(row.process_instance_key),
  };
}

export function variableResult(row: VariableSearchRow) {
  return {
    name: row.name,
    value: row.value,
    tenantId: row.tenant_id,
    variableKey: String(row.key),
    scopeKey: String(row.scope_key),
    processInstanceKey: String(row.process_instance_key),
  };
}

export function incidentResult(row: IncidentSearchRow) {
  return compact({
    processDefinitionId: row.bpmn_process_id,
    errorType: (INCIDENT_ERROR_TYPES as readonly string[]).includes(row.error_type) ? row.error_type : 'UNKNOWN',
    errorMessage: row.error_message,
    elementId: row.element_id,
    creationTime: isoDate(row.created_at),
    state: row.state,
    tenantId: row.tenant_id,
    incidentKey: String(row.key),
    processDefinitionKey: String(row.definition_key),
    processInstanceKey: String(row.process_instance_key),
    elementInstanceKey: String(row.element_instance_key),
    jobKey: keyString(row.job_key),
  });
}

export function userTaskResult(row: UserTaskSearchRow, customHeaders: Record<string, string>) {
  const formKey = row.form_key !== null && /^\d+$/.test(row.form_key) ? row.form_key : undefined;
  return compact({
    name: row.name,
    state: row.state,
    assignee: row.assignee ?? undefined,
    elementId: row.element_id,
    candidateGroups: JSON.parse(row.candidate_groups) as string[],
    candidateUsers: JSON.parse(row.candidate_users) as string[],
    processDefinitionId: row.bpmn_process_id,
    creationDate: isoDate(row.creation_time),
    completionDate: isoDate(row.completion_time),
    followUpDate: isoDateText(row.follow_up_date),
    dueDate: isoDateText(row.due_date),
    tenantId: row.tenant_id,
    externalFormReference: row.form_key !== null && formKey === undefined ? row.form_key : undefined,
    processDefinitionVersion: row.definition_version ?? undefined,
    customHeaders,
    priority: row.priority,
    userTaskKey: String(row.key),
    elementInstanceKey: String(row.element_instance_key),
    processName: row.process_name ?? undefined,
    processDefinitionKey: String(row.definition_key),
    processInstanceKey: String(row.process_instance_key),
    formKey,
  });
}

export function processDefinitionResult(row: ProcessDefinitionSearchRow) {
  return compact({
    name: row.name ?? undefined,
    resourceName: row.resource_name,
    version: row.version,
    versionTag: row.version_tag ?? undefined,
    processDefinitionId: row.bpmn_process_id,
    tenantId: row.tenant_id,
    processDefinitionKey: String(row.key),
    hasStartForm: false,
  });
}
