// Row shapes of the engine's tables, as better-sqlite3 returns them.

export interface DefinitionRow {
  key: number;
  bpmn_process_id: string;
  version: number;
  version_tag: string | null;
  name: string | null;
  resource_name: string;
  checksum: string;
  xml: string;
  deployment_key: number;
  tenant_id: string;
}

export interface ProcessInstanceRow {
  key: number;
  definition_key: number;
  bpmn_process_id: string;
  version: number;
  tenant_id: string;
  /** ACTIVE, COMPLETED or TERMINATED */
  state: string;
  parent_process_instance_key: number | null;
  parent_element_instance_key: number | null;
  start_time: number;
  end_time: number | null;
  correlation_key: string | null;
}

export interface ElementInstanceRow {
  key: number;
  process_instance_key: number;
  definition_key: number;
  flow_scope_key: number | null;
  element_id: string;
  /** Zeebe's BpmnElementType name: PROCESS, SERVICE_TASK, MULTI_INSTANCE_BODY, ... */
  element_type: string;
  /** ACTIVATING, ACTIVATED, COMPLETING, COMPLETED, TERMINATED */
  state: string;
  start_time: number;
  end_time: number | null;
  /** behaviour-specific JSON (join tokens, multi-instance counters) */
  data: string | null;
}

export interface VariableRow {
  key: number;
  scope_key: number;
  process_instance_key: number;
  name: string;
  /** JSON text */
  value: string;
}

export interface JobRow {
  key: number;
  type: string;
  /** ACTIVATABLE, ACTIVATED, FAILED (waiting for back-off or retries), ERROR_THROWN (incident) */
  state: string;
  element_instance_key: number;
  process_instance_key: number;
  definition_key: number;
  bpmn_process_id: string;
  version: number;
  element_id: string;
  tenant_id: string;
  custom_headers: string;
  retries: number;
  worker: string;
  deadline: number | null;
  recur_at: number | null;
  error_message: string | null;
  error_code: string | null;
  created_at: number;
}

export interface IncidentRow {
  key: number;
  process_instance_key: number;
  definition_key: number;
  bpmn_process_id: string;
  element_instance_key: number;
  element_id: string;
  job_key: number | null;
  /** Zeebe's ErrorType: JOB_NO_RETRIES, EXTRACT_VALUE_ERROR, IO_MAPPING_ERROR, CONDITION_ERROR, ... */
  error_type: string;
  error_message: string;
  state: string;
  tenant_id: string;
  created_at: number;
  /** JSON: which step to retry on resolution ({"step":"activate"} or {"step":"complete"} or {"step":"job"}) */
  retry: string;
}

export interface UserTaskRow {
  key: number;
  element_instance_key: number;
  process_instance_key: number;
  definition_key: number;
  bpmn_process_id: string;
  element_id: string;
  tenant_id: string;
  /** CREATED, COMPLETED, CANCELED */
  state: string;
  assignee: string | null;
  /** JSON array */
  candidate_groups: string;
  candidate_users: string;
  due_date: string | null;
  /** the due date as epoch ms (kept by the store from due_date), for sorting and filtering task lists */
  due_ms: number | null;
  follow_up_date: string | null;
  form_key: string | null;
  priority: number;
  creation_time: number;
  completion_time: number | null;
}

export interface TimerRow {
  key: number;
  due_date: number;
  element_instance_key: number | null;
  process_instance_key: number | null;
  definition_key: number;
  target_element_id: string;
  /** remaining repetitions after this one; -1 = forever */
  repetitions: number;
  /** JSON of the repeat rule: {"duration": IsoDuration} or {"cron": text}; null when it does not repeat */
  interval: string | null;
  tenant_id: string;
}

export interface MessageSubscriptionRow {
  key: number;
  message_name: string;
  correlation_key: string;
  element_instance_key: number;
  process_instance_key: number;
  definition_key: number;
  bpmn_process_id: string;
  target_element_id: string;
  interrupting: number;
  tenant_id: string;
}

export interface MessageRow {
  key: number;
  name: string;
  correlation_key: string;
  message_id: string | null;
  variables: string;
  tenant_id: string;
  deadline: number;
}

export interface SignalSubscriptionRow {
  key: number;
  signal_name: string;
  element_instance_key: number;
  process_instance_key: number;
  definition_key: number;
  target_element_id: string;
  tenant_id: string;
}
