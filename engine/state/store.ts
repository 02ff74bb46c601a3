// All reads and writes of the engine's state, as prepared statements on one SQLite file.
// The runtime calls these inside `transaction()`, so one command is one commit.

import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { SCHEMA, SCHEMA_VERSION } from './schema.js';
import type {
  DefinitionRow, ElementInstanceRow, IncidentRow, JobRow, MessageRow, MessageSubscriptionRow, ProcessInstanceRow,
  SignalSubscriptionRow, TimerRow, UserTaskRow, VariableRow,
} from './rows.js';

export type {
  DefinitionRow, ElementInstanceRow, IncidentRow, JobRow, MessageRow, MessageSubscriptionRow, ProcessInstanceRow,
  SignalSubscriptionRow, TimerRow, UserTaskRow, VariableRow,
};

export interface StoreOptions {
  /** folder for `engine.db`; ':memory:' keeps everything in memory (tests of the state alone) */
  dataDir: string;
  /**
   * 'NORMAL' survives a killed process (WAL is fsynced at checkpoints); 'FULL' also survives a power
   * loss at the price of an fsync per commit.
   */
  synchronous?: 'NORMAL' | 'FULL';
}

const ACTIVE_STATES = `('ACTIVATING','ACTIVATED','COMPLETING')`;
const ACTIVE: ReadonlySet<string> = new Set(['ACTIVATING', 'ACTIVATED', 'COMPLETING']);

/** an element instance as stored: with its count of active children (null in rows older than the count) */
type StoredElement = ElementInstanceRow & { active_children: number | null };

/**
 * The cached copy of a row, always built with the same properties in the same order, so that
 * every cached row shares one hidden class (rows as the driver builds them, or spread copies,
 * each carried their own: about 35 MB of V8 maps with 200,000 instances waiting).
 */
function uniformCopy(row: StoredElement): StoredElement {
  return {
    key: row.key, process_instance_key: row.process_instance_key, definition_key: row.definition_key,
    flow_scope_key: row.flow_scope_key, element_id: row.element_id, element_type: row.element_type, state: row.state,
    start_time: row.start_time, end_time: row.end_time, data: row.data, active_children: row.active_children,
  };
}

/**
 * A bounded cache with two generations: when the young one is full it becomes the old one and
 * the previous old one is dropped; a hit in the old generation moves the entry back. Every
 * operation is O(1). (Evicting a Map's first key one by one is not: V8 leaves deleted slots at
 * the front that each later iteration must skip.)
 */
class GenerationalCache<K, V> {
  private young = new Map<K, V>();
  private old = new Map<K, V>();

  constructor(private readonly generationSize: number) {}

  get(key: K): V | undefined {
    const value = this.young.get(key);
    if (value !== undefined) return value;
    const aged = this.old.get(key);
    if (aged !== undefined) this.set(key, aged);
    return aged;
  }

  set(key: K, value: V): void {
    if (this.young.size >= this.generationSize) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, value);
  }

  clear(): void {
    this.young.clear();
    this.old.clear();
  }
}

/** A due date (ISO 8601, as FEEL gives it) as epoch ms; null when there is none or it cannot be read. */
function epochMsOf(text: string | null): number | null {
  if (text === null) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : ms;
}

export class Store {
  readonly db: Database.Database;
  private readonly s;

