// Camunda user tasks managed over REST: assignment, unassignment, update and completion,
// with Camunda 8.8's preconditions.

import type { UserTaskRow } from '../state/rows.js';
import type { Tx } from './context.js';
import { Rejection, invalidArgument, notFound } from './errors.js';
import { completeNow } from './lifecycle.js';
import type { Variables } from './variables.js';

export interface UserTaskChangeset {
  dueDate?: string | null;
  followUpDate?: string | null;
  candidateGroups?: string[];
  candidateUsers?: string[];
  priority?: number;
}

function openTask(tx: Tx, userTaskKey: number): UserTaskRow {
  const task = tx.store.userTask(userTaskKey);
  if (!task) throw notFound(`Expected to work on user task with key '${userTaskKey}', but no such user task was found`);
  // Zeebe answers NOT_FOUND for a task that has left its CREATED state
  if (task.state !== 'CREATED') throw notFound(`Expected to work on user task with key '${userTaskKey}', but it is ${task.state.toLowerCase()}`);
  return task;
}

export function assign(tx: Tx, userTaskKey: number, assignee: string, allowOverride: boolean, _action?: string): void {
  const task = openTask(tx, userTaskKey);
  if (assignee.trim() === '') throw invalidArgument('Expected a non-empty assignee');
  if (!allowOverride && task.assignee && task.assignee !== assignee) {
    throw new Rejection('FAILED_PRECONDITION', `Expected to assign user task with key '${userTaskKey}', but it is already assigned to '${task.assignee}'`);
  }
  tx.store.updateUserTask({ ...task, assignee });
}

export function unassign(tx: Tx, userTaskKey: number): void {
  const task = openTask(tx, userTaskKey);
  tx.store.updateUserTask({ ...task, assignee: null });
}

export function update(tx: Tx, userTaskKey: number, changeset: UserTaskChangeset, _action?: string): void {
  const task = openTask(tx, userTaskKey);
  const next: UserTaskRow = { ...task };
  if (changeset.dueDate !== undefined) next.due_date = changeset.dueDate;
  if (changeset.followUpDate !== undefined) next.follow_up_date = changeset.followUpDate;
  if (changeset.candidateGroups !== undefined) next.candidate_groups = JSON.stringify(changeset.candidateGroups);
  if (changeset.candidateUsers !== undefined) next.candidate_users = JSON.stringify(changeset.candidateUsers);
  if (changeset.priority !== undefined) next.priority = changeset.priority;
  tx.store.updateUserTask(next);
}

export function complete(tx: Tx, userTaskKey: number, variables: Variables, _action?: string): void {
  const task = openTask(tx, userTaskKey);
  tx.store.endUserTask(task.key, 'COMPLETED', tx.now);
  completeNow(tx, task.element_instance_key, { variables });
}
