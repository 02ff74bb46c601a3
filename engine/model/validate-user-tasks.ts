// Rules for user tasks: assignment, schedule, form and priority.

import { isBlank, isFeel, parseCsvList } from './expressions.js';
import { extension, ownStr, str, type MElement } from './moddle-access.js';
import type { FlowNode } from './process-tree.js';
import { parseTimeDate } from './timer-syntax.js';
import { checkValue, type ValidationContext } from './validation-context.js';

export const BINDING_TYPES = ['latest', 'deployment', 'versionTag'];

export function validateUserTasks(ctx: ValidationContext): void {
  for (const node of ctx.tree.nodes) {
    if (node.type === 'userTask') validateUserTask(ctx, node);
  }
}

function validateUserTask(ctx: ValidationContext, node: FlowNode): void {
  const camundaUserTask = extension(node.el, 'zeebe:UserTask') !== undefined;

  const assignment = extension(node.el, 'zeebe:AssignmentDefinition');
  checkValue(ctx, node.id, 'assignee', str(assignment, 'assignee'));
  checkCsv(ctx, node, 'candidate groups', str(assignment, 'candidateGroups'));
  checkCsv(ctx, node, 'candidate users', str(assignment, 'candidateUsers'));

  const schedule = extension(node.el, 'zeebe:TaskSchedule');
  checkDate(ctx, node, 'due date', str(schedule, 'dueDate'));
  checkDate(ctx, node, 'follow-up date', str(schedule, 'followUpDate'));

  const form = extension(node.el, 'zeebe:FormDefinition');
  if (form) validateForm(ctx, node, form, camundaUserTask);

  const priority = extension(node.el, 'zeebe:PriorityDefinition');
  if (priority) {
    const value = str(priority, 'priority');
    if (checkValue(ctx, node.id, 'priority', value, { mandatory: true }) && !isFeel(value)) {
      const number = Number(value);
      if (!/^\s*-?\d+\s*$/.test(value ?? '') || number < 0 || number > 100) {
        ctx.problems.add(node.id, `the priority must be a number between 0 and 100, but is '${value ?? ''}'`);
      }
    }
  }
}

function checkCsv(ctx: ValidationContext, node: FlowNode, what: string, raw: string | undefined): void {
  if (!checkValue(ctx, node.id, what, raw) || raw === undefined || isBlank(raw) || isFeel(raw)) return;
  if (parseCsvList(raw) === undefined) {
    ctx.problems.add(node.id, `the ${what} must be an expression or a comma-separated list such as 'a,b,c', but is '${raw}'`);
  }
}

function checkDate(ctx: ValidationContext, node: FlowNode, what: string, raw: string | undefined): void {
  if (!checkValue(ctx, node.id, what, raw) || raw === undefined || isBlank(raw) || isFeel(raw)) return;
  const parsed = parseTimeDate(raw);
  if (!parsed.ok) ctx.problems.add(node.id, `the ${what} must be an expression or a date-time: ${parsed.error}`);
}

function validateForm(ctx: ValidationContext, node: FlowNode, form: MElement, camundaUserTask: boolean): void {
  const formKey = str(form, 'formKey');
  const formId = str(form, 'formId');
  const externalReference = str(form, 'externalReference');
  // moddle reports the schema default 'latest'; only an explicit attribute counts here
  const bindingType = ownStr(form, 'bindingType');

  if (camundaUserTask) {
    if (isBlank(formId) === isBlank(externalReference)) {
      ctx.problems.add(node.id, 'the form of a Camunda user task needs exactly one of formId and externalReference');
    }
    if (!isBlank(externalReference) && bindingType !== undefined) {
      ctx.problems.add(node.id, 'a form binding type cannot be combined with an external form reference');
    }
    checkValue(ctx, node.id, 'external form reference', externalReference);
  } else {
    if (isBlank(formId) === isBlank(formKey)) {
      ctx.problems.add(node.id, 'the form of a job-worker user task needs exactly one of formId and formKey');
    }
    if (!isBlank(formKey) && bindingType !== undefined) {
      ctx.problems.add(node.id, 'a form binding type cannot be combined with a formKey');
    }
  }
  if (bindingType !== undefined && !BINDING_TYPES.includes(bindingType)) {
    ctx.problems.add(node.id, `the form binding type must be one of: ${BINDING_TYPES.join(', ')}`);
  }
  validateVersionTagBinding(ctx, node.id, 'form', bindingType, str(form, 'versionTag'));
}

/** `versionTag` is required with binding type `versionTag` and not allowed otherwise */
export function validateVersionTagBinding(
  ctx: ValidationContext,
  elementId: string,
  what: string,
  bindingType: string | undefined,
  versionTag: string | undefined,
): void {
  if (bindingType === 'versionTag' && isBlank(versionTag)) {
    ctx.problems.add(elementId, `the ${what} binding type 'versionTag' needs a versionTag`);
  } else if (bindingType !== 'versionTag' && !isBlank(versionTag)) {
    ctx.problems.add(elementId, `a ${what} versionTag can only be used with the binding type 'versionTag'`);
  }
}