  constructor(options: StoreOptions) {
    let file = ':memory:';
    if (options.dataDir !== ':memory:') {
      mkdirSync(options.dataDir, { recursive: true });
      file = join(options.dataDir, 'engine.db');
    }
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`);
    this.db.pragma(`wal_autocheckpoint = ${process.env.SUQIU_WAL_CP ?? 1000}`);
    this.db.pragma('foreign_keys = OFF');
    this.db.exec(SCHEMA);
    const version = this.getMeta('schema_version');
    if (version === undefined) this.setMeta('schema_version', String(SCHEMA_VERSION));
    else if (Number(version) > SCHEMA_VERSION) {
      throw new Error(`engine state in ${options.dataDir} has schema ${version}, newer than this engine (${SCHEMA_VERSION})`);
    } else if (Number(version) < 2) {
      // state written before the index of open tasks' groups and the numeric due date: build them once
      this.db.transaction(() => {
        const columns = this.db.prepare<[], { name: string }>('PRAGMA table_info(user_tasks)').all().map((c) => c.name);
        if (!columns.includes('due_ms')) this.db.exec('ALTER TABLE user_tasks ADD COLUMN due_ms INTEGER');
        const setDue = this.db.prepare('UPDATE user_tasks SET due_ms = ? WHERE key = ?');
        for (const row of this.db.prepare<[], { key: number; due_date: string }>('SELECT key, due_date FROM user_tasks WHERE due_date IS NOT NULL').all()) {
          setDue.run(epochMsOf(row.due_date), row.key);
        }
        this.db.exec(`INSERT OR IGNORE INTO open_user_task_groups (value, user_task_key)
          SELECT j.value, ut.key FROM user_tasks ut, json_each(ut.candidate_groups) j WHERE ut.state = 'CREATED'`);
        this.setMeta('schema_version', '2');
      })();
    }
    if (Number(this.getMeta('schema_version')) < 3) {
      // rows written before keep NULL: their scopes' children are counted by a query
      const columns = this.db.prepare<[], { name: string }>('PRAGMA table_info(element_instances)').all().map((c) => c.name);
      if (!columns.includes('active_children')) this.db.exec('ALTER TABLE element_instances ADD COLUMN active_children INTEGER');
      this.db.exec('DROP INDEX IF EXISTS user_tasks_by_state');
      this.setMeta('schema_version', String(SCHEMA_VERSION));
    }
    this.s = this.prepare();
  }

  private prepare() {
    const db = this.db;
    return {
      getMeta: db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE name = ?'),
      setMeta: db.prepare('INSERT INTO meta (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value'),

      insertDeployment: db.prepare('INSERT INTO deployments (key, tenant_id, created_at) VALUES (?, ?, ?)'),
      insertDefinition: db.prepare(`INSERT INTO process_definitions
        (key, bpmn_process_id, version, version_tag, name, resource_name, checksum, xml, deployment_key, tenant_id)
        VALUES (@key, @bpmn_process_id, @version, @version_tag, @name, @resource_name, @checksum, @xml, @deployment_key, @tenant_id)`),
      latestDefinition: db.prepare<[string, string], DefinitionRow>(`SELECT * FROM process_definitions
        WHERE tenant_id = ? AND bpmn_process_id = ? ORDER BY version DESC LIMIT 1`),
      definitionByVersion: db.prepare<[string, string, number], DefinitionRow>(`SELECT * FROM process_definitions
        WHERE tenant_id = ? AND bpmn_process_id = ? AND version = ?`),
      definitionByKey: db.prepare<[number], DefinitionRow>('SELECT * FROM process_definitions WHERE key = ?'),
      latestDefinitions: db.prepare<[], DefinitionRow>(`SELECT d.* FROM process_definitions d
        WHERE d.version = (SELECT max(version) FROM process_definitions x WHERE x.bpmn_process_id = d.bpmn_process_id AND x.tenant_id = d.tenant_id)`),
      allDefinitions: db.prepare<[], DefinitionRow>('SELECT * FROM process_definitions ORDER BY key'),

      insertProcessInstance: db.prepare(`INSERT INTO process_instances
        (key, definition_key, bpmn_process_id, version, tenant_id, state, parent_process_instance_key, parent_element_instance_key, start_time, correlation_key)
        VALUES (@key, @definition_key, @bpmn_process_id, @version, @tenant_id, @state, @parent_process_instance_key, @parent_element_instance_key, @start_time, @correlation_key)`),
      activeInstanceByCorrelation: db.prepare<[string, string, string], { key: number }>(`SELECT key FROM process_instances
        WHERE bpmn_process_id = ? AND correlation_key = ? AND correlation_key IS NOT NULL AND tenant_id = ? AND state = 'ACTIVE' LIMIT 1`),
      processInstance: db.prepare<[number], ProcessInstanceRow>('SELECT * FROM process_instances WHERE key = ?'),
      endProcessInstance: db.prepare('UPDATE process_instances SET state = ?, end_time = ? WHERE key = ?'),

      insertElement: db.prepare<[number, number, number, number | null, string, string, string, number, number | null, string | null, number | null]>(`INSERT INTO element_instances
        (key, process_instance_key, definition_key, flow_scope_key, element_id, element_type, state, start_time, end_time, data, active_children)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      element: db.prepare<[number], StoredElement>('SELECT * FROM element_instances WHERE key = ?'),
      updateElement: db.prepare<[string, number | null, string | null, number | null, number]>(
        'UPDATE element_instances SET state = ?, end_time = ?, data = ?, active_children = ? WHERE key = ?'),
      activeChildren: db.prepare<[number], ElementInstanceRow>(`SELECT * FROM element_instances
        WHERE flow_scope_key = ? AND state IN ${ACTIVE_STATES} ORDER BY key`),
      countActiveChildren: db.prepare<[number], { n: number }>(`SELECT count(*) AS n FROM element_instances
        WHERE flow_scope_key = ? AND state IN ${ACTIVE_STATES}`),
      childByParentElement: db.prepare<[number], ProcessInstanceRow>(`SELECT * FROM process_instances
        WHERE parent_element_instance_key = ? AND state = 'ACTIVE'`),

      scopeVariables: db.prepare<[number], VariableRow>('SELECT * FROM variables WHERE scope_key = ? ORDER BY key'),
      insertVariable: db.prepare('INSERT INTO variables (key, scope_key, process_instance_key, name, value) VALUES (?, ?, ?, ?, ?)'),
      updateVariable: db.prepare('UPDATE variables SET value = ? WHERE key = ?'),

      insertJob: db.prepare(`INSERT INTO jobs
        (key, type, state, element_instance_key, process_instance_key, definition_key, bpmn_process_id, version, element_id,
         tenant_id, custom_headers, retries, created_at)
        VALUES (@key, @type, @state, @element_instance_key, @process_instance_key, @definition_key, @bpmn_process_id, @version,
         @element_id, @tenant_id, @custom_headers, @retries, @created_at)`),
      job: db.prepare<[number], JobRow>('SELECT * FROM jobs WHERE key = ?'),
      cancelJobOfElement: db.prepare<[number]>(`UPDATE jobs SET state = 'CANCELED' WHERE element_instance_key = ?
        AND state NOT IN ('COMPLETED','CANCELED','ERROR_THROWN_CAUGHT')`),
      activatableJobs: db.prepare<[string, number], JobRow>(`SELECT * FROM jobs
        WHERE type = ? AND state = 'ACTIVATABLE' ORDER BY key LIMIT ?`),
      updateJob: db.prepare(`UPDATE jobs SET state = @state, retries = @retries, worker = @worker, deadline = @deadline,
        recur_at = @recur_at, error_message = @error_message, error_code = @error_code WHERE key = @key`),
      deleteJob: db.prepare('DELETE FROM jobs WHERE key = ?'),
      timedOutJobs: db.prepare<[number], JobRow>(`SELECT * FROM jobs WHERE state = 'ACTIVATED' AND deadline <= ? ORDER BY deadline LIMIT 1000`),
      backedOffJobs: db.prepare<[number], JobRow>(`SELECT * FROM jobs WHERE state = 'FAILED' AND recur_at IS NOT NULL AND recur_at <= ? ORDER BY recur_at LIMIT 1000`),
      nextDeadline: db.prepare<[], { t: number | null }>(`SELECT min(deadline) AS t FROM jobs WHERE state = 'ACTIVATED'`),
      nextRecur: db.prepare<[], { t: number | null }>(`SELECT min(recur_at) AS t FROM jobs WHERE state = 'FAILED' AND recur_at IS NOT NULL`),

      insertIncident: db.prepare(`INSERT INTO incidents
        (key, process_instance_key, definition_key, bpmn_process_id, element_instance_key, element_id, job_key, error_type,
         error_message, state, tenant_id, created_at, retry)
        VALUES (@key, @process_instance_key, @definition_key, @bpmn_process_id, @element_instance_key, @element_id, @job_key,
         @error_type, @error_message, @state, @tenant_id, @created_at, @retry)`),
      incident: db.prepare<[number], IncidentRow>('SELECT * FROM incidents WHERE key = ?'),
      activeIncidentsOfElement: db.prepare<[number], IncidentRow>(`SELECT * FROM incidents WHERE element_instance_key = ? AND state = 'ACTIVE'`),
      incidentsOfInstance: db.prepare<[number], IncidentRow>('SELECT * FROM incidents WHERE process_instance_key = ? ORDER BY key'),
      setIncidentState: db.prepare('UPDATE incidents SET state = ? WHERE key = ?'),

      insertUserTask: db.prepare(`INSERT INTO user_tasks
        (key, element_instance_key, process_instance_key, definition_key, bpmn_process_id, element_id, tenant_id, state, assignee,
         candidate_groups, candidate_users, due_date, due_ms, follow_up_date, form_key, priority, creation_time)
        VALUES (@key, @element_instance_key, @process_instance_key, @definition_key, @bpmn_process_id, @element_id, @tenant_id,
         @state, @assignee, @candidate_groups, @candidate_users, @due_date, @due_ms, @follow_up_date, @form_key, @priority, @creation_time)`),
      userTaskByElement: db.prepare<[number], UserTaskRow>(`SELECT * FROM user_tasks WHERE element_instance_key = ? AND state = 'CREATED'`),
      endUserTask: db.prepare('UPDATE user_tasks SET state = ?, completion_time = ? WHERE key = ?'),
      addOpenTaskGroup: db.prepare('INSERT OR IGNORE INTO open_user_task_groups (value, user_task_key) VALUES (?, ?)'),
      removeOpenTaskGroups: db.prepare('DELETE FROM open_user_task_groups WHERE user_task_key = ?'),
      userTask: db.prepare<[number], UserTaskRow>('SELECT * FROM user_tasks WHERE key = ?'),
      updateUserTask: db.prepare(`UPDATE user_tasks SET assignee = @assignee, candidate_groups = @candidate_groups,
        candidate_users = @candidate_users, due_date = @due_date, due_ms = @due_ms, follow_up_date = @follow_up_date, priority = @priority WHERE key = @key`),

      insertTimer: db.prepare(`INSERT INTO timers (key, due_date, element_instance_key, process_instance_key, definition_key,
        target_element_id, repetitions, interval, tenant_id) VALUES (@key, @due_date, @element_instance_key, @process_instance_key,
        @definition_key, @target_element_id, @repetitions, @interval, @tenant_id)`),
      timer: db.prepare<[number], TimerRow>('SELECT * FROM timers WHERE key = ?'),
      dueTimers: db.prepare<[number, number], TimerRow>('SELECT * FROM timers WHERE due_date <= ? ORDER BY due_date, key LIMIT ?'),
      nextTimer: db.prepare<[], { t: number | null }>('SELECT min(due_date) AS t FROM timers'),
      deleteTimer: db.prepare('DELETE FROM timers WHERE key = ?'),
      deleteTimersOfElement: db.prepare('DELETE FROM timers WHERE element_instance_key = ?'),
      startTimersOfDefinition: db.prepare<[number], TimerRow>('SELECT * FROM timers WHERE definition_key = ? AND element_instance_key IS NULL'),
      countTimers: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM timers'),

      insertMessageSubscription: db.prepare(`INSERT INTO message_subscriptions (key, message_name, correlation_key, element_instance_key,
        process_instance_key, definition_key, bpmn_process_id, target_element_id, interrupting, tenant_id)
        VALUES (@key, @message_name, @correlation_key, @element_instance_key, @process_instance_key, @definition_key, @bpmn_process_id,
        @target_element_id, @interrupting, @tenant_id)`),
      messageSubscriptionsFor: db.prepare<[string, string, string], MessageSubscriptionRow>(`SELECT * FROM message_subscriptions
        WHERE tenant_id = ? AND message_name = ? AND correlation_key = ? ORDER BY key`),
      deleteMessageSubscriptionsOfElement: db.prepare('DELETE FROM message_subscriptions WHERE element_instance_key = ?'),
      messageSubscription: db.prepare<[number], MessageSubscriptionRow>('SELECT * FROM message_subscriptions WHERE key = ?'),
      deleteMessageSubscription: db.prepare('DELETE FROM message_subscriptions WHERE key = ?'),

      insertMessage: db.prepare(`INSERT INTO messages (key, name, correlation_key, message_id, variables, tenant_id, deadline)
        VALUES (@key, @name, @correlation_key, @message_id, @variables, @tenant_id, @deadline)`),
      bufferedMessages: db.prepare<[string, string, string, number], MessageRow>(`SELECT * FROM messages
        WHERE tenant_id = ? AND name = ? AND correlation_key = ? AND deadline > ? ORDER BY key`),
      bufferedMessageWithId: db.prepare<[string, string, string, string, number], MessageRow>(`SELECT * FROM messages
        WHERE tenant_id = ? AND name = ? AND correlation_key = ? AND message_id = ? AND deadline > ? LIMIT 1`),
      expiredMessages: db.prepare<[number], { key: number }>('SELECT key FROM messages WHERE deadline <= ? LIMIT 1000'),
      deleteMessage: db.prepare('DELETE FROM messages WHERE key = ?'),
      deleteCorrelationsOfMessage: db.prepare('DELETE FROM message_correlations WHERE message_key = ?'),
      nextMessageDeadline: db.prepare<[], { t: number | null }>('SELECT min(deadline) AS t FROM messages'),
      insertCorrelation: db.prepare('INSERT OR IGNORE INTO message_correlations (message_key, bpmn_process_id) VALUES (?, ?)'),
      hasCorrelation: db.prepare<[number, string], { n: number }>('SELECT 1 AS n FROM message_correlations WHERE message_key = ? AND bpmn_process_id = ?'),

      insertSignalSubscription: db.prepare(`INSERT INTO signal_subscriptions (key, signal_name, element_instance_key, process_instance_key,
        definition_key, target_element_id, tenant_id) VALUES (@key, @signal_name, @element_instance_key, @process_instance_key,
        @definition_key, @target_element_id, @tenant_id)`),
      signalSubscriptionsFor: db.prepare<[string, string], SignalSubscriptionRow>(`SELECT * FROM signal_subscriptions
        WHERE tenant_id = ? AND signal_name = ? ORDER BY key`),
      deleteSignalSubscriptionsOfElement: db.prepare('DELETE FROM signal_subscriptions WHERE element_instance_key = ?'),

      elementsOfInstance: db.prepare<[number], ElementInstanceRow>('SELECT * FROM element_instances WHERE process_instance_key = ? ORDER BY key'),
      variablesOfInstance: db.prepare<[number], VariableRow>('SELECT * FROM variables WHERE process_instance_key = ? ORDER BY key'),
      userTasksOfInstance: db.prepare<[number], UserTaskRow>('SELECT * FROM user_tasks WHERE process_instance_key = ? ORDER BY key'),
    };
  }

  /**
   * Element instances are read many times per command; a write-through cache saves most
   * lookups. It is dropped whenever a transaction or savepoint rolls back. Two generations of
   * 25,000 hold what the instances at work touch; more would not help timers that fire long
   * after their instances were last touched, and costs memory twice over (V8 lets the heap grow
   * to a multiple of what stays alive: with 100,000 the engine peaked at 383 MB firing 200,000
   * timers, with 25,000 at 230 MB, and fired faster).
   */
  private readonly elementCache = new GenerationalCache<number, StoredElement>(25_000);
  /**
   * Element instances changed by the running transaction, written once when it ends: an event
   * that starts and completes within one step is inserted once, already COMPLETED, and a scope
   * whose children come and go is updated once (Zeebe, too, writes an element's state once per
   * processed command, not once per lifecycle transition).
   */
  private readonly changedElements = new Map<number, { row: StoredElement; inserted: boolean }>();

  transaction<T>(fn: () => T): T {
    // a nested transaction (a savepoint) that rolls back drops only its own changes
    if (this.db.inTransaction) this.writeChangedElements();
    try {
      return this.db.transaction(() => {
        const value = fn();
        this.writeChangedElements();
        return value;
      })();
    } catch (error) {
      // a rolled-back insert must not linger in a cache
      this.changedElements.clear();
      this.elementCache.clear();
      this.variableCache.clear();
      this.latestCache.clear();
      this.definitionCache.clear();
      throw error;
    }
  }

  private writeChangedElements(): void {
    for (const { row, inserted } of this.changedElements.values()) {
      if (inserted) {
        this.s.insertElement.run(row.key, row.process_instance_key, row.definition_key, row.flow_scope_key, row.element_id,
          row.element_type, row.state, row.start_time, row.end_time, row.data, row.active_children);
      } else {
        this.s.updateElement.run(row.state, row.end_time, row.data, row.active_children, row.key);
      }
    }
    this.changedElements.clear();
  }

  close(): void {
    this.db.close();
  }

  getMeta(name: string): string | undefined {
    return this.db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE name = ?').get(name)?.value;
  }
  setMeta(name: string, value: string): void {
    this.db.prepare('INSERT INTO meta (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value').run(name, value);
  }
  saveMeta(name: string, value: string): void {
    this.s.setMeta.run(name, value);
  }

  // deployments and definitions
  insertDeployment(key: number, tenantId: string, createdAt: number): void {
    this.s.insertDeployment.run(key, tenantId, createdAt);
  }
  // definitions never change once stored, so they are cached; "latest" changes only on insert
  private readonly definitionCache = new Map<number, DefinitionRow>();
  private readonly latestCache = new Map<string, DefinitionRow>();

  insertDefinition(row: DefinitionRow): void {
    this.s.insertDefinition.run(row);
    this.latestCache.clear();
  }
  latestDefinition(tenantId: string, bpmnProcessId: string): DefinitionRow | undefined {
    const cacheKey = `${tenantId}\u0000${bpmnProcessId}`;
    const cached = this.latestCache.get(cacheKey);
    if (cached) return cached;
    const row = this.s.latestDefinition.get(tenantId, bpmnProcessId);
    if (row) this.latestCache.set(cacheKey, row);
    return row;
  }
  definitionByVersion(tenantId: string, bpmnProcessId: string, version: number): DefinitionRow | undefined {
    return this.s.definitionByVersion.get(tenantId, bpmnProcessId, version);
  }
  definition(key: number): DefinitionRow | undefined {
    let row = this.definitionCache.get(key);
    if (!row) {
      row = this.s.definitionByKey.get(key);
      if (row) this.definitionCache.set(key, row);
    }
    return row;
  }
  latestDefinitions(): DefinitionRow[] {
    return this.s.latestDefinitions.all();
  }
  allDefinitions(): DefinitionRow[] {
    return this.s.allDefinitions.all();
  }

  // process instances
  insertProcessInstance(row: Omit<ProcessInstanceRow, 'end_time' | 'correlation_key'> & { correlation_key?: string | null }): void {
    this.s.insertProcessInstance.run({ correlation_key: null, ...row });
  }
  hasActiveInstanceWithCorrelation(bpmnProcessId: string, correlationKey: string, tenantId: string): boolean {
    return this.s.activeInstanceByCorrelation.get(bpmnProcessId, correlationKey, tenantId) !== undefined;
  }
  processInstance(key: number): ProcessInstanceRow | undefined {
    return this.s.processInstance.get(key);
  }
  endProcessInstance(key: number, state: 'COMPLETED' | 'TERMINATED', time: number): void {
    this.s.endProcessInstance.run(state, time, key);
  }
  activeChildInstanceOf(elementInstanceKey: number): ProcessInstanceRow | undefined {
    return this.s.childByParentElement.get(elementInstanceKey);
  }

  // element instances
  insertElement(row: Omit<ElementInstanceRow, 'end_time'>): void {
    const stored = uniformCopy({ ...row, end_time: null, active_children: 0 });
    this.changedElements.set(stored.key, { row: stored, inserted: true });
    this.elementCache.set(stored.key, stored);
    if (ACTIVE.has(stored.state)) this.countChild(stored.flow_scope_key, 1);
  }
  /** a copy: callers may change their row object without touching the cache */
  element(key: number): ElementInstanceRow | undefined {
    const row = this.storedElement(key);
    return row && { ...row };
  }
  /** the store's own row object (changed in this transaction, cached, or read) */
  private storedElement(key: number): StoredElement | undefined {
    const changed = this.changedElements.get(key);
    if (changed) return changed.row;
    let row = this.elementCache.get(key);
    if (!row) {
      const read = this.s.element.get(key);
      if (!read) return undefined;
      row = uniformCopy(read);
      this.elementCache.set(key, row);
    }
    return row;
  }
  /** the row to change, registered for writing at the end of the transaction */
  private elementToChange(key: number): StoredElement | undefined {
    const changed = this.changedElements.get(key);
    if (changed) return changed.row;
    const row = this.storedElement(key);
    if (row) this.changedElements.set(key, { row, inserted: false });
    return row;
  }
  /** keeps a scope's count of active children (what "is the scope done?" asks) without a query */
  private countChild(scopeKey: number | null, delta: number): void {
    if (scopeKey === null) return;
    const scope = this.storedElement(scopeKey);
    // a row stored before the count existed has none; its scope is counted by a query instead
    if (!scope || scope.active_children === null) return;
    this.elementToChange(scopeKey)!.active_children = scope.active_children + delta;
  }
  private changeState(row: StoredElement, state: string): void {
    const was = ACTIVE.has(row.state);
    row.state = state;
    const is = ACTIVE.has(state);
    if (was !== is) this.countChild(row.flow_scope_key, is ? 1 : -1);
  }
  setElementState(key: number, state: string): void {
    const row = this.elementToChange(key);
    if (row) this.changeState(row, state);
  }
  endElement(key: number, state: 'COMPLETED' | 'TERMINATED', time: number): void {
    const row = this.elementToChange(key);
    if (!row) return;
    this.changeState(row, state);
    row.end_time = time;
  }
  setElementData(key: number, data: string | null): void {
    const row = this.elementToChange(key);
    if (row) row.data = data;
  }
  activeChildren(scopeKey: number): ElementInstanceRow[] {
    this.writeChangedElements();
    return this.s.activeChildren.all(scopeKey);
  }
  countActiveChildren(scopeKey: number): number {
    const counted = this.storedElement(scopeKey)?.active_children;
    if (counted !== undefined && counted !== null) return counted;
    this.writeChangedElements();
    return this.s.countActiveChildren.get(scopeKey)!.n;
  }

  // variables
  /**
   * The variables of recently used scopes, by name in key order: every expression reads the
   * variables visible from its element, so the same scopes are read over and over while their
   * instance works. Write-through; dropped when a transaction rolls back. Small, because values
   * can be large and old scopes are rarely read again.
   */
  private readonly variableCache = new GenerationalCache<number, Map<string, VariableRow>>(2_000);

  private cachedScope(scopeKey: number): Map<string, VariableRow> {
    let scope = this.variableCache.get(scopeKey);
    if (!scope) {
      scope = new Map(this.s.scopeVariables.all(scopeKey).map((row) => [row.name, row]));
      this.variableCache.set(scopeKey, scope);
    }
    return scope;
  }
  /** the row is the store's own: change it only through updateVariable */
  variable(scopeKey: number, name: string): VariableRow | undefined {
    return this.cachedScope(scopeKey).get(name);
  }
  scopeVariables(scopeKey: number): VariableRow[] {
    return [...this.cachedScope(scopeKey).values()];
  }
  insertVariable(key: number, scopeKey: number, processInstanceKey: number, name: string, value: string): void {
    this.s.insertVariable.run(key, scopeKey, processInstanceKey, name, value);
    this.variableCache.get(scopeKey)?.set(name, { key, scope_key: scopeKey, process_instance_key: processInstanceKey, name, value });
  }
  updateVariable(row: VariableRow, value: string): void {
    this.s.updateVariable.run(value, row.key);
    const cached = this.variableCache.get(row.scope_key)?.get(row.name);
    if (cached) cached.value = value;
    row.value = value;
  }

  // jobs
  insertJob(row: Omit<JobRow, 'worker' | 'deadline' | 'recur_at' | 'error_message' | 'error_code'>): void {
    this.s.insertJob.run(row);
  }
  job(key: number): JobRow | undefined {
    return this.s.job.get(key);
  }
  /** cancels the element's open job, if it has one (one statement: no lookup first) */
  cancelJobOfElement(elementInstanceKey: number): void {
    this.s.cancelJobOfElement.run(elementInstanceKey);
  }
  activatableJobs(type: string, limit: number): JobRow[] {
    return this.s.activatableJobs.all(type, limit);
  }
  updateJob(job: JobRow): void {
    this.s.updateJob.run(job);
  }
  deleteJob(key: number): void {
    this.s.deleteJob.run(key);
  }
  timedOutJobs(now: number): JobRow[] {
    return this.s.timedOutJobs.all(now);
  }
  backedOffJobs(now: number): JobRow[] {
    return this.s.backedOffJobs.all(now);
  }
  /** earliest job deadline or back-off end, for the scheduler */
  nextJobDueTime(): number | undefined {
    const a = this.s.nextDeadline.get()!.t;
    const b = this.s.nextRecur.get()!.t;
    const times = [a, b].filter((t): t is number => t !== null);
    return times.length ? Math.min(...times) : undefined;
  }

  // incidents
  insertIncident(row: IncidentRow): void {
    this.s.insertIncident.run(row);
  }
  incident(key: number): IncidentRow | undefined {
    return this.s.incident.get(key);
  }
  activeIncidentsOfElement(elementInstanceKey: number): IncidentRow[] {
    return this.s.activeIncidentsOfElement.all(elementInstanceKey);
  }
  incidentsOfInstance(processInstanceKey: number): IncidentRow[] {
    return this.s.incidentsOfInstance.all(processInstanceKey);
  }
  setIncidentState(key: number, state: 'ACTIVE' | 'RESOLVED'): void {
    this.s.setIncidentState.run(state, key);
  }

  // user tasks
  insertUserTask(row: Omit<UserTaskRow, 'completion_time' | 'due_ms'>): void {
    this.s.insertUserTask.run({ ...row, due_ms: epochMsOf(row.due_date) });
    if (row.state === 'CREATED') this.indexOpenTaskGroups(row.key, row.candidate_groups);
  }
  private indexOpenTaskGroups(key: number, candidateGroups: string): void {
    for (const group of new Set(JSON.parse(candidateGroups) as string[])) this.s.addOpenTaskGroup.run(group, key);
  }
  openUserTaskOfElement(elementInstanceKey: number): UserTaskRow | undefined {
    return this.s.userTaskByElement.get(elementInstanceKey);
  }
  endUserTask(key: number, state: 'COMPLETED' | 'CANCELED', time: number): void {
    this.s.endUserTask.run(state, time, key);
    this.s.removeOpenTaskGroups.run(key);
  }
  userTask(key: number): UserTaskRow | undefined {
    return this.s.userTask.get(key);
  }
  updateUserTask(row: Omit<UserTaskRow, 'due_ms'>): void {
    this.s.updateUserTask.run({ ...row, due_ms: epochMsOf(row.due_date) });
    this.s.removeOpenTaskGroups.run(row.key);
    if (row.state === 'CREATED') this.indexOpenTaskGroups(row.key, row.candidate_groups);
  }

  // timers
  insertTimer(row: TimerRow): void {
    this.s.insertTimer.run(row);
  }
  timer(key: number): TimerRow | undefined {
    return this.s.timer.get(key);
  }
  dueTimers(now: number, limit: number): TimerRow[] {
    return this.s.dueTimers.all(now, limit);
  }
  nextTimerDueTime(): number | undefined {
    return this.s.nextTimer.get()!.t ?? undefined;
  }
  /** returns false when the timer was already gone */
  deleteTimer(key: number): boolean {
    return this.s.deleteTimer.run(key).changes > 0;
  }
  startTimersOfDefinition(definitionKey: number): TimerRow[] {
    return this.s.startTimersOfDefinition.all(definitionKey);
  }
  countTimers(): number {
    return this.s.countTimers.get()!.n;
  }

  // message subscriptions and messages
  insertMessageSubscription(row: MessageSubscriptionRow): void {
    this.s.insertMessageSubscription.run(row);
  }
  messageSubscriptionsFor(tenantId: string, name: string, correlationKey: string): MessageSubscriptionRow[] {
    return this.s.messageSubscriptionsFor.all(tenantId, name, correlationKey);
  }
  messageSubscription(key: number): MessageSubscriptionRow | undefined {
    return this.s.messageSubscription.get(key);
  }
  deleteMessageSubscription(key: number): void {
    this.s.deleteMessageSubscription.run(key);
  }
  insertMessage(row: MessageRow): void {
    this.s.insertMessage.run(row);
  }
  bufferedMessages(tenantId: string, name: string, correlationKey: string, now: number): MessageRow[] {
    return this.s.bufferedMessages.all(tenantId, name, correlationKey, now);
  }
  bufferedMessageWithId(tenantId: string, name: string, correlationKey: string, messageId: string, now: number): MessageRow | undefined {
    return this.s.bufferedMessageWithId.get(tenantId, name, correlationKey, messageId, now);
  }
  /** drops messages whose time to live is over; returns how many */
  expireMessages(now: number): number {
    const expired = this.s.expiredMessages.all(now);
    for (const { key } of expired) {
      this.s.deleteMessage.run(key);
      this.s.deleteCorrelationsOfMessage.run(key);
    }
    return expired.length;
  }
  nextMessageDeadline(): number | undefined {
    return this.s.nextMessageDeadline.get()!.t ?? undefined;
  }
  recordCorrelation(messageKey: number, bpmnProcessId: string): void {
    this.s.insertCorrelation.run(messageKey, bpmnProcessId);
  }
  isCorrelated(messageKey: number, bpmnProcessId: string): boolean {
    return this.s.hasCorrelation.get(messageKey, bpmnProcessId) !== undefined;
  }

  // signal subscriptions
  insertSignalSubscription(row: SignalSubscriptionRow): void {
    this.s.insertSignalSubscription.run(row);
  }
  signalSubscriptionsFor(tenantId: string, name: string): SignalSubscriptionRow[] {
    return this.s.signalSubscriptionsFor.all(tenantId, name);
  }

  /** closes what an element instance waits for: timers, message and signal subscriptions (all kinds unless told) */
  closeEventSubscriptions(elementInstanceKey: number, kinds?: ReadonlySet<string>): void {
    if (!kinds || kinds.has('timer')) this.s.deleteTimersOfElement.run(elementInstanceKey);
    if (!kinds || kinds.has('message')) this.s.deleteMessageSubscriptionsOfElement.run(elementInstanceKey);
    if (!kinds || kinds.has('signal')) this.s.deleteSignalSubscriptionsOfElement.run(elementInstanceKey);
  }

  // inspection (tests and, later, the REST search API)
  elementsOfInstance(processInstanceKey: number): ElementInstanceRow[] {
    this.writeChangedElements();
    return this.s.elementsOfInstance.all(processInstanceKey);
  }
  variablesOfInstance(processInstanceKey: number): VariableRow[] {
    return this.s.variablesOfInstance.all(processInstanceKey);
  }
  userTasksOfInstance(processInstanceKey: number): UserTaskRow[] {
    return this.s.userTasksOfInstance.all(processInstanceKey);
  }
}
