// Rules shared by flow nodes: variable mappings, multi-instance, call activities, extension
// elements that may appear once only, and Zeebe features this engine does not execute.

import { isBlank, targetPathProblem } from './expressions.js';
import { allExtensions, bool, extension, extensions, list, localTypeName, ownStr, ref, str, type MElement } from './moddle-access.js';
import { isActivityType, type FlowNode } from './process-tree.js';
import { checkValue, type ValidationContext } from './validation-context.js';
import { BINDING_TYPES, validateVersionTagBinding } from './validate-user-tasks.js';

/** extension elements that configure one thing and so may appear at most once */
const SINGLE_EXTENSIONS = [
  'zeebe:VersionTag',
  'zeebe:IoMapping',
  'zeebe:TaskDefinition',
  'zeebe:TaskHeaders',
  'zeebe:Script',
  'zeebe:CalledElement',
  'zeebe:CalledDecision',
  'zeebe:UserTask',
  'zeebe:AssignmentDefinition',
  'zeebe:FormDefinition',
  'zeebe:TaskSchedule',
  'zeebe:PriorityDefinition',
  'zeebe:LoopCharacteristics',
  'zeebe:Subscription',
];

/** Zeebe features that are valid BPMN but not executed by this engine */
const UNSUPPORTED_EXTENSIONS: Readonly<Record<string, string>> = {
  'zeebe:ExecutionListeners': 'execution listeners (zeebe:executionListeners) are not supported yet',
  'zeebe:TaskListeners': 'task listeners (zeebe:taskListeners) are not supported yet',
  'zeebe:LinkedResources': 'linked resources (zeebe:linkedResources) are not supported',
  'zeebe:JobPriorityDefinition': 'job priorities (zeebe:jobPriorityDefinition) are not supported',
  'zeebe:AdHoc': 'ad-hoc subprocesses (zeebe:adHoc) are not supported yet',
  'zeebe:AgentDefinition': 'AI agents (zeebe:agentDefinition) are not supported',
};

export function validateActivities(ctx: ValidationContext): void {
  validateExtensionElements(ctx, ctx.tree.processId, ctx.tree.process);
  for (const node of ctx.tree.nodes) {
    validateExtensionElements(ctx, node.id, node.el);
    validateMappings(ctx, node);
    if (isActivityType(node.type)) validateLoop(ctx, node);
    if (bool(node.el, 'isForCompensation')) {
      ctx.problems.add(node.id, 'compensation handlers (isForCompensation) are not supported');
    }
    if (node.type === 'callActivity') validateCallActivity(ctx, node);
    if (node.type === 'startEvent') validateStartEventForm(ctx, node);
  }
}

function validateExtensionElements(ctx: ValidationContext, elementId: string, el: MElement): void {
  const counts = new Map<string, number>();
  for (const ext of allExtensions(el)) {
    counts.set(ext.$type, (counts.get(ext.$type) ?? 0) + 1);
    const unsupported = UNSUPPORTED_EXTENSIONS[ext.$type];
    if (unsupported) ctx.problems.add(elementId, unsupported);
  }
  for (const type of SINGLE_EXTENSIONS) {
    if ((counts.get(type) ?? 0) > 1) {
      ctx.problems.add(elementId, `there can be only one zeebe:${localTypeName(type)} extension element`);
    }
  }
}

function validateMappings(ctx: ValidationContext, node: FlowNode): void {
  for (const ioMapping of extensions(node.el, 'zeebe:IoMapping')) {
    for (const input of list(ioMapping, 'inputParameters')) {
      const target = str(input, 'target');
      checkValue(ctx, node.id, 'input mapping source', str(input, 'source'), { mandatory: true, of: `for target '${target ?? ''}'` });
      const targetProblem = targetPathProblem(target);
      if (targetProblem) ctx.problems.add(node.id, `input mapping: ${targetProblem}`);
    }
    for (const output of list(ioMapping, 'outputParameters')) {
      const target = str(output, 'target');
      checkValue(ctx, node.id, 'output mapping source', str(output, 'source'), {
        mandatory: true,
        expressionOnly: true,
        of: `for target '${target ?? ''}'`,
      });
      const targetProblem = targetPathProblem(target);
      if (targetProblem) ctx.problems.add(node.id, `output mapping: ${targetProblem}`);
    }
  }
}

function validateLoop(ctx: ValidationContext, node: FlowNode): void {
  const loop = ref(node.el, 'loopCharacteristics');
  if (!loop) return;
  if (loop.$type !== 'bpmn:MultiInstanceLoopCharacteristics') {
    ctx.problems.add(node.id, 'standard loops are not supported; use multi-instance');
    return;
  }
  const characteristics = extensions(loop, 'zeebe:LoopCharacteristics');
  if (characteristics.length !== 1) {
    ctx.problems.add(node.id, 'a multi-instance activity must have exactly one zeebe:loopCharacteristics');
  }
  const zeebe = characteristics[0];
  if (zeebe) {
    checkValue(ctx, node.id, 'multi-instance input collection', str(zeebe, 'inputCollection'), {
      mandatory: true,
      expressionOnly: true,
    });
    const outputElement = str(zeebe, 'outputElement');
    const outputCollection = str(zeebe, 'outputCollection');
    checkValue(ctx, node.id, 'multi-instance output element', outputElement, { expressionOnly: true });
    if (isBlank(outputCollection) !== isBlank(outputElement)) {
      ctx.problems.add(node.id, 'multi-instance outputCollection and outputElement must be set together');
    }
  }
  const completion = ref(loop, 'completionCondition');
  if (completion) {
    const text = (str(completion, 'body') ?? '').trim();
    checkValue(ctx, node.id, 'completion condition', text, { mandatory: true, expressionOnly: true });
  }
}

function validateCallActivity(ctx: ValidationContext, node: FlowNode): void {
  const calledElements = extensions(node.el, 'zeebe:CalledElement');
  if (calledElements.length === 0) {
    ctx.problems.add(node.id, 'a call activity must have a zeebe:calledElement with a processId');
    return;
  }
  const called = calledElements[0]!;
  checkValue(ctx, node.id, 'called process id', str(called, 'processId'), { mandatory: true });
  const bindingType = ownStr(called, 'bindingType');
  if (bindingType !== undefined && !BINDING_TYPES.includes(bindingType)) {
    ctx.problems.add(node.id, `the call activity binding type must be one of: ${BINDING_TYPES.join(', ')}`);
  }
  validateVersionTagBinding(ctx, node.id, 'call activity', bindingType, str(called, 'versionTag'));
}

/** Zeebe rejects start event forms with public access */
function validateStartEventForm(ctx: ValidationContext, node: FlowNode): void {
  const properties = list(extension(node.el, 'zeebe:Properties'), 'properties');
  const publicAccess = properties.some(
    (property) => str(property, 'name') === 'publicAccess' && str(property, 'value')?.trim().toLowerCase() === 'true',
  );
  if (publicAccess) ctx.problems.add(node.id, 'start event forms with public access are not supported');
}
