// Maps the Zeebe extension elements of a validated flow node: job, headers, user task, script,
// called element, multi-instance and variable mappings.

import { feelSource, isBlank, isFeel, mappingSourceToFeel, parseCsvList, toExpr } from './expressions.js';
import { bool, extension, list, ownStr, ref, str, type MElement } from './moddle-access.js';
import type { FlowNode } from './process-tree.js';
import type {
  CalledElementDefinition,
  Expr,
  JobDefinition,
  Mapping,
  MultiInstanceDefinition,
  ScriptDefinition,
  UserTaskDefinition,
} from './types.js';
import { isMessageThrowEvent } from './validate-jobs.js';

/** job type and custom header names Zeebe uses for job-worker user tasks */
export const USER_TASK_JOB_TYPE = 'io.camunda.zeebe:userTask';
export const USER_TASK_HEADERS = {
  assignee: 'io.camunda.zeebe:assignee',
  candidateGroups: 'io.camunda.zeebe:candidateGroups',
  candidateUsers: 'io.camunda.zeebe:candidateUsers',
  dueDate: 'io.camunda.zeebe:dueDate',
  followUpDate: 'io.camunda.zeebe:followUpDate',
  formKey: 'io.camunda.zeebe:formKey',
} as const;

const DEFAULT_RETRIES = '3';
/** Zeebe creates job-worker user task jobs with a single retry */
const USER_TASK_RETRIES = '1';

export function buildJob(node: FlowNode): JobDefinition | undefined {
  if (node.type === 'userTask') {
    return isCamundaUserTask(node.el)
      ? undefined
      : { type: { kind: 'static', value: USER_TASK_JOB_TYPE }, retries: { kind: 'static', value: USER_TASK_RETRIES } };
  }
  const isJobType =
    node.type === 'serviceTask' ||
    node.type === 'sendTask' ||
    node.type === 'businessRuleTask' ||
    (node.type === 'scriptTask' && !extension(node.el, 'zeebe:Script')) ||
    isMessageThrowEvent(node);
  const taskDefinition = extension(node.el, 'zeebe:TaskDefinition');
  if (!isJobType || !taskDefinition) return undefined;
  const retries = str(taskDefinition, 'retries');
  return {
    type: toExpr(str(taskDefinition, 'type') ?? ''),
    retries: toExpr(isBlank(retries) ? DEFAULT_RETRIES : retries!),
  };
}

export function isCamundaUserTask(el: MElement): boolean {
  return extension(el, 'zeebe:UserTask') !== undefined;
}

/** `zeebe:taskHeaders` in document order (headers without key or value are skipped, as Zeebe does); job-worker user tasks add their static properties */
export function buildTaskHeaders(node: FlowNode, userTask: UserTaskDefinition | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const header of list(extension(node.el, 'zeebe:TaskHeaders'), 'values')) {
    const key = str(header, 'key');
    const value = str(header, 'value');
    if (!isBlank(key) && value !== undefined && value !== '') headers[key!] = value;
  }
  if (userTask && !userTask.camundaUserTask) {
    const put = (name: string, value: string | undefined): void => {
      if (value !== undefined && value !== '') headers[name] = value;
    };
    put(USER_TASK_HEADERS.assignee, staticValue(userTask.assignee));
    put(USER_TASK_HEADERS.candidateGroups, csvAsJson(staticValue(userTask.candidateGroups)));
    put(USER_TASK_HEADERS.candidateUsers, csvAsJson(staticValue(userTask.candidateUsers)));
    put(USER_TASK_HEADERS.dueDate, staticValue(userTask.dueDate));
    put(USER_TASK_HEADERS.followUpDate, staticValue(userTask.followUpDate));
    put(USER_TASK_HEADERS.formKey, userTask.formKey);
  }
  return headers;
}

function staticValue(expr: Expr | undefined): string | undefined {
  return expr?.kind === 'static' ? expr.value : undefined;
}

/** Zeebe passes candidate lists to job workers as JSON arrays: `a, b` -> `["a","b"]` */
function csvAsJson(csv: string | undefined): string | undefined {
  if (csv === undefined) return undefined;
  const values = parseCsvList(csv);
  return values && values.length > 0 ? JSON.stringify(values) : undefined;
}

