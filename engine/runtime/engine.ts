// The engine's command interface. Each command runs in one SQLite transaction (including all
// the steps it sets off) and is acknowledged only after that transaction commits; then its
// effects (new jobs, ended instances) are announced to the gateways.

import { checkFeelSyntax, evaluateFeel } from '../feel/index.js';
import { parseBpmn } from '../model/index.js';
import type { Expr, ProcessModel } from '../model/types.js';
import type { DefinitionRow, ElementInstanceRow } from '../state/rows.js';
import { Store } from '../state/store.js';
import { EngineClock } from './clock.js';
import { type EngineCore, type Effects, type StartEventRef, Tx } from './context.js';
import { parseResources, storeDeployment, type Resource } from './deployment.js';
import { failedPrecondition, invalidArgument, notFound } from './errors.js';
import { KeyGenerator } from './keys.js';
import { TIMER_BATCH, fireDueTimers, releaseDueJobsAndMessages } from './due-work.js';
import { activate, activateNow, completeNow, createInstance, terminate } from './lifecycle.js';
import { startChildInstance } from './behaviours/call-activity.js';
import * as jobs from './job-commands.js';
import * as messages from './messages.js';
import * as signals from './signals.js';
import * as userTasks from './user-task-commands.js';
import type { BroadcastSignalRequest } from './signals.js';
import type { CorrelateMessageRequest, PublishMessageRequest } from './messages.js';
import type { RetryStep } from './incidents.js';
import { mergeVariables, setLocalVariables, type Variables } from './variables.js';

export const DEFAULT_TENANT = '<default>';
/** Zeebe's limit on one record batch; larger variable documents are rejected up front */
export const MAX_PAYLOAD_BYTES = 4 * 1024 * 1024;

export interface EngineListener {
  onEffects(effects: Effects): void;
}

/** a start event's name: static, or a FEEL expression evaluated without variables (as at deployment) */
function staticOrEvaluated(expr: Expr): string | undefined {
  if (expr.kind === 'static') return expr.value;
  const outcome = evaluateFeel(expr.source, {});
  return outcome.ok && typeof outcome.value === 'string' ? outcome.value : undefined;
}

export function normalizeTenant(tenantId: string | undefined | null): string {
  return !tenantId || tenantId === '' ? DEFAULT_TENANT : tenantId;
}

