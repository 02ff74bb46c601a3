// The engine's SQLite schema. Every table is keyed by Zeebe-style int64 keys (stored as
// INTEGER; they stay below 2^53 so JavaScript numbers hold them exactly).

/**
 * 2: open_user_task_groups (an index of the candidate groups of open user tasks), user_tasks.due_ms
 * 3: element_instances.active_children; user_tasks indexed by (state, creation_time) instead of state alone
 */
export const SCHEMA_VERSION = 3;

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS deployments (
  key INTEGER PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  created_at INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS process_definitions (
  key INTEGER PRIMARY KEY,
  bpmn_process_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  version_tag TEXT,
  name TEXT,
  resource_name TEXT NOT NULL,
  checksum TEXT NOT NULL,
  xml TEXT NOT NULL,
  deployment_key INTEGER NOT NULL,
  tenant_id TEXT NOT NULL,
  UNIQUE (tenant_id, bpmn_process_id, version)
);

CREATE TABLE IF NOT EXISTS process_instances (
  key INTEGER PRIMARY KEY,
  definition_key INTEGER NOT NULL,
  bpmn_process_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  tenant_id TEXT NOT NULL,
  state TEXT NOT NULL,
  parent_process_instance_key INTEGER,
  parent_element_instance_key INTEGER,
  start_time INTEGER NOT NULL,
  end_time INTEGER,
  -- set when a message start event created the instance (no second one while it is active)
  correlation_key TEXT
);
CREATE INDEX IF NOT EXISTS process_instances_by_correlation ON process_instances (bpmn_process_id, correlation_key) WHERE correlation_key IS NOT NULL;
CREATE INDEX IF NOT EXISTS process_instances_by_parent ON process_instances (parent_element_instance_key);

CREATE TABLE IF NOT EXISTS element_instances (
  key INTEGER PRIMARY KEY,
  process_instance_key INTEGER NOT NULL,
  definition_key INTEGER NOT NULL,
  flow_scope_key INTEGER,
  element_id TEXT NOT NULL,
  element_type TEXT NOT NULL,
  state TEXT NOT NULL,
  start_time INTEGER NOT NULL,
  end_time INTEGER,
  data TEXT,
  -- how many children are ACTIVATING, ACTIVATED or COMPLETING (kept by the store; NULL in rows
  -- written before schema 3, whose children are then counted by a query)
  active_children INTEGER
);
-- state is deliberately not indexed: it changes several times per element, and each change
-- would rewrite the index entry
CREATE INDEX IF NOT EXISTS element_instances_by_scope ON element_instances (flow_scope_key);
CREATE INDEX IF NOT EXISTS element_instances_by_instance ON element_instances (process_instance_key);

CREATE TABLE IF NOT EXISTS variables (
  key INTEGER PRIMARY KEY,
  scope_key INTEGER NOT NULL,
  process_instance_key INTEGER NOT NULL,
  name TEXT NOT NULL,
  value TEXT NOT NULL,
  UNIQUE (scope_key, name)
);
CREATE INDEX IF NOT EXISTS variables_by_instance ON variables (process_instance_key);

CREATE TABLE IF NOT EXISTS jobs (
  key INTEGER PRIMARY KEY,
  type TEXT NOT NULL,
  state TEXT NOT NULL,
  element_instance_key INTEGER NOT NULL,
  process_instance_key INTEGER NOT NULL,
  definition_key INTEGER NOT NULL,
  bpmn_process_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  element_id TEXT NOT NULL,
  tenant_id TEXT NOT NULL,
  custom_headers TEXT NOT NULL,
  retries INTEGER NOT NULL,
  worker TEXT NOT NULL DEFAULT '',
  deadline INTEGER,
  recur_at INTEGER,
  error_message TEXT,
  error_code TEXT,
  created_at INTEGER NOT NULL
);
-- partial indexes: a job enters each only in the state its query asks for
CREATE INDEX IF NOT EXISTS jobs_activatable ON jobs (type, key) WHERE state = 'ACTIVATABLE';
CREATE INDEX IF NOT EXISTS jobs_by_deadline ON jobs (deadline) WHERE state = 'ACTIVATED';
CREATE INDEX IF NOT EXISTS jobs_by_recur ON jobs (recur_at) WHERE state = 'FAILED' AND recur_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS jobs_by_element ON jobs (element_instance_key);

CREATE TABLE IF NOT EXISTS incidents (
  key INTEGER PRIMARY KEY,
  process_instance_key INTEGER NOT NULL,
  definition_key INTEGER NOT NULL,
  bpmn_process_id TEXT NOT NULL,
  element_instance_key INTEGER NOT NULL,
  element_id TEXT NOT NULL,
  job_key INTEGER,
  error_type TEXT NOT NULL,
  error_message TEXT NOT NULL,
  state TEXT NOT NULL,
  tenant_id TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  retry TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS incidents_by_instance ON incidents (process_instance_key);
CREATE INDEX IF NOT EXISTS incidents_by_element ON incidents (element_instance_key, state);

CREATE TABLE IF NOT EXISTS user_tasks (
  key INTEGER PRIMARY KEY,
  element_instance_key INTEGER NOT NULL,
  process_instance_key INTEGER NOT NULL,
  definition_key INTEGER NOT NULL,
  bpmn_process_id TEXT NOT NULL,
  element_id TEXT NOT NULL,
  tenant_id TEXT NOT NULL,
  state TEXT NOT NULL,
  assignee TEXT,
  candidate_groups TEXT NOT NULL,
  candidate_users TEXT NOT NULL,
  due_date TEXT,
  follow_up_date TEXT,
  form_key TEXT,
  due_ms INTEGER,
  priority INTEGER NOT NULL,
  creation_time INTEGER NOT NULL,
  completion_time INTEGER
);
CREATE INDEX IF NOT EXISTS user_tasks_by_element ON user_tasks (element_instance_key);
-- state first: open tasks by state alone, and "open tasks created since" (a task list following
-- new work) without reading every open task
CREATE INDEX IF NOT EXISTS user_tasks_by_state_created ON user_tasks (state, creation_time);
-- The candidate groups of open (CREATED) user tasks, one row each: what a task list by unit
-- searches ("my groups' open tasks") without reading every open task's JSON array. The column is
-- named value, as json_each's is, so one filter condition fits both.
CREATE TABLE IF NOT EXISTS open_user_task_groups (
  value TEXT NOT NULL,
  user_task_key INTEGER NOT NULL,
  PRIMARY KEY (value, user_task_key)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS open_user_task_groups_by_task ON open_user_task_groups (user_task_key);

-- Pending timers, indexed by due time (never one setTimeout each). element_instance_key is
-- the element that waits (catch event, gateway, the activity of a boundary event, the scope of
-- an event subprocess); NULL for timer start events.
CREATE TABLE IF NOT EXISTS timers (
  key INTEGER PRIMARY KEY,
  due_date INTEGER NOT NULL,
  element_instance_key INTEGER,
  process_instance_key INTEGER,
  definition_key INTEGER NOT NULL,
  target_element_id TEXT NOT NULL,
  repetitions INTEGER NOT NULL,
  interval TEXT,
  tenant_id TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS timers_by_due ON timers (due_date);
CREATE INDEX IF NOT EXISTS timers_by_element ON timers (element_instance_key);
CREATE INDEX IF NOT EXISTS timers_by_definition ON timers (definition_key) WHERE element_instance_key IS NULL;

CREATE TABLE IF NOT EXISTS message_subscriptions (
  key INTEGER PRIMARY KEY,
  message_name TEXT NOT NULL,
  correlation_key TEXT NOT NULL,
  element_instance_key INTEGER NOT NULL,
  process_instance_key INTEGER NOT NULL,
  definition_key INTEGER NOT NULL,
  bpmn_process_id TEXT NOT NULL,
  target_element_id TEXT NOT NULL,
  interrupting INTEGER NOT NULL,
  tenant_id TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS message_subscriptions_by_name ON message_subscriptions (tenant_id, message_name, correlation_key);
CREATE INDEX IF NOT EXISTS message_subscriptions_by_element ON message_subscriptions (element_instance_key);

-- Published messages, kept while their time to live lasts (deadline = publish time + TTL).
CREATE TABLE IF NOT EXISTS messages (
  key INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  correlation_key TEXT NOT NULL,
  message_id TEXT,
  variables TEXT NOT NULL,
  tenant_id TEXT NOT NULL,
  deadline INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS messages_by_name ON messages (tenant_id, name, correlation_key);
CREATE INDEX IF NOT EXISTS messages_by_deadline ON messages (deadline);

-- A message correlates at most once per BPMN process id.
CREATE TABLE IF NOT EXISTS message_correlations (
  message_key INTEGER NOT NULL,
  bpmn_process_id TEXT NOT NULL,
  PRIMARY KEY (message_key, bpmn_process_id)
);

CREATE TABLE IF NOT EXISTS signal_subscriptions (
  key INTEGER PRIMARY KEY,
  signal_name TEXT NOT NULL,
  element_instance_key INTEGER NOT NULL,
  process_instance_key INTEGER NOT NULL,
  definition_key INTEGER NOT NULL,
  target_element_id TEXT NOT NULL,
  tenant_id TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS signal_subscriptions_by_name ON signal_subscriptions (tenant_id, signal_name);
CREATE INDEX IF NOT EXISTS signal_subscriptions_by_element ON signal_subscriptions (element_instance_key);
`;
