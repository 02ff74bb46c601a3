// Camunda user tasks: search, get, assign, unassign, complete, update, and the variables a
// task sees.

import { USER_TASK, VARIABLE, type UserTaskSearchRow } from '../../state/search.js';
import type { UserTaskChangeset } from '../../runtime/user-task-commands.js';
import type { RestContext } from '../context.js';
import { jsonBody, noContent } from '../http.js';
import { userTaskResult, variableSearchResult } from '../mappers.js';
import { command, invalidArgument, notFound } from '../problem.js';
import type { Router } from '../router.js';
import { pageResponse, parseSearch } from '../search-request.js';
import {
  object, optionalBoolean, optionalInteger, optionalString, optionalStringArray, optionalVariables, parseDateTime, pathKey, unreadable,
} from '../validate.js';
import { truncateValues } from './variables.js';

const EMPTY_UPDATE = 'No update data provided. Provide at least an "action" or a non-null value for a supported attribute in the "changeset"';

/** `action` is a string or null */
function optionalAction(body: Record<string, unknown>): string | undefined {
  return optionalString(body, 'action') || undefined;
}

function readChangeset(value: unknown): { changeset: UserTaskChangeset; violations: string[] } {
  const body = object(value, 'changeset');
  const changeset: UserTaskChangeset = {};
  const violations: string[] = [];
  const date = (field: 'dueDate' | 'followUpDate', attribute: string) => {
    const text = optionalString(body, field, `changeset.${field}`);
    if (text === undefined) return;
    try {
      changeset[field] = new Date(parseDateTime(text, attribute)).toISOString();
    } catch {
      violations.push(`The provided ${attribute} '${text}' cannot be parsed as a date according to RFC 3339, section 5.6`);
    }
  };
  date('dueDate', 'due date');
  date('followUpDate', 'follow-up date');
  const groups = optionalStringArray(body, 'candidateGroups', 'changeset.candidateGroups');
  if (groups !== undefined) changeset.candidateGroups = groups;
  const users = optionalStringArray(body, 'candidateUsers', 'changeset.candidateUsers');
  if (users !== undefined) changeset.candidateUsers = users;
  const priority = optionalInteger(body, 'priority', 'changeset.priority');
  if (priority !== undefined) {
    if (priority < 0 || priority > 100) violations.push(`The value for priority is '${priority}' but must be within the [0,100] range`);
    else changeset.priority = priority;
  }
  return { changeset, violations };
}

export function registerUserTasks(router: Router, { engine, search }: RestContext): void {
  const headersOf = (row: UserTaskSearchRow): Record<string, string> => {
    try {
      return { ...(engine.model(row.definition_key).elements.get(row.element_id)?.taskHeaders ?? {}) };
    } catch {
      return {};
    }
  };
  const requireTask = (key: number) => {
    const row = search.userTask(key);
    if (!row) throw notFound(`User Task with key '${key}' not found`);
    return row;
  };

  router.post('/v2/user-tasks/search', (ctx) => {
    const query = parseSearch(jsonBody(ctx, false), USER_TASK);
    const { rows, total } = search.userTasks(query);
    return { json: { items: rows.map((r) => userTaskResult(r, headersOf(r))), page: pageResponse(query, total, rows.length) } };
  });

  router.get('/v2/user-tasks/:userTaskKey', (ctx) => {
    const row = requireTask(pathKey(ctx.params, 'userTaskKey'));
    return { json: userTaskResult(row, headersOf(row)) };
  });

  router.post('/v2/user-tasks/:userTaskKey/assignment', (ctx) => {
    const key = pathKey(ctx.params, 'userTaskKey');
    const body = object(jsonBody(ctx, true));
    const assignee = optionalString(body, 'assignee');
    if (assignee === undefined || assignee.trim() === '') throw invalidArgument('No assignee provided');
    // by default an assigned task is reassigned
    const allowOverride = optionalBoolean(body, 'allowOverride') ?? true;
    command('ASSIGN', () => engine.assignUserTask(key, assignee, allowOverride, optionalAction(body)));
    return noContent;
  });

  router.delete('/v2/user-tasks/:userTaskKey/assignee', (ctx) => {
    const key = pathKey(ctx.params, 'userTaskKey');
    command('ASSIGN', () => engine.unassignUserTask(key));
    return noContent;
  });

  router.post('/v2/user-tasks/:userTaskKey/completion', (ctx) => {
    const key = pathKey(ctx.params, 'userTaskKey');
    const body = object(jsonBody(ctx, false));
    const variables = optionalVariables(body);
    command('COMPLETE', () => engine.completeUserTaskByKey(key, variables, optionalAction(body)));
    return noContent;
  });

  router.patch('/v2/user-tasks/:userTaskKey', (ctx) => {
    const key = pathKey(ctx.params, 'userTaskKey');
    const body = object(jsonBody(ctx, false));
    const action = optionalAction(body);
    if (body.changeset !== undefined && body.changeset !== null && (typeof body.changeset !== 'object' || Array.isArray(body.changeset))) {
      throw unreadable('changeset');
    }
    const { changeset, violations } = readChangeset(body.changeset);
    if (action === undefined && Object.keys(changeset).length === 0 && violations.length === 0) violations.unshift(EMPTY_UPDATE);
    if (violations.length) throw invalidArgument(violations);
    command('UPDATE', () => engine.updateUserTask(key, changeset, action));
    return noContent;
  });

  router.post('/v2/user-tasks/:userTaskKey/variables/search', (ctx) => {
    const key = pathKey(ctx.params, 'userTaskKey');
    const truncate = truncateValues(ctx);
    const query = parseSearch(jsonBody(ctx, false), { ...VARIABLE, filters: { name: VARIABLE.filters.name! } });
    const task = requireTask(key);
    const { rows, total } = search.userTaskVariables(task.element_instance_key, query);
    return { json: { items: rows.map((r) => variableSearchResult(r, truncate)), page: pageResponse(query, total, rows.length) } };
  });
}
