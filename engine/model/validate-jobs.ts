// Rules for elements that a job worker completes: service, send, business rule and script tasks,
// message throw events; their `zeebe:taskDefinition` and `zeebe:taskHeaders`.

import { eventDefinitions, extension, extensions, list, str, type MElement } from './moddle-access.js';
import type { FlowNode } from './process-tree.js';
import { checkValue, type ValidationContext } from './validation-context.js';

const RESERVED_HEADER_PREFIX = 'io.camunda.zeebe:';

/** true for intermediate throw and end events with a message event definition */
export function isMessageThrowEvent(node: FlowNode): boolean {
  return (
    (node.type === 'intermediateThrowEvent' || node.type === 'endEvent') &&
    eventDefinitions(node.el).some((definition) => definition.$type === 'bpmn:MessageEventDefinition')
  );
}

export function validateJobs(ctx: ValidationContext): void {
  for (const node of ctx.tree.nodes) {
    const taskDefinitions = extensions(node.el, 'zeebe:TaskDefinition');
    switch (node.type) {
      case 'serviceTask':
      case 'sendTask':
        requireTaskDefinition(ctx, node, taskDefinitions);
        break;
      case 'businessRuleTask':
        validateBusinessRuleTask(ctx, node, taskDefinitions);
        break;
      case 'scriptTask':
        validateScriptTask(ctx, node, taskDefinitions);
        break;
      case 'intermediateThrowEvent':
      case 'endEvent':
        if (isMessageThrowEvent(node)) requireTaskDefinition(ctx, node, taskDefinitions);
        break;
      default:
        break;
    }
    for (const taskDefinition of taskDefinitions) validateTaskDefinition(ctx, node, taskDefinition);
    for (const headers of extensions(node.el, 'zeebe:TaskHeaders')) validateHeaders(ctx, node, headers);
  }
}

function requireTaskDefinition(ctx: ValidationContext, node: FlowNode, taskDefinitions: MElement[]): void {
  if (taskDefinitions.length === 0) {
    const what = isMessageThrowEvent(node) ? 'message throw event' : node.type;
    ctx.problems.add(node.id, `a ${what} must have a zeebe:taskDefinition with a job type`);
  }
}

function validateTaskDefinition(ctx: ValidationContext, node: FlowNode, taskDefinition: MElement): void {
  checkValue(ctx, node.id, 'job type', str(taskDefinition, 'type'), { mandatory: true });
  const retries = str(taskDefinition, 'retries');
  if (retries !== undefined) checkValue(ctx, node.id, 'job retries', retries, { mandatory: true });
}

function validateBusinessRuleTask(ctx: ValidationContext, node: FlowNode, taskDefinitions: MElement[]): void {
  const calledDecision = extension(node.el, 'zeebe:CalledDecision');
  if (calledDecision && taskDefinitions.length > 0) {
    ctx.problems.add(node.id, 'a businessRuleTask must have either a zeebe:calledDecision or a zeebe:taskDefinition, not both');
  } else if (calledDecision) {
    ctx.problems.add(node.id, 'business rule tasks calling a DMN decision (zeebe:calledDecision) are not supported yet');
  } else {
    requireTaskDefinition(ctx, node, taskDefinitions);
  }
}

function validateScriptTask(ctx: ValidationContext, node: FlowNode, taskDefinitions: MElement[]): void {
  const scripts = extensions(node.el, 'zeebe:Script');
  if (scripts.length > 0 && taskDefinitions.length > 0) {
    ctx.problems.add(node.id, 'a scriptTask must have either a zeebe:script or a zeebe:taskDefinition, not both');
    return;
  }
  if (scripts.length === 0 && taskDefinitions.length === 0) {
    ctx.problems.add(node.id, 'a scriptTask must have a zeebe:script expression or a zeebe:taskDefinition with a job type');
    return;
  }
  for (const script of scripts) {
    checkValue(ctx, node.id, 'script expression', str(script, 'expression'), { mandatory: true, expressionOnly: true });
    checkValue(ctx, node.id, 'script result variable', str(script, 'resultVariable'), { mandatory: true });
  }
}

function validateHeaders(ctx: ValidationContext, node: FlowNode, headers: MElement): void {
  const seen = new Set<string>();
  const reported = new Set<string>();
  for (const header of list(headers, 'values')) {
    const key = str(header, 'key');
    if (key === undefined) continue;
    if (key.startsWith(RESERVED_HEADER_PREFIX)) {
      ctx.problems.add(node.id, `the task header key '${key}' is reserved (keys starting with '${RESERVED_HEADER_PREFIX}' are for internal use)`);
    }
    if (seen.has(key) && !reported.has(key)) {
      ctx.problems.add(node.id, `the task header key '${key}' is used more than once`);
      reported.add(key);
    }
    seen.add(key);
  }
}