export function parseVariables(json: string | undefined | null, what = 'variables'): Variables {
  if (json === undefined || json === null || json.trim() === '') return {};
  if (Buffer.byteLength(json) > MAX_PAYLOAD_BYTES) {
    throw invalidArgument(`Expected ${what} to be at most ${MAX_PAYLOAD_BYTES} bytes (4 MB), but it was ${Buffer.byteLength(json)} bytes`);
  }
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw invalidArgument(`Expected ${what} to be a JSON document, but failed to parse it: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidArgument(`Expected ${what} to be a JSON object, but it was ${Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'null' : `a ${typeof value}`}`);
  }
  return value as Variables;
}

export interface CreateInstanceRequest {
  processDefinitionKey?: number;
  bpmnProcessId?: string;
  /** -1 or undefined: latest */
  version?: number;
  variables: Variables;
  tenantId?: string;
  startElementIds?: string[];
}

export class Engine implements EngineCore {
  readonly store: Store;
  readonly clock = new EngineClock();
  readonly keys: KeyGenerator;
  private readonly models = new Map<number, ProcessModel>();
  private readonly listeners = new Set<EngineListener>();

  private constructor(store: Store) {
    this.store = store;
    this.keys = new KeyGenerator(Number(store.getMeta('key_counter') ?? '0'));
  }

  /** Opens the state and re-reads every deployed definition's model. */
  static async open(dataDir: string, options: { synchronous?: 'NORMAL' | 'FULL' } = {}): Promise<Engine> {
    const engine = new Engine(new Store({ dataDir, synchronous: options.synchronous }));
    for (const row of engine.store.allDefinitions()) await engine.loadModel(row);
    return engine;
  }

  private async loadModel(row: DefinitionRow): Promise<void> {
    const result = await parseBpmn(row.xml, { checkExpression: checkFeelSyntax });
    if (!result.ok) throw new Error(`stored definition ${row.key} no longer parses: ${result.problems.map((p) => p.message).join('; ')}`);
    const model = result.processes.find((p) => p.bpmnProcessId === row.bpmn_process_id);
    if (!model) throw new Error(`stored definition ${row.key} lacks process ${row.bpmn_process_id}`);
    this.models.set(row.key, model);
  }

  model(definitionKey: number): ProcessModel {
    const model = this.models.get(definitionKey);
    if (!model) throw new Error(`no model for definition ${definitionKey}`);
    return model;
  }

  private startEventIndex: Map<string, StartEventRef[]> | undefined;
  /** set by the scheduler: called after a command that left work already due (a zero-length timer) */
  onDueWork: (() => void) | undefined;

  startEvents(tenantId: string, kind: 'message' | 'signal', name?: string): StartEventRef[] {
    this.startEventIndex ??= this.buildStartEventIndex();
    const all = this.startEventIndex.get(`${tenantId}\u0000${kind}`) ?? [];
    return name === undefined ? all : all.filter((s) => s.name === name);
  }

  /** start events of the latest version of every process; rebuilt after each deployment */
  private buildStartEventIndex(): Map<string, StartEventRef[]> {
    const index = new Map<string, StartEventRef[]>();
    for (const row of this.store.latestDefinitions()) {
      const model = this.model(row.key);
      for (const element of model.elements.values()) {
        if (element.type !== 'startEvent' || element.flowScopeId !== model.bpmnProcessId) continue;
        const definition = element.eventDefinition;
        let name: string | undefined;
        if (definition?.kind === 'message') name = staticOrEvaluated(definition.messageName);
        else if (definition?.kind === 'signal') name = staticOrEvaluated(definition.signalName);
        if (name === undefined || !definition) continue;
        const key = `${row.tenant_id}\u0000${definition.kind}`;
        const list = index.get(key) ?? [];
        list.push({ definitionKey: row.key, bpmnProcessId: row.bpmn_process_id, elementId: element.id, name });
        index.set(key, list);
      }
    }
    return index;
  }

  addListener(listener: EngineListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.store.close();
  }

  private inBatch = false;
  private readonly pendingEffects: Effects[] = [];
  private readonly queue: Array<{ command: () => unknown; resolve: (value: unknown) => void; reject: (error: unknown) => void }> = [];
  private flushScheduled = false;

  /**
   * Runs one command: one transaction, then its effects. Inside a batch (see `submit`) the
   * command runs in a savepoint of the batch's transaction and its effects wait for the commit.
   */
  run<T>(command: (tx: Tx) => T): T {
    const tx = new Tx(this);
    if (this.inBatch) {
      const value = this.store.transaction(() => {
        const v = command(tx);
        tx.drain();
        return v;
      });
      this.pendingEffects.push(tx.effects);
      return value;
    }
    let result: T;
    try {
      result = this.store.transaction(() => {
        const value = command(tx);
        tx.drain();
        this.persistKeys();
        return value;
      });
    } catch (error) {
      this.keys.rollback();
      throw error;
    }
    this.announce(tx.effects);
    return result;
  }

  /**
   * Group commit: commands submitted in the same turn of the event loop run in one SQLite
   * transaction (each in its own savepoint, so a rejected command changes nothing) and are
   * acknowledged together once it has committed. Under load this turns one fsync-bound commit
   * per command into one per batch, as Zeebe batches records on its log.
   */
  submit<T>(command: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ command, resolve: resolve as (value: unknown) => void, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.flushScheduled = false;
    const batch = this.queue.splice(0, 1000);
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    this.inBatch = true;
    try {
      this.store.transaction(() => {
        for (const item of batch) {
          try {
            outcomes.push({ ok: true, value: item.command() });
          } catch (error) {
            outcomes.push({ ok: false, error });
          }
        }
        this.persistKeys();
      });
    } catch (error) {
      // the commit itself failed: nothing of the batch happened
      this.inBatch = false;
      this.pendingEffects.length = 0;
      this.keys.rollback();
      for (const item of batch) item.reject(error);
      return;
    }
    this.inBatch = false;
    const effects = this.pendingEffects.splice(0);
    batch.forEach((item, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.error);
    });
    for (const e of effects) this.announce(e);
    if (this.queue.length && !this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
  }

  private persistKeys(): void {
    const counter = this.keys.takeUnpersisted();
    if (counter !== undefined) this.store.saveMeta('key_counter', String(counter));
  }

  private announce(effects: Effects): void {
    if (effects.dueWork) this.onDueWork?.();
    if (effects.jobsAvailable.size || effects.endedInstances.size) {
      for (const listener of this.listeners) listener.onEffects(effects);
    }
  }

  // deployments

  async deploy(resources: Resource[], tenantId?: string) {
    const parsed = await parseResources(resources);
    const tenant = normalizeTenant(tenantId);
    const result = this.run((tx) => storeDeployment(tx, parsed, tenant, (key, model) => this.models.set(key, model)));
    this.startEventIndex = undefined;
    return result;
  }

  // process instances

  createProcessInstance(request: CreateInstanceRequest) {
    const tenant = normalizeTenant(request.tenantId);
    return this.run((tx) => {
      const definition = this.findDefinition(request, tenant);
      const model = this.model(definition.key);
      const process = model.elements.get(model.bpmnProcessId)!;
      const startIds = request.startElementIds ?? [];
      for (const id of startIds) {
        const element = model.elements.get(id);
        if (!element || element.flowScopeId !== model.bpmnProcessId) {
          throw invalidArgument(`Expected to create instance of process with start instructions but the element with id '${id}' is not found in the process' root scope`);
        }
      }
      if (startIds.length === 0 && !process.noneStartEventId) {
        throw failedPrecondition(`Expected to create instance of process with none start event, but there is no such event`);
      }
      const root = startChildInstance(tx, definition.key, definition.bpmn_process_id, definition.version, tenant, null, null);
      setLocalVariables(tx, root.key, root.key, request.variables);
      tx.store.setElementState(root.key, 'ACTIVATED');
      root.state = 'ACTIVATED';
      if (startIds.length) {
        for (const id of startIds) activate(tx, createInstance(tx, { element: model.elements.get(id)!, scope: root }));
      } else {
        root.state = 'ACTIVATING';
        tx.store.setElementState(root.key, 'ACTIVATING');
        activate(tx, root);
      }
      return {
        processInstanceKey: root.key,
        processDefinitionKey: definition.key,
        bpmnProcessId: definition.bpmn_process_id,
        version: definition.version,
        tenantId: tenant,
      };
    });
  }

  private findDefinition(request: CreateInstanceRequest, tenant: string): DefinitionRow {
    if (request.processDefinitionKey) {
      const row = this.store.definition(request.processDefinitionKey);
      if (!row || row.tenant_id !== tenant) {
        throw notFound(`Expected to find process definition with key '${request.processDefinitionKey}', but none found`);
      }
      return row;
    }
    const id = request.bpmnProcessId ?? '';
    if (id === '') throw invalidArgument('Expected either a process definition key or a BPMN process id, but none given');
    const version = request.version ?? -1;
    const row = version < 0 ? this.store.latestDefinition(tenant, id) : this.store.definitionByVersion(tenant, id, version);
    if (!row) {
      throw notFound(version < 0
        ? `Expected to find process definition with process ID '${id}', but none found`
        : `Expected to find process definition with process ID '${id}' and version '${version}', but none found`);
    }
    return row;
  }

  cancelProcessInstance(processInstanceKey: number): void {
    this.run((tx) => {
      const instance = tx.store.processInstance(processInstanceKey);
      if (!instance || instance.state !== 'ACTIVE') {
        throw notFound(`Expected to cancel a process instance with key '${processInstanceKey}', but no such process was found`);
      }
      if (instance.parent_process_instance_key !== null) {
        throw failedPrecondition(`Expected to cancel a process instance with key '${processInstanceKey}', but it is created by a parent process instance. Cancel the root process instance '${instance.parent_process_instance_key}' instead.`);
      }
      terminate(tx, tx.store.element(processInstanceKey)!);
    });
  }

  // variables

  setVariables(elementInstanceKey: number, variables: Variables, local: boolean): number {
    return this.run((tx) => {
      const row = tx.store.element(elementInstanceKey);
      if (!row || !['ACTIVATING', 'ACTIVATED', 'COMPLETING'].includes(row.state)) {
        throw notFound(`Expected to update variables for element with key '${elementInstanceKey}', but no such element was found`);
      }
      if (local) setLocalVariables(tx, row.key, row.process_instance_key, variables);
      else mergeVariables(tx, row.key, row.process_instance_key, variables);
      return tx.nextKey();
    });
  }

  // incidents

  resolveIncident(incidentKey: number): void {
    this.run((tx) => {
      const incident = tx.store.incident(incidentKey);
      if (!incident || incident.state !== 'ACTIVE') {
        throw notFound(`Expected to resolve incident with key '${incidentKey}', but no such incident was found`);
      }
      const retry = JSON.parse(incident.retry) as RetryStep;
      if (retry.step === 'job') {
        jobs.resolveJobIncident(tx, incident);
        return;
      }
      tx.store.setIncidentState(incidentKey, 'RESOLVED');
      if (retry.step === 'activate') activateNow(tx, incident.element_instance_key);
      else completeNow(tx, incident.element_instance_key, { variables: retry.variables, flowIds: retry.flowIds });
    });
  }

  // jobs

  activateJobs(request: jobs.ActivateRequest): jobs.ActivatedJob[] {
    return this.run((tx) => jobs.activateJobs(tx, request));
  }
  completeJob(jobKey: number, variables: Variables): void {
    this.run((tx) => jobs.completeJob(tx, jobKey, variables));
  }
  failJob(request: jobs.FailRequest): void {
    this.run((tx) => jobs.failJob(tx, request));
  }
  throwError(request: jobs.ThrowErrorRequest): void {
    this.run((tx) => jobs.throwJobError(tx, request));
  }
  updateJobRetries(jobKey: number, retries: number): void {
    this.run((tx) => jobs.updateJobRetries(tx, jobKey, retries));
  }
  updateJobTimeout(jobKey: number, timeout: number): void {
    this.run((tx) => jobs.updateJobTimeout(tx, jobKey, timeout));
  }
  /** a pushed job whose stream failed goes back to the backlog */
  yieldJob(jobKey: number): void {
    this.run((tx) => jobs.yieldJob(tx, jobKey));
  }

  // a user task by its element instance (tests and inspection; REST completes by user-task key)

  completeUserTask(elementInstanceKey: number, variables: Variables): void {
    this.run((tx) => {
      const task = tx.store.openUserTaskOfElement(elementInstanceKey);
      if (!task) throw notFound(`Expected to complete user task of element '${elementInstanceKey}', but no such user task was found`);
      userTasks.complete(tx, task.key, variables);
    });
  }

  // messages, signals and the clock (engine part 2: implemented in runtime/messages.ts, signals.ts, timers.ts)

  /** PublishMessage: buffers for `timeToLive` ms; ALREADY_EXISTS while a message with the same id is buffered */
  publishMessage(request: PublishMessageRequest): { messageKey: number; tenantId: string } {
    return this.run((tx) => messages.publishMessage(tx, request));
  }

  /** REST message correlation: correlates at once or NOT_FOUND; returns the instance it reached */
  correlateMessage(request: CorrelateMessageRequest): { messageKey: number; tenantId: string; processInstanceKey: number } {
    return this.run((tx) => messages.correlateMessage(tx, request));
  }

  broadcastSignal(request: BroadcastSignalRequest): { signalKey: number; tenantId: string } {
    return this.run((tx) => signals.broadcastSignal(tx, request));
  }

  /** pins the clock (and fires everything due by then) */
  pinClock(epochMillis: number): void {
    this.clock.pin(epochMillis);
    this.processDue();
  }

  resetClock(): void {
    this.clock.reset();
    this.processDue();
  }

  /** moves the clock by `millis` (pinned or running), firing what falls due */
  advanceClock(millis: number): void {
    this.clock.add(millis);
    this.processDue();
  }

  /** runs everything due by now: job deadlines, back-offs, timers, message TTLs. Returns the next due time. */
  processDue(): number | undefined {
    this.run((tx) => releaseDueJobsAndMessages(tx));
    // timers fire in batches, each its own transaction, until nothing is due (bounded per call)
    for (let batch = 0; batch < 10_000; batch++) {
      if (this.run((tx) => fireDueTimers(tx)) < TIMER_BATCH) break;
    }
    return this.nextDueTime();
  }

  /** the earliest moment something falls due, or undefined */
  nextDueTime(): number | undefined {
    const times = [this.store.nextJobDueTime(), this.store.nextTimerDueTime(), this.store.nextMessageDeadline()]
      .filter((t): t is number => t !== undefined);
    return times.length ? Math.min(...times) : undefined;
  }

  // user tasks over REST

  assignUserTask(userTaskKey: number, assignee: string, allowOverride: boolean, action?: string): void {
    this.run((tx) => userTasks.assign(tx, userTaskKey, assignee, allowOverride, action));
  }

  unassignUserTask(userTaskKey: number): void {
    this.run((tx) => userTasks.unassign(tx, userTaskKey));
  }

  completeUserTaskByKey(userTaskKey: number, variables: Variables, action?: string): void {
    this.run((tx) => userTasks.complete(tx, userTaskKey, variables, action));
  }

  updateUserTask(userTaskKey: number, changeset: userTasks.UserTaskChangeset, action?: string): void {
    this.run((tx) => userTasks.update(tx, userTaskKey, changeset, action));
  }

  // inspection, for tests and the coming REST search API

  inspect(processInstanceKey: number) {
    const instance = this.store.processInstance(processInstanceKey);
    return {
      instance,
      elements: this.store.elementsOfInstance(processInstanceKey) as ElementInstanceRow[],
      variables: this.store.variablesOfInstance(processInstanceKey).map((v) => ({ ...v, value: JSON.parse(v.value) as unknown })),
      incidents: this.store.incidentsOfInstance(processInstanceKey),
      userTasks: this.store.userTasksOfInstance(processInstanceKey),
    };
  }
}