export function buildUserTask(node: FlowNode): UserTaskDefinition | undefined {
  if (node.type !== 'userTask') return undefined;
  const assignment = extension(node.el, 'zeebe:AssignmentDefinition');
  const schedule = extension(node.el, 'zeebe:TaskSchedule');
  const form = extension(node.el, 'zeebe:FormDefinition');
  const priority = extension(node.el, 'zeebe:PriorityDefinition');
  const camundaUserTask = isCamundaUserTask(node.el);

  const userTask: UserTaskDefinition = { camundaUserTask };
  const setExpr = (key: 'assignee' | 'candidateGroups' | 'candidateUsers' | 'dueDate' | 'followUpDate' | 'priority', raw: string | undefined): void => {
    if (!isBlank(raw)) userTask[key] = toExpr(raw!.trim());
  };
  setExpr('assignee', str(assignment, 'assignee'));
  setExpr('candidateGroups', str(assignment, 'candidateGroups'));
  setExpr('candidateUsers', str(assignment, 'candidateUsers'));
  setExpr('dueDate', str(schedule, 'dueDate'));
  setExpr('followUpDate', str(schedule, 'followUpDate'));
  if (camundaUserTask) setExpr('priority', str(priority, 'priority'));

  const formKey = str(form, 'formKey');
  const formId = str(form, 'formId');
  const externalReference = str(form, 'externalReference');
  if (!isBlank(formKey)) userTask.formKey = formKey;
  if (!isBlank(formId)) userTask.formId = formId;
  if (!isBlank(externalReference)) {
    if (isFeel(externalReference)) userTask.externalFormReferenceExpression = feelSource(externalReference);
    else userTask.externalFormReference = externalReference;
  }
  const bindingType = ownStr(form, 'bindingType');
  if (form && !isBlank(formId)) {
    userTask.formBindingType = (bindingType ?? 'latest') as UserTaskDefinition['formBindingType'];
    const versionTag = str(form, 'versionTag');
    if (!isBlank(versionTag)) userTask.formVersionTag = versionTag;
  }
  return userTask;
}

export function buildScript(node: FlowNode): ScriptDefinition | undefined {
  const script = node.type === 'scriptTask' ? extension(node.el, 'zeebe:Script') : undefined;
  if (!script) return undefined;
  return { expression: feelSource(str(script, 'expression')) ?? '', resultVariable: str(script, 'resultVariable') ?? '' };
}

export function buildCallActivity(node: FlowNode): CalledElementDefinition | undefined {
  const called = node.type === 'callActivity' ? extension(node.el, 'zeebe:CalledElement') : undefined;
  if (!called) return undefined;
  const bindingType = (ownStr(called, 'bindingType') ?? 'latest') as CalledElementDefinition['bindingType'];
  const versionTag = str(called, 'versionTag');
  return {
    processId: toExpr(str(called, 'processId') ?? ''),
    propagateAllChildVariables: bool(called, 'propagateAllChildVariables') ?? true,
    propagateAllParentVariables: bool(called, 'propagateAllParentVariables') ?? true,
    bindingType,
    ...(!isBlank(versionTag) && { versionTag }),
  };
}

export function buildMultiInstance(node: FlowNode): MultiInstanceDefinition | undefined {
  const loop = ref(node.el, 'loopCharacteristics');
  if (!loop || loop.$type !== 'bpmn:MultiInstanceLoopCharacteristics') return undefined;
  const zeebe = extension(loop, 'zeebe:LoopCharacteristics');
  const optional = (raw: string | undefined): string | undefined => (isBlank(raw) ? undefined : raw);
  const inputElement = optional(str(zeebe, 'inputElement'));
  const outputCollection = optional(str(zeebe, 'outputCollection'));
  const outputElement = feelSource(optional(str(zeebe, 'outputElement')));
  const completionText = str(ref(loop, 'completionCondition'), 'body');
  const completionCondition = feelSource(optional(completionText));
  return {
    sequential: bool(loop, 'isSequential') ?? false,
    inputCollection: feelSource(str(zeebe, 'inputCollection')) ?? '',
    ...(inputElement !== undefined && { inputElement }),
    ...(outputCollection !== undefined && { outputCollection }),
    ...(outputElement !== undefined && { outputElement }),
    ...(completionCondition !== undefined && { completionCondition }),
  };
}

export function buildMappings(node: FlowNode): { inputMappings: Mapping[]; outputMappings: Mapping[] } {
  const ioMapping = extension(node.el, 'zeebe:IoMapping');
  const toMapping = (parameter: MElement): Mapping => ({
    source: mappingSourceToFeel(str(parameter, 'source') ?? ''),
    target: str(parameter, 'target') ?? '',
  });
  return {
    inputMappings: list(ioMapping, 'inputParameters').map(toMapping),
    outputMappings: list(ioMapping, 'outputParameters').map(toMapping),
  };
}
