// Structural rules: supported element types, ids, start events of each scope, sequence flows
// and gateways.

import { bool, eventDefinitions, idOf, ref, str, type MElement } from './moddle-access.js';
import type { FlowNode, SequenceFlow } from './process-tree.js';
import { checkValue, reference, type ValidationContext } from './validation-context.js';

const NOT_YET = new Set(['adHocSubProcess']);

export function validateStructure(ctx: ValidationContext): void {
  validateIds(ctx);
  for (const element of ctx.tree.unsupported) {
    const later = NOT_YET.has(element.typeName) ? ' yet' : '';
    ctx.problems.add(element.id, `element type '${element.typeName}' is not supported${later}`);
  }
  for (const scope of ctx.tree.scopes) validateScopeStartEvents(ctx, scope);
  for (const flow of ctx.tree.flows) validateSequenceFlow(ctx, flow);
  for (const node of ctx.tree.nodes) validateNodeFlows(ctx, node);
}

function validateIds(ctx: ValidationContext): void {
  for (const node of ctx.tree.nodes) {
    if (!node.id) ctx.problems.add(undefined, `a ${node.type} in '${node.scopeId}' has no id`);
  }
  for (const flow of ctx.tree.flows) {
    if (!flow.id) ctx.problems.add(undefined, `a sequence flow in '${flow.scopeId}' has no id`);
  }
}

function startEventsOf(ctx: ValidationContext, scope: MElement): FlowNode[] {
  const scopeId = idOf(scope) ?? '';
  return ctx.tree.nodes.filter((node) => node.scopeId === scopeId && node.type === 'startEvent');
}

function validateScopeStartEvents(ctx: ValidationContext, scope: MElement): void {
  const scopeId = idOf(scope) ?? '';
  const starts = startEventsOf(ctx, scope);
  if (scope.$type === 'bpmn:Process') {
    if (starts.length === 0) ctx.problems.add(scopeId, 'a process must have at least one start event');
    const noneStarts = starts.filter((start) => eventDefinitions(start.el).length === 0);
    if (noneStarts.length > 1) ctx.problems.add(scopeId, 'a process can have only one none start event');
    return;
  }
  if (bool(scope, 'triggeredByEvent')) {
    if (starts.length !== 1) ctx.problems.add(scopeId, 'an event subprocess must have exactly one start event');
    return;
  }
  // that this start event is a none start event is checked with the events
  if (starts.length !== 1) ctx.problems.add(scopeId, 'an embedded subprocess must have exactly one start event');
}

function validateSequenceFlow(ctx: ValidationContext, flow: SequenceFlow): void {
  const source = reference(ctx, flow.el, 'sourceRef');
  const target = reference(ctx, flow.el, 'targetRef');
  if (source.missing) ctx.problems.add(flow.id, 'a sequence flow must have a source (sourceRef)');
  if (target.missing) ctx.problems.add(flow.id, 'a sequence flow must have a target (targetRef)');
  for (const [end, el] of [
    ['source', source.target],
    ['target', target.target],
  ] as const) {
    if (!el) continue;
    const node = ctx.tree.nodesById.get(idOf(el) ?? '');
    if (!node) {
      ctx.problems.add(flow.id, `the ${end} '${idOf(el) ?? ''}' of a sequence flow must be a flow node of the process`);
    } else if (node.scopeId !== flow.scopeId) {
      ctx.problems.add(flow.id, `the ${end} '${node.id}' is not in the same scope ('${flow.scopeId}') as the sequence flow`);
    }
  }

  const condition = ref(flow.el, 'conditionExpression');
  if (condition) {
    const text = str(condition, 'body') ?? '';
    checkValue(ctx, flow.id, 'condition expression', text.trim(), { mandatory: true, expressionOnly: true });
  }
}

function validateNodeFlows(ctx: ValidationContext, node: FlowNode): void {
  const outgoing = ctx.tree.outgoing.get(node.id) ?? [];
  const incoming = ctx.tree.incoming.get(node.id) ?? [];

  if (node.type === 'boundaryEvent' && incoming.length > 0) {
    ctx.problems.add(node.id, 'a boundary event cannot have incoming sequence flows');
  }
  if (node.type === 'endEvent' && outgoing.length > 0) {
    ctx.problems.add(node.id, 'an end event cannot have outgoing sequence flows');
  }

  const isConditionalGateway = node.type === 'exclusiveGateway' || node.type === 'inclusiveGateway';
  if (!isConditionalGateway && outgoing.some((flow) => ref(flow.el, 'conditionExpression'))) {
    ctx.problems.add(node.id, 'conditional sequence flows are only supported at exclusive and inclusive gateways');
  }

  const defaultFlow = reference(ctx, node.el, 'default');
  if (defaultFlow.target && !outgoing.some((flow) => flow.el === defaultFlow.target)) {
    ctx.problems.add(node.id, `the default flow '${idOf(defaultFlow.target) ?? ''}' must start at this element`);
  }

  if (isConditionalGateway && outgoing.length > 1) {
    for (const flow of outgoing) {
      if (flow.el !== defaultFlow.target && !ref(flow.el, 'conditionExpression')) {
        ctx.problems.add(flow.id, `a sequence flow leaving ${node.type} '${node.id}' must have a condition or be its default flow`);
      }
    }
  }

  if (node.type === 'eventBasedGateway') validateEventBasedGateway(ctx, node, outgoing);
}

const EVENT_GATEWAY_TARGET_EVENTS = new Set(['bpmn:MessageEventDefinition', 'bpmn:TimerEventDefinition', 'bpmn:SignalEventDefinition']);

function validateEventBasedGateway(ctx: ValidationContext, node: FlowNode, outgoing: SequenceFlow[]): void {
  if (outgoing.length < 2) {
    ctx.problems.add(node.id, 'an event-based gateway must have at least 2 outgoing sequence flows');
  }
  const targets = outgoing.map((flow) => flow.target).filter((target): target is MElement => target !== undefined);
  const validTargets = targets.every((target) => {
    const definitions = eventDefinitions(target);
    return (
      target.$type === 'bpmn:IntermediateCatchEvent' &&
      definitions.length === 1 &&
      EVENT_GATEWAY_TARGET_EVENTS.has(definitions[0]!.$type)
    );
  });
  if (!validTargets) {
    ctx.problems.add(node.id, 'an event-based gateway can only lead to message, timer or signal intermediate catch events');
  }
  const onlyFromGateway = targets.every((target) =>
    (ctx.tree.incoming.get(idOf(target) ?? '') ?? []).every((flow) => flow.source === node.el),
  );
  if (!onlyFromGateway) {
    ctx.problems.add(node.id, 'the events after an event-based gateway cannot have other incoming sequence flows');
  }
}
