// Read-only searches over the engine's tables, for the REST API's `/search` endpoints and
// `GET /{key}` look-ups. A query is a list of field conditions (the REST filter, already
// validated), a sort and a page; it becomes one prepared SELECT (plus one COUNT), cached by
// its SQL text. Nothing here writes.

import type Database from 'better-sqlite3';
import type {
  DefinitionRow, ElementInstanceRow, IncidentRow, ProcessInstanceRow, UserTaskRow, VariableRow,
} from './rows.js';

export type FieldKind = 'key' | 'string' | 'int' | 'date' | 'bool' | 'enum' | 'variables';

/** One comparison of a condition; values are already converted (keys and dates to numbers). */
export type Op =
  | { op: 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte'; value: string | number }
  | { op: 'in' | 'notIn'; values: Array<string | number> }
  | { op: 'exists'; value: boolean }
  /** GLOB pattern (already translated from Camunda's `*`/`?` wildcards) */
  | { op: 'like'; pattern: string };

/** `variables` filters: each entry must match one variable (name equal, value ops on its JSON text). */
export interface VariableCondition {
  name: string;
  ops: Op[];
}

export type Condition =
  | { field: string; ops: Op[] }
  | { field: string; variables: VariableCondition[] };

export interface SearchQuery {
  /** AND-ed */
  conditions: Condition[];
  /** optional OR groups (each group AND-ed inside), AND-ed with `conditions` */
  anyOf?: Condition[][];
  sort: Array<{ field: string; order: 'ASC' | 'DESC' }>;
  offset: number;
  limit: number;
}

export interface FieldDef {
  kind: FieldKind;
  /** SQL expression of the value (inside `wrap` when given) */
  sql: string;
  /**
   * turns a condition on `sql` into one on the row, e.g. an EXISTS over a child table; it sees the
   * whole query, so it may pick a narrower child table when the other conditions allow
   */
  wrap?: (condition: string, query: Pick<SearchQuery, 'conditions'>) => string;
  /** for enums: the accepted values */
  values?: readonly string[];
}

export interface EntityDef {
  from: string;
  /** what counting needs when `from` joins only for the selected columns (a count does not read them) */
  countFrom?: string;
  select: string;
  /** always applied */
  where?: string;
  /** unique key expression, the final tie-breaker of every sort */
  key: string;
  filters: Record<string, FieldDef>;
  sorts: Record<string, string>;
}

// ------------------------------------------------------------------------------------------
// Entities

const ACTIVE_INCIDENT_OF_INSTANCE = "EXISTS (SELECT 1 FROM incidents i WHERE i.process_instance_key = pi.key AND i.state = 'ACTIVE')";
const ELEMENT_STATE = "CASE WHEN ei.state IN ('COMPLETED', 'TERMINATED') THEN ei.state ELSE 'ACTIVE' END";
const ELEMENT_INCIDENT = "(SELECT i.key FROM incidents i WHERE i.element_instance_key = ei.key AND i.state = 'ACTIVE' ORDER BY i.key LIMIT 1)";
const LATEST_VERSION = `pd.version = (SELECT MAX(p2.version) FROM process_definitions p2
  WHERE p2.tenant_id = pd.tenant_id AND p2.bpmn_process_id = pd.bpmn_process_id)`;

export const PROCESS_INSTANCE_STATES = ['ACTIVE', 'COMPLETED', 'TERMINATED'] as const;
export const ELEMENT_INSTANCE_STATES = PROCESS_INSTANCE_STATES;
export const USER_TASK_STATES = ['CREATING', 'CREATED', 'ASSIGNING', 'UPDATING', 'COMPLETING', 'COMPLETED', 'CANCELING', 'CANCELED', 'FAILED'] as const;
export const INCIDENT_STATES = ['ACTIVE', 'MIGRATED', 'RESOLVED', 'PENDING'] as const;

const elementOfInstance = (condition: string) =>
  `EXISTS (SELECT 1 FROM element_instances e2 WHERE e2.process_instance_key = pi.key AND e2.element_type <> 'PROCESS' AND ${condition})`;

export const PROCESS_INSTANCE: EntityDef = {
  from: 'process_instances pi LEFT JOIN process_definitions pd ON pd.key = pi.definition_key',
  select: `pi.*, pd.name AS definition_name, pd.version_tag AS version_tag, ${ACTIVE_INCIDENT_OF_INSTANCE} AS has_incident`,
  key: 'pi.key',
  filters: {
    processInstanceKey: { kind: 'key', sql: 'pi.key' },
    processDefinitionKey: { kind: 'key', sql: 'pi.definition_key' },
    processDefinitionId: { kind: 'string', sql: 'pi.bpmn_process_id' },
    processDefinitionName: { kind: 'string', sql: 'COALESCE(pd.name, pi.bpmn_process_id)' },
    processDefinitionVersion: { kind: 'int', sql: 'pi.version' },
    processDefinitionVersionTag: { kind: 'string', sql: 'pd.version_tag' },
    parentProcessInstanceKey: { kind: 'key', sql: 'pi.parent_process_instance_key' },
    parentElementInstanceKey: { kind: 'key', sql: 'pi.parent_element_instance_key' },
    startDate: { kind: 'date', sql: 'pi.start_time' },
    endDate: { kind: 'date', sql: 'pi.end_time' },
    state: { kind: 'enum', sql: 'pi.state', values: PROCESS_INSTANCE_STATES },
    hasIncident: { kind: 'bool', sql: ACTIVE_INCIDENT_OF_INSTANCE },
    tenantId: { kind: 'string', sql: 'pi.tenant_id' },
    variables: { kind: 'variables', sql: 'v.process_instance_key = pi.key' },
    errorMessage: {
      kind: 'string', sql: 'i2.error_message',
      wrap: (c) => `EXISTS (SELECT 1 FROM incidents i2 WHERE i2.process_instance_key = pi.key AND i2.state = 'ACTIVE' AND ${c})`,
    },
    elementId: { kind: 'string', sql: 'e2.element_id', wrap: elementOfInstance },
    elementInstanceState: {
      kind: 'enum', values: ELEMENT_INSTANCE_STATES, wrap: elementOfInstance,
      sql: "CASE WHEN e2.state IN ('COMPLETED', 'TERMINATED') THEN e2.state ELSE 'ACTIVE' END",
    },
    hasElementInstanceIncident: {
      kind: 'bool', sql: "EXISTS (SELECT 1 FROM incidents i3 WHERE i3.process_instance_key = pi.key AND i3.state = 'ACTIVE')",
    },
  },
  sorts: {
    processInstanceKey: 'pi.key',
    processDefinitionId: 'pi.bpmn_process_id',
    processDefinitionName: 'COALESCE(pd.name, pi.bpmn_process_id)',
    processDefinitionVersion: 'pi.version',
    processDefinitionVersionTag: 'pd.version_tag',
    processDefinitionKey: 'pi.definition_key',
    parentProcessInstanceKey: 'pi.parent_process_instance_key',
    parentElementInstanceKey: 'pi.parent_element_instance_key',
    startDate: 'pi.start_time',
    endDate: 'pi.end_time',
    state: 'pi.state',
    hasIncident: ACTIVE_INCIDENT_OF_INSTANCE,
    tenantId: 'pi.tenant_id',
  },
};

export const ELEMENT_INSTANCE_TYPES = [
  'UNSPECIFIED', 'PROCESS', 'SUB_PROCESS', 'EVENT_SUB_PROCESS', 'AD_HOC_SUB_PROCESS', 'AD_HOC_SUB_PROCESS_INNER_INSTANCE',
  'START_EVENT', 'INTERMEDIATE_CATCH_EVENT', 'INTERMEDIATE_THROW_EVENT', 'BOUNDARY_EVENT', 'END_EVENT', 'SERVICE_TASK',
  'RECEIVE_TASK', 'USER_TASK', 'MANUAL_TASK', 'TASK', 'EXCLUSIVE_GATEWAY', 'INCLUSIVE_GATEWAY', 'PARALLEL_GATEWAY',
  'EVENT_BASED_GATEWAY', 'SEQUENCE_FLOW', 'MULTI_INSTANCE_BODY', 'CALL_ACTIVITY', 'BUSINESS_RULE_TASK', 'SCRIPT_TASK',
  'SEND_TASK', 'UNKNOWN',
] as const;

const ELEMENT_NAME = 'COALESCE(rest_element_name(ei.definition_key, ei.element_id), ei.element_id)';

export const ELEMENT_INSTANCE: EntityDef = {
  from: 'element_instances ei JOIN process_instances pi ON pi.key = ei.process_instance_key',
  select: `ei.*, pi.bpmn_process_id AS bpmn_process_id, pi.tenant_id AS tenant_id, ${ELEMENT_NAME} AS element_name, ${ELEMENT_INCIDENT} AS incident_key`,
  // the process itself is not an element instance in Camunda's secondary storage
  where: "ei.element_type <> 'PROCESS'",
  key: 'ei.key',
  filters: {
    processDefinitionId: { kind: 'string', sql: 'pi.bpmn_process_id' },
    state: { kind: 'enum', sql: ELEMENT_STATE, values: ELEMENT_INSTANCE_STATES },
    type: { kind: 'enum', sql: 'ei.element_type', values: ELEMENT_INSTANCE_TYPES },
    elementId: { kind: 'string', sql: 'ei.element_id' },
    elementName: { kind: 'string', sql: ELEMENT_NAME },
    hasIncident: { kind: 'bool', sql: `${ELEMENT_INCIDENT} IS NOT NULL` },
    tenantId: { kind: 'string', sql: 'pi.tenant_id' },
    elementInstanceKey: { kind: 'key', sql: 'ei.key' },
    processInstanceKey: { kind: 'key', sql: 'ei.process_instance_key' },
    processDefinitionKey: { kind: 'key', sql: 'ei.definition_key' },
    incidentKey: { kind: 'key', sql: ELEMENT_INCIDENT },
    startDate: { kind: 'date', sql: 'ei.start_time' },
    endDate: { kind: 'date', sql: 'ei.end_time' },
    elementInstanceScopeKey: { kind: 'key', sql: 'ei.flow_scope_key' },
  },
  sorts: {
    elementInstanceKey: 'ei.key',
    processInstanceKey: 'ei.process_instance_key',
    processDefinitionKey: 'ei.definition_key',
    processDefinitionId: 'pi.bpmn_process_id',
    startDate: 'ei.start_time',
    endDate: 'ei.end_time',
    elementId: 'ei.element_id',
    elementName: ELEMENT_NAME,
    type: 'ei.element_type',
    state: ELEMENT_STATE,
    incidentKey: ELEMENT_INCIDENT,
    tenantId: 'pi.tenant_id',
  },
};

/** Camunda truncates variable values longer than this in search results */
export const VARIABLE_VALUE_LIMIT = 8191;

export const VARIABLE: EntityDef = {
  from: 'variables v JOIN process_instances pi ON pi.key = v.process_instance_key',
  select: 'v.*, pi.tenant_id AS tenant_id',
  key: 'v.key',
  filters: {
    name: { kind: 'string', sql: 'v.name' },
    value: { kind: 'string', sql: 'v.value' },
    tenantId: { kind: 'string', sql: 'pi.tenant_id' },
    isTruncated: { kind: 'bool', sql: `length(v.value) > ${VARIABLE_VALUE_LIMIT}` },
    variableKey: { kind: 'key', sql: 'v.key' },
    scopeKey: { kind: 'key', sql: 'v.scope_key' },
    processInstanceKey: { kind: 'key', sql: 'v.process_instance_key' },
  },
  sorts: {
    value: 'v.value',
    name: 'v.name',
    tenantId: 'pi.tenant_id',
    variableKey: 'v.key',
    scopeKey: 'v.scope_key',
    processInstanceKey: 'v.process_instance_key',
  },
};

export const INCIDENT_ERROR_TYPES = [
  'UNSPECIFIED', 'UNKNOWN', 'IO_MAPPING_ERROR', 'JOB_NO_RETRIES', 'EXECUTION_LISTENER_NO_RETRIES', 'TASK_LISTENER_NO_RETRIES',
  'AD_HOC_SUB_PROCESS_NO_RETRIES', 'CONDITION_ERROR', 'EXTRACT_VALUE_ERROR', 'CALLED_ELEMENT_ERROR', 'UNHANDLED_ERROR_EVENT',
  'MESSAGE_SIZE_EXCEEDED', 'CALLED_DECISION_ERROR', 'DECISION_EVALUATION_ERROR', 'FORM_NOT_FOUND', 'RESOURCE_NOT_FOUND',
] as const;

export const INCIDENT: EntityDef = {
  from: 'incidents inc',
  select: 'inc.*',
  key: 'inc.key',
  filters: {
    processDefinitionId: { kind: 'string', sql: 'inc.bpmn_process_id' },
    errorType: { kind: 'enum', sql: 'inc.error_type', values: INCIDENT_ERROR_TYPES },
    errorMessage: { kind: 'string', sql: 'inc.error_message' },
    elementId: { kind: 'string', sql: 'inc.element_id' },
    creationTime: { kind: 'date', sql: 'inc.created_at' },
    state: { kind: 'enum', sql: 'inc.state', values: INCIDENT_STATES },
    tenantId: { kind: 'string', sql: 'inc.tenant_id' },
    incidentKey: { kind: 'key', sql: 'inc.key' },
    processDefinitionKey: { kind: 'key', sql: 'inc.definition_key' },
    processInstanceKey: { kind: 'key', sql: 'inc.process_instance_key' },
    elementInstanceKey: { kind: 'key', sql: 'inc.element_instance_key' },
    jobKey: { kind: 'key', sql: 'inc.job_key' },
  },
  sorts: {
    incidentKey: 'inc.key',
    processDefinitionKey: 'inc.definition_key',
    processDefinitionId: 'inc.bpmn_process_id',
    processInstanceKey: 'inc.process_instance_key',
    errorType: 'inc.error_type',
    errorMessage: 'inc.error_message',
    elementId: 'inc.element_id',
    elementInstanceKey: 'inc.element_instance_key',
    creationTime: 'inc.created_at',
    state: 'inc.state',
    jobKey: 'inc.job_key',
    tenantId: 'inc.tenant_id',
  },
};

const TASK_NAME = 'COALESCE(rest_element_name(ut.definition_key, ut.element_id), ut.element_id)';
const inJsonArray = (column: string) => (c: string) => `EXISTS (SELECT 1 FROM json_each(${column}) j WHERE ${c})`;

/** Whether the query asks for open (CREATED) user tasks only. */
function onlyOpenTasks(query: Pick<SearchQuery, 'conditions'>): boolean {
  return query.conditions.some((c) => c.field === 'state' && 'ops' in c && c.ops.length > 0 && c.ops.every((op) => op.op === 'eq' && op.value === 'CREATED'));
}

/**
 * A candidate-group condition: for open tasks through the index of their groups (a task list by
 * unit stays fast however many tasks are open), otherwise over each task's JSON array.
 */
const candidateGroupCondition = (c: string, query: Pick<SearchQuery, 'conditions'>) =>
  onlyOpenTasks(query) ? `ut.key IN (SELECT j.user_task_key FROM open_user_task_groups j WHERE ${c})` : inJsonArray('ut.candidate_groups')(c);

export const USER_TASK: EntityDef = {
  from: 'user_tasks ut LEFT JOIN process_definitions pd ON pd.key = ut.definition_key',
  countFrom: 'user_tasks ut',
  select: `ut.*, pd.name AS process_name, pd.version AS definition_version, ${TASK_NAME} AS name`,
  key: 'ut.key',
  filters: {
    state: { kind: 'enum', sql: 'ut.state', values: USER_TASK_STATES },
    assignee: { kind: 'string', sql: 'ut.assignee' },
    priority: { kind: 'int', sql: 'ut.priority' },
    elementId: { kind: 'string', sql: 'ut.element_id' },
    name: { kind: 'string', sql: TASK_NAME },
    candidateGroup: { kind: 'string', sql: 'j.value', wrap: candidateGroupCondition },
    candidateUser: { kind: 'string', sql: 'j.value', wrap: inJsonArray('ut.candidate_users') },
    tenantId: { kind: 'string', sql: 'ut.tenant_id' },
    processDefinitionId: { kind: 'string', sql: 'ut.bpmn_process_id' },
    creationDate: { kind: 'date', sql: 'ut.creation_time' },
    completionDate: { kind: 'date', sql: 'ut.completion_time' },
    followUpDate: { kind: 'date', sql: 'rest_epoch_ms(ut.follow_up_date)' },
    dueDate: { kind: 'date', sql: 'ut.due_ms' },
    processInstanceVariables: { kind: 'variables', sql: 'v.process_instance_key = ut.process_instance_key' },
    localVariables: { kind: 'variables', sql: 'v.scope_key = ut.element_instance_key' },
    userTaskKey: { kind: 'key', sql: 'ut.key' },
    processDefinitionKey: { kind: 'key', sql: 'ut.definition_key' },
    processInstanceKey: { kind: 'key', sql: 'ut.process_instance_key' },
    elementInstanceKey: { kind: 'key', sql: 'ut.element_instance_key' },
  },
  sorts: {
    creationDate: 'ut.creation_time',
    completionDate: 'ut.completion_time',
    followUpDate: 'rest_epoch_ms(ut.follow_up_date)',
    dueDate: 'ut.due_ms',
    priority: 'ut.priority',
    name: TASK_NAME,
  },
};

export const PROCESS_DEFINITION: EntityDef = {
  from: 'process_definitions pd',
  select: 'pd.key, pd.bpmn_process_id, pd.version, pd.version_tag, pd.name, pd.resource_name, pd.tenant_id',
  key: 'pd.key',
  filters: {
    name: { kind: 'string', sql: 'pd.name' },
    isLatestVersion: { kind: 'bool', sql: LATEST_VERSION },
    resourceName: { kind: 'string', sql: 'pd.resource_name' },
    version: { kind: 'int', sql: 'pd.version' },
    versionTag: { kind: 'string', sql: 'pd.version_tag' },
    processDefinitionId: { kind: 'string', sql: 'pd.bpmn_process_id' },
    tenantId: { kind: 'string', sql: 'pd.tenant_id' },
    processDefinitionKey: { kind: 'key', sql: 'pd.key' },
    // the embedded engine deploys no forms: no definition has a start form
    hasStartForm: { kind: 'bool', sql: '0' },
  },
  sorts: {
    processDefinitionKey: 'pd.key',
    name: 'pd.name',
    resourceName: 'pd.resource_name',
    version: 'pd.version',
    versionTag: 'pd.version_tag',
    processDefinitionId: 'pd.bpmn_process_id',
    tenantId: 'pd.tenant_id',
  },
};

// ------------------------------------------------------------------------------------------
// Rows

// Each search selects a table's row (`x.*`) plus a few joined or computed columns, so the row
// types are the table's row type from rows.ts and those extras.

export type ProcessInstanceSearchRow = ProcessInstanceRow & {
  definition_name: string | null;
  version_tag: string | null;
  has_incident: number;
};

export type ElementInstanceSearchRow = ElementInstanceRow & {
  bpmn_process_id: string;
  tenant_id: string;
  element_name: string;
  incident_key: number | null;
};

export type VariableSearchRow = VariableRow & { tenant_id: string };

export type IncidentSearchRow = IncidentRow;

export type UserTaskSearchRow = UserTaskRow & {
  process_name: string | null;
  definition_version: number | null;
  name: string;
};

export type ProcessDefinitionSearchRow = Pick<
  DefinitionRow,
  'key' | 'bpmn_process_id' | 'version' | 'version_tag' | 'name' | 'resource_name' | 'tenant_id'
>;

export interface SearchResult<Row> {
  rows: Row[];
  total: number;
}

// ------------------------------------------------------------------------------------------
// SQL building

type Param = string | number;

function opSql(sql: string, op: Op, params: Param[]): string {
  switch (op.op) {
    case 'eq': params.push(op.value); return `${sql} = ?`;
    case 'neq': params.push(op.value); return `(${sql} IS NULL OR ${sql} <> ?)`;
    case 'gt': params.push(op.value); return `${sql} > ?`;
    case 'gte': params.push(op.value); return `${sql} >= ?`;
    case 'lt': params.push(op.value); return `${sql} < ?`;
    case 'lte': params.push(op.value); return `${sql} <= ?`;
    case 'in':
      if (op.values.length === 0) return '0';
      params.push(...op.values);
      return `${sql} IN (${op.values.map(() => '?').join(', ')})`;
    case 'notIn':
      if (op.values.length === 0) return '1';
      params.push(...op.values);
      return `(${sql} IS NULL OR ${sql} NOT IN (${op.values.map(() => '?').join(', ')}))`;
    case 'exists': return op.value ? `${sql} IS NOT NULL` : `${sql} IS NULL`;
    case 'like': params.push(op.pattern); return `${sql} GLOB ?`;
  }
}

function fieldSql(def: FieldDef, ops: Op[], params: Param[], query: Pick<SearchQuery, 'conditions'>): string {
  if (def.kind === 'bool') {
    // bools arrive as eq 1/0
    return ops.map((op) => (op.op === 'eq' && op.value ? `(${def.sql})` : `NOT (${def.sql})`)).join(' AND ');
  }
  if (!def.wrap) return ops.map((op) => opSql(def.sql, op, params)).join(' AND ');
  // over a child table: `$exists` asks whether any child exists, the rest whether one matches
  return ops.map((op) => {
    if (op.op === 'exists') return op.value ? def.wrap!('1', query) : `NOT ${def.wrap!('1', query)}`;
    if (op.op === 'neq') return `NOT ${def.wrap!(opSql(def.sql, { op: 'eq', value: op.value }, params), query)}`;
    if (op.op === 'notIn') return `NOT ${def.wrap!(opSql(def.sql, { op: 'in', values: op.values }, params), query)}`;
    return def.wrap!(opSql(def.sql, op, params), query);
  }).join(' AND ');
}

function conditionSql(entity: EntityDef, condition: Condition, params: Param[], query: Pick<SearchQuery, 'conditions'>): string {
  const def = entity.filters[condition.field];
  if (!def) throw new Error(`unknown filter field ${condition.field}`);
  if ('variables' in condition) {
    return condition.variables.map((v) => {
      params.push(v.name);
      const valueSql = v.ops.map((op) => opSql('v.value', op, params)).join(' AND ');
      return `EXISTS (SELECT 1 FROM variables v WHERE ${def.sql} AND v.name = ?${valueSql ? ` AND ${valueSql}` : ''})`;
    }).join(' AND ') || '1';
  }
  return fieldSql(def, condition.ops, params, query) || '1';
}

function whereSql(entity: EntityDef, query: Pick<SearchQuery, 'conditions' | 'anyOf'>, params: Param[], extra?: string): string {
  const parts: string[] = [];
  if (entity.where) parts.push(entity.where);
  if (extra) parts.push(extra);
  for (const condition of query.conditions) parts.push(`(${conditionSql(entity, condition, params, query)})`);
  if (query.anyOf?.length) {
    const groups = query.anyOf.map((group) => group.length ? group.map((c) => `(${conditionSql(entity, c, params, { conditions: [...query.conditions, ...group] })})`).join(' AND ') : '1');
    parts.push(`(${groups.map((g) => `(${g})`).join(' OR ')})`);
  }
  return parts.length ? `WHERE ${parts.join(' AND ')}` : '';
}

function orderSql(entity: EntityDef, sort: SearchQuery['sort']): string {
  const parts: string[] = [];
  for (const s of sort) {
    const expr = entity.sorts[s.field];
    if (!expr) throw new Error(`unknown sort field ${s.field}`);
    // missing values last, in either order
    parts.push(`(${expr}) IS NULL`, `(${expr}) ${s.order}`);
  }
  parts.push(`${entity.key} ASC`);
  return `ORDER BY ${parts.join(', ')}`;
}

/** Camunda's `$like`: `*` any characters, `?` one character, `\` escapes. Returns a GLOB pattern. */
export function likeToGlob(like: string): string {
  let glob = '';
  for (let i = 0; i < like.length; i++) {
    const ch = like[i]!;
    if (ch === '\\' && i + 1 < like.length) {
      const next = like[++i]!;
      glob += next === '*' || next === '?' || next === '[' ? `[${next}]` : next;
    } else if (ch === '[') glob += '[[]';
    else glob += ch;
  }
  return glob;
}

export interface NameResolver {
  elementName(definitionKey: number, elementId: string): string | undefined;
}

/** Searches over one engine database. Registers two read-only SQL functions on the connection. */
export class SearchStore {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database, names: NameResolver) {
    db.function('rest_element_name', { deterministic: true }, (definitionKey: unknown, elementId: unknown) =>
      names.elementName(Number(definitionKey), String(elementId)) ?? null);
    db.function('rest_epoch_ms', { deterministic: true }, (text: unknown) => {
      if (typeof text !== 'string') return null;
      const ms = Date.parse(text);
      return Number.isNaN(ms) ? null : ms;
    });
  }

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  search<Row>(entity: EntityDef, query: SearchQuery, extraWhere?: { sql: string; params: Param[] }): SearchResult<Row> {
    const params: Param[] = [...(extraWhere?.params ?? [])];
    const where = whereSql(entity, query, params, extraWhere?.sql);
    const total = (this.statement(`SELECT COUNT(*) AS n FROM ${entity.countFrom ?? entity.from} ${where}`).get(...params) as { n: number }).n;
    const rows = this.statement(`SELECT ${entity.select} FROM ${entity.from} ${where} ${orderSql(entity, query.sort)} LIMIT ? OFFSET ?`)
      .all(...params, query.limit, query.offset) as Row[];
    return { rows, total };
  }

  /** one row by its key, or undefined */
  get<Row>(entity: EntityDef, key: number): Row | undefined {
    const params: Param[] = [key];
    const where = whereSql(entity, { conditions: [] }, [], `${entity.key} = ?`);
    return this.statement(`SELECT ${entity.select} FROM ${entity.from} ${where}`).get(...params) as Row | undefined;
  }

  processInstances(query: SearchQuery) { return this.search<ProcessInstanceSearchRow>(PROCESS_INSTANCE, query); }
  processInstance(key: number) { return this.get<ProcessInstanceSearchRow>(PROCESS_INSTANCE, key); }
  elementInstances(query: SearchQuery) { return this.search<ElementInstanceSearchRow>(ELEMENT_INSTANCE, query); }
  elementInstance(key: number) { return this.get<ElementInstanceSearchRow>(ELEMENT_INSTANCE, key); }
  variables(query: SearchQuery) { return this.search<VariableSearchRow>(VARIABLE, query); }
  variable(key: number) { return this.get<VariableSearchRow>(VARIABLE, key); }
  incidents(query: SearchQuery) { return this.search<IncidentSearchRow>(INCIDENT, query); }
  incident(key: number) { return this.get<IncidentSearchRow>(INCIDENT, key); }
  userTasks(query: SearchQuery) { return this.search<UserTaskSearchRow>(USER_TASK, query); }
  userTask(key: number) { return this.get<UserTaskSearchRow>(USER_TASK, key); }
  processDefinitions(query: SearchQuery) { return this.search<ProcessDefinitionSearchRow>(PROCESS_DEFINITION, query); }
  processDefinition(key: number) { return this.get<ProcessDefinitionSearchRow>(PROCESS_DEFINITION, key); }

  processDefinitionXml(key: number): string | undefined {
    return (this.statement('SELECT xml FROM process_definitions WHERE key = ?').get(key) as { xml: string } | undefined)?.xml;
  }

  /**
   * The variables a user task sees: those of its element instance and of every enclosing
   * scope, the closest scope winning for a name.
   */
  userTaskVariables(elementInstanceKey: number, query: SearchQuery): SearchResult<VariableSearchRow> {
    const scopes = this.scopeChain(elementInstanceKey);
    if (scopes.length === 0) return { rows: [], total: 0 };
    const depth = `CASE v.scope_key ${scopes.map((_, i) => `WHEN ? THEN ${i}`).join(' ')} END`;
    const placeholders = scopes.map(() => '?').join(', ');
    const sql = `v.scope_key IN (${placeholders}) AND NOT EXISTS (SELECT 1 FROM variables w WHERE w.name = v.name
      AND w.scope_key IN (${placeholders}) AND (CASE w.scope_key ${scopes.map((_, i) => `WHEN ? THEN ${i}`).join(' ')} END) < ${depth})`;
    return this.search<VariableSearchRow>(VARIABLE, query, { sql, params: [...scopes, ...scopes, ...scopes, ...scopes] });
  }

  private scopeChain(elementInstanceKey: number): number[] {
    const chain: number[] = [];
    const parent = this.statement('SELECT key, flow_scope_key FROM element_instances WHERE key = ?');
    let current: number | null = elementInstanceKey;
    while (current !== null && chain.length < 1000) {
      const row = parent.get(current) as { key: number; flow_scope_key: number | null } | undefined;
      if (!row) break;
      chain.push(row.key);
      current = row.flow_scope_key;
    }
    return chain;
  }
}
