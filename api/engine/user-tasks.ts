// User tasks through the engine's REST API v2 (the SDK's Orchestration Cluster client): search,
// get, assign, unassign, complete, their variables, and which request a task belongs to.
//
// The client's generated types are stricter than what the API needs (branded keys, every filter
// operator); this module is the one place that narrows them, behind the small interface below.
// Engine refusals become problems the caller understands: a task that is gone is 404, a task
// completed or claimed meanwhile is 409, a key the engine cannot read names no task (404).
import { conflict, notFound, t } from '../problems.js';
import { NOW, type EngineClients } from '../plugins/engine.js';

export interface UserTask {
  userTaskKey: string;
  elementId: string;
  name?: string;
  state: string;
  assignee?: string;
  candidateGroups: string[];
  processInstanceKey: string;
  processDefinitionId: string;
  creationDate?: string;
  completionDate?: string;
  dueDate?: string;
  externalFormReference?: string;
  customHeaders?: Record<string, string>;
}

export interface TaskPage {
  items: UserTask[];
  total: number;
}

export type DateFilter = { $lt?: string; $lte?: string; $gt?: string; $gte?: string };

export interface TaskFilter {
  state?: 'CREATED' | 'COMPLETED' | 'CANCELED';
  elementId?: string;
  candidateGroup?: string | { $in: string[] } | { $like: string };
  assignee?: string | { $exists: boolean };
  dueDate?: DateFilter;
  processInstanceKey?: string;
  processDefinitionId?: string;
}

interface VariableItem {
  name: string;
  value: string;
  processInstanceKey: string;
  scopeKey: string;
  isTruncated?: boolean;
}

/** The calls this module makes, typed as the wire carries them. */
interface RestCalls {
  searchUserTasks(input: object, consistency: object): Promise<{ items: UserTask[]; page: { totalItems: number } }>;
  getUserTask(input: object, consistency: object): Promise<UserTask>;
  assignUserTask(input: object): Promise<unknown>;
  unassignUserTask(input: object): Promise<unknown>;
  completeUserTask(input: object): Promise<unknown>;
  searchUserTaskVariables(input: object, consistency: object): Promise<{ items: VariableItem[] }>;
  searchVariables(input: object, consistency: object): Promise<{ items: VariableItem[] }>;
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown })?.status;
  return typeof status === 'number' ? status : undefined;
}

function refusal(error: unknown): never {
  const status = statusOf(error);
  // 400: the engine could not read the key at all (not an int64): it names no task either
  if (status === 404 || status === 400) throw notFound(t('任务不存在或已办结', 'the task does not exist or is finished'));
  if (status === 409) throw conflict(t('任务已被他人办理或认领', 'the task was completed or claimed meanwhile'));
  throw error;
}

/** Stable once known: an instance never changes its request. */
const REQUEST_OF_INSTANCE_LIMIT = 100_000;

export class UserTasks {
  private readonly rest: RestCalls;
  private readonly requestOfInstance = new Map<string, string | null>();

  constructor(clients: EngineClients) {
    this.rest = clients.rest as unknown as RestCalls;
  }

  async search(filter: TaskFilter, page: { from: number; limit: number }, sort: { field: 'dueDate' | 'creationDate'; order: 'ASC' | 'DESC' }[] = []): Promise<TaskPage> {
    const answer = await this.rest.searchUserTasks({ filter, page, sort }, NOW);
    return { items: answer.items.map(normalise), total: answer.page.totalItems };
  }

  async get(userTaskKey: string): Promise<UserTask> {
    try {
      return normalise(await this.rest.getUserTask({ userTaskKey }, NOW));
    } catch (error) {
      refusal(error);
    }
  }

  async assign(userTaskKey: string, assignee: string): Promise<void> {
    try {
      await this.rest.assignUserTask({ userTaskKey, assignee, allowOverride: false });
    } catch (error) {
      refusal(error);
    }
  }

  async unassign(userTaskKey: string): Promise<void> {
    try {
      await this.rest.unassignUserTask({ userTaskKey });
    } catch (error) {
      refusal(error);
    }
  }

  async complete(userTaskKey: string, variables: Record<string, unknown>): Promise<void> {
    try {
      await this.rest.completeUserTask({ userTaskKey, variables });
    } catch (error) {
      refusal(error);
    }
  }

  /** The variables a task sees (its own scope and every scope above), parsed; big values are cut short by the engine. */
  async variables(userTaskKey: string): Promise<Record<string, unknown>> {
    const answer = await this.rest.searchUserTaskVariables({ userTaskKey, page: { limit: 200 } }, NOW);
    const out: Record<string, unknown> = {};
    for (const v of answer.items) {
      if (v.isTruncated) continue;
      try {
        out[v.name] = JSON.parse(v.value);
      } catch {
        out[v.name] = v.value;
      }
    }
    return out;
  }

  /** One variable the task sees, or undefined. */
  async variable<T>(userTaskKey: string, name: string): Promise<T | undefined> {
    const answer = await this.rest.searchUserTaskVariables({ userTaskKey, filter: { name }, page: { limit: 1 } }, NOW);
    const [v] = answer.items;
    return v === undefined ? undefined : (JSON.parse(v.value) as T);
  }

  /**
   * The request ids of instances (`requestId`, which every request instance and every instance it
   * calls carries), by instance key; instances of other processes map to null. One search per call
   * for the keys not seen before.
   */
  async requestIdsOf(processInstanceKeys: readonly string[]): Promise<Map<string, string | null>> {
    const missing = [...new Set(processInstanceKeys.filter((k) => !this.requestOfInstance.has(k)))];
    if (missing.length > 0) {
      const answer = await this.rest.searchVariables({ filter: { name: 'requestId', processInstanceKey: { $in: missing } }, page: { limit: missing.length * 2 } }, NOW);
      const found = new Map<string, string>();
      for (const v of answer.items) if (v.scopeKey === v.processInstanceKey) found.set(v.processInstanceKey, JSON.parse(v.value) as string);
      if (this.requestOfInstance.size > REQUEST_OF_INSTANCE_LIMIT) this.requestOfInstance.clear();
      for (const key of missing) this.requestOfInstance.set(key, found.get(key) ?? null);
    }
    return new Map(processInstanceKeys.map((k) => [k, this.requestOfInstance.get(k) ?? null]));
  }

  async requestIdOf(task: UserTask): Promise<string | null> {
    return (await this.requestIdsOf([task.processInstanceKey])).get(task.processInstanceKey) ?? null;
  }
}

function normalise(task: UserTask): UserTask {
  return { ...task, userTaskKey: String(task.userTaskKey), processInstanceKey: String(task.processInstanceKey), candidateGroups: task.candidateGroups ?? [] };
}

const perApp = new WeakMap<EngineClients, UserTasks>();

/** The app's one UserTasks (its cache of instance → request is shared by every route). */
export function userTasksOf(app: { engine: EngineClients }): UserTasks {
  let tasks = perApp.get(app.engine);
  if (tasks === undefined) {
    tasks = new UserTasks(app.engine);
    perApp.set(app.engine, tasks);
  }
  return tasks;
}
