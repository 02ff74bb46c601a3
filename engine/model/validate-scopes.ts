// Rules across several events of one scope: the events that can be triggered together (boundary
// events of an activity, event subprocesses of a scope, start events of a process, the events
// after an event-based gateway) must be distinguishable; link throw events need a catch.

import { isBlank, isFeel } from './expressions.js';
import { bool, eventDefinitions, idOf, ref, refId, str, type MElement } from './moddle-access.js';
import type { FlowNode } from './process-tree.js';
import type { ValidationContext } from './validation-context.js';
import { kindOf } from './validate-events.js';

interface Trigger {
  /** the element that owns the event definition */
  node: FlowNode;
  definition: MElement;
}

export function validateScopes(ctx: ValidationContext): void {
  const { tree } = ctx;

  // boundary events of one activity
  const byActivity = new Map<string, Trigger[]>();
  for (const node of tree.nodes) {
    if (node.type !== 'boundaryEvent') continue;
    const activityId = refId(node.el, 'attachedToRef');
    if (!activityId) continue;
    const triggers = byActivity.get(activityId) ?? [];
    triggers.push(...triggersOf(node));
    byActivity.set(activityId, triggers);
  }
  for (const [activityId, triggers] of byActivity) checkDistinct(ctx, activityId, triggers, true);

  // event subprocesses of one scope
  for (const scope of tree.scopes) {
    const scopeId = idOf(scope) ?? '';
    const triggers = tree.nodes
      .filter((node) => node.type === 'startEvent' && bool(node.scope, 'triggeredByEvent'))
      .filter((node) => tree.nodesById.get(idOf(node.scope) ?? '')?.scopeId === scopeId)
      .flatMap(triggersOf);
    checkDistinct(ctx, scopeId, triggers, true);
  }

  validateProcessStartEvents(ctx);
  for (const node of tree.nodes) {
    if (node.type === 'eventBasedGateway') validateGatewayTargets(ctx, node);
    if (node.type === 'receiveTask') validateReceiveTask(ctx, node);
  }
  validateLinks(ctx);
}

function triggersOf(node: FlowNode): Trigger[] {
  return eventDefinitions(node.el).map((definition) => ({ node, definition }));
}

function messageName(definition: MElement): string | undefined {
  const name = str(ref(definition, 'messageRef'), 'name');
  return isBlank(name) ? undefined : name;
}

function signalName(definition: MElement): string | undefined {
  const name = str(ref(definition, 'signalRef'), 'name');
  return isBlank(name) ? undefined : name;
}

function duplicates(values: (string | undefined)[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const value of values) {
    if (value === undefined) continue;
    if (seen.has(value)) repeated.add(value);
    seen.add(value);
  }
  return [...repeated];
}

/** message and signal names must differ; error and escalation codes must differ, with at most one catch-all each */
function checkDistinct(ctx: ValidationContext, elementId: string, triggers: Trigger[], withCodes: boolean): void {
  const ofKind = (kind: string): MElement[] => triggers.filter((t) => kindOf(t.definition) === kind).map((t) => t.definition);

  for (const name of duplicates(ofKind('message').map(messageName))) {
    ctx.problems.add(elementId, `more than one event waits for the message name '${name}'`);
  }
  for (const name of duplicates(ofKind('signal').map(signalName))) {
    ctx.problems.add(elementId, `more than one event waits for the signal name '${name}'`);
  }
  if (!withCodes) return;
  for (const [kind, refProperty, codeProperty] of [
    ['error', 'errorRef', 'errorCode'],
    ['escalation', 'escalationRef', 'escalationCode'],
  ] as const) {
    const codes = ofKind(kind).map((definition) => str(ref(definition, refProperty), codeProperty));
    const catchAll = codes.filter((code) => isBlank(code)).length;
    if (catchAll > 1) {
      ctx.problems.add(elementId, `more than one ${kind} catch event without ${kind} code (each one catches all ${kind}s)`);
    }
    for (const code of duplicates(codes.filter((code) => !isBlank(code) && !isFeel(code)))) {
      ctx.problems.add(elementId, `more than one ${kind} catch event with the ${kind} code '${code}'`);
    }
  }
}

function validateProcessStartEvents(ctx: ValidationContext): void {
  const starts = ctx.tree.nodes.filter((node) => node.type === 'startEvent' && node.scope === ctx.tree.process);
  const triggers = starts.flatMap(triggersOf);

  const byMessage = new Map<MElement, number>();
  const distinctMessages: Trigger[] = [];
  for (const trigger of triggers) {
    const message = kindOf(trigger.definition) === 'message' ? ref(trigger.definition, 'messageRef') : undefined;
    if (!message) {
      distinctMessages.push(trigger);
      continue;
    }
    const count = (byMessage.get(message) ?? 0) + 1;
    byMessage.set(message, count);
    if (count === 1) distinctMessages.push(trigger);
    if (count === 2) {
      ctx.problems.add(ctx.tree.processId, `the message '${idOf(message) ?? ''}' is referenced by more than one start event`);
    }
  }
  checkDistinct(ctx, ctx.tree.processId, distinctMessages, false);
}

function validateGatewayTargets(ctx: ValidationContext, gateway: FlowNode): void {
  const triggers = (ctx.tree.outgoing.get(gateway.id) ?? [])
    .map((flow) => ctx.tree.nodesById.get(idOf(flow.target) ?? ''))
    .filter((node): node is FlowNode => node?.type === 'intermediateCatchEvent')
    .flatMap(triggersOf);
  checkDistinct(ctx, gateway.id, triggers, false);
}

function validateReceiveTask(ctx: ValidationContext, task: FlowNode): void {
  const name = str(ref(task.el, 'messageRef'), 'name');
  if (isBlank(name)) return;
  const clash = ctx.tree.nodes.some(
    (node) =>
      node.type === 'boundaryEvent' &&
      ref(node.el, 'attachedToRef') === task.el &&
      eventDefinitions(node.el).some((definition) => kindOf(definition) === 'message' && messageName(definition) === name),
  );
  if (clash) ctx.problems.add(task.id, `a boundary event of the receive task waits for the same message name '${name ?? ''}'`);
}

function linkName(node: FlowNode): string | undefined {
  const definition = eventDefinitions(node.el).find((d) => kindOf(d) === 'link');
  const name = str(definition, 'name');
  return definition && !isBlank(name) ? name : undefined;
}

/** link catch names are unique in the process; a link throw needs a catch with its name in the same scope */
function validateLinks(ctx: ValidationContext): void {
  const catches = ctx.tree.nodes.filter((node) => node.type === 'intermediateCatchEvent' && linkName(node) !== undefined);
  const seen = new Set<string>();
  for (const node of catches) {
    const name = linkName(node)!;
    if (seen.has(name)) ctx.problems.add(node.id, `more than one link catch event has the link name '${name}'`);
    seen.add(name);
  }
  for (const node of ctx.tree.nodes) {
    if (node.type !== 'intermediateThrowEvent') continue;
    const name = linkName(node);
    if (name === undefined) continue;
    if (!catches.some((c) => c.scopeId === node.scopeId && linkName(c) === name)) {
      ctx.problems.add(node.id, `there is no link catch event named '${name}' in the same scope`);
    }
  }
}
