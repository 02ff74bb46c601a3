// User tasks. A Camunda user task (`zeebe:userTask`) creates a user-task record that people
// complete through the REST API; a job-worker user task is a job of type
// `io.camunda.zeebe:userTask` carrying its assignment as custom headers.

import type { ElementModel, UserTaskDefinition } from '../../model/types.js';
import type { ElementInstanceRow } from '../../state/rows.js';
import type { Tx } from '../context.js';
import { evaluateInteger, evaluateOptionalString, evaluateStringList } from '../expressions.js';
import { visibleVariables, type Variables } from '../variables.js';
import type { Behaviour } from './behaviour.js';
import { cancelJob, createJob } from './job-task.js';

export const JOB_WORKER_USER_TASK_TYPE = 'io.camunda.zeebe:userTask';

interface Assignment {
  assignee?: string;
  candidateGroups: string[];
  candidateUsers: string[];
  dueDate?: string;
  followUpDate?: string;
}

function evaluateAssignment(tx: Tx, definition: UserTaskDefinition, variables: Variables): Assignment {
  return {
    assignee: evaluateOptionalString(tx, definition.assignee, variables),
    candidateGroups: evaluateStringList(tx, definition.candidateGroups, variables),
    candidateUsers: evaluateStringList(tx, definition.candidateUsers, variables),
    dueDate: evaluateOptionalString(tx, definition.dueDate, variables),
    followUpDate: evaluateOptionalString(tx, definition.followUpDate, variables),
  };
}

function jobHeaders(assignment: Assignment, definition: UserTaskDefinition): Record<string, string> {
  const headers: Record<string, string> = {};
  if (assignment.assignee) headers['io.camunda.zeebe:assignee'] = assignment.assignee;
  if (assignment.candidateGroups.length) headers['io.camunda.zeebe:candidateGroups'] = JSON.stringify(assignment.candidateGroups);
  if (assignment.candidateUsers.length) headers['io.camunda.zeebe:candidateUsers'] = JSON.stringify(assignment.candidateUsers);
  if (assignment.dueDate) headers['io.camunda.zeebe:dueDate'] = assignment.dueDate;
  if (assignment.followUpDate) headers['io.camunda.zeebe:followUpDate'] = assignment.followUpDate;
  if (definition.formKey) headers['io.camunda.zeebe:formKey'] = definition.formKey;
  return headers;
}

function externalReferenceOf(tx: Tx, definition: UserTaskDefinition, variables: Variables): string | undefined {
  if (definition.externalFormReferenceExpression === undefined) return undefined;
  return evaluateOptionalString(tx, { kind: 'feel', source: definition.externalFormReferenceExpression }, variables);
}

function createUserTask(tx: Tx, row: ElementInstanceRow, element: ElementModel): void {
  const definition = element.userTask!;
  const variables = visibleVariables(tx, row.key);
  const assignment = evaluateAssignment(tx, definition, variables);
  const priority = definition.priority ? evaluateInteger(tx, definition.priority, variables) : 50;
  const instance = tx.store.definition(row.definition_key)!; // bpmn id, version and tenant, cached
  tx.store.insertUserTask({
    key: tx.nextKey(),
    element_instance_key: row.key,
    process_instance_key: row.process_instance_key,
    definition_key: row.definition_key,
    bpmn_process_id: instance.bpmn_process_id,
    element_id: row.element_id,
    tenant_id: instance.tenant_id,
    state: 'CREATED',
    assignee: assignment.assignee ?? null,
    candidate_groups: JSON.stringify(assignment.candidateGroups),
    candidate_users: JSON.stringify(assignment.candidateUsers),
    due_date: assignment.dueDate ?? null,
    follow_up_date: assignment.followUpDate ?? null,
    // a Camunda form (formKey / formId) or, as Zeebe records it, the external reference a custom
    // task application resolves (zeebe:formDefinition externalReference, a FEEL expression allowed)
    form_key: definition.formKey ?? definition.externalFormReference ?? externalReferenceOf(tx, definition, variables) ?? null,
    priority,
    creation_time: tx.now,
  });
}

export const userTask: Behaviour = {
  activate(tx, row, element) {
    const definition = element.userTask;
    if (definition?.camundaUserTask) return createUserTask(tx, row, element);
    const assignment = definition ? evaluateAssignment(tx, definition, visibleVariables(tx, row.key)) : undefined;
    const job = element.job ?? { type: { kind: 'static' as const, value: JOB_WORKER_USER_TASK_TYPE }, retries: { kind: 'static' as const, value: '3' } };
    createJob(tx, row, element, assignment && definition ? jobHeaders(assignment, definition) : {}, job);
  },
  terminate(tx, row, element) {
    if (element.userTask?.camundaUserTask) {
      const task = tx.store.openUserTaskOfElement(row.key);
      if (task) tx.store.endUserTask(task.key, 'CANCELED', tx.now);
    } else cancelJob(tx, row);
  },
};
