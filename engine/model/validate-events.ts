// Event rules: which event definitions each kind of event may have, and what each definition needs
// (a message with a name and a correlation key, a valid timer, an error code, ...).

import { isBlank, isFeel } from './expressions.js';
import { bool, body, eventDefinitions, extensions, idOf, ref, str, type MElement } from './moddle-access.js';
import { isActivityType, type FlowNode } from './process-tree.js';
import { parseIsoDuration, parseTimeCycle, parseTimeDate } from './timer-syntax.js';
import { checkValue, reference, type ValidationContext } from './validation-context.js';

export type DefinitionKind =
  | 'message'
  | 'timer'
  | 'error'
  | 'escalation'
  | 'signal'
  | 'link'
  | 'terminate'
  | 'compensation'
  | 'conditional'
  | 'cancel'
  | 'other';

const KINDS: Readonly<Record<string, DefinitionKind>> = {
  'bpmn:MessageEventDefinition': 'message',
  'bpmn:TimerEventDefinition': 'timer',
  'bpmn:ErrorEventDefinition': 'error',
  'bpmn:EscalationEventDefinition': 'escalation',
  'bpmn:SignalEventDefinition': 'signal',
  'bpmn:LinkEventDefinition': 'link',
  'bpmn:TerminateEventDefinition': 'terminate',
  'bpmn:CompensateEventDefinition': 'compensation',
  'bpmn:ConditionalEventDefinition': 'conditional',
  'bpmn:CancelEventDefinition': 'cancel',
};

export function kindOf(definition: MElement): DefinitionKind {
  return KINDS[definition.$type] ?? 'other';
}

/** the event definitions this engine does not execute, whatever the position */
const NOT_SUPPORTED: ReadonlySet<DefinitionKind> = new Set(['compensation', 'conditional']);

type Position = 'processStart' | 'eventSubProcessStart' | 'embeddedStart' | 'intermediateCatch' | 'intermediateThrow' | 'end' | 'boundary';

const ALLOWED: Readonly<Record<Position, readonly DefinitionKind[]>> = {
  processStart: ['message', 'timer', 'signal'],
  eventSubProcessStart: ['message', 'timer', 'error', 'signal', 'escalation'],
  embeddedStart: [],
  intermediateCatch: ['message', 'timer', 'signal', 'link'],
  intermediateThrow: ['message', 'signal', 'escalation', 'link'],
  end: ['error', 'message', 'terminate', 'signal', 'escalation'],
  boundary: ['timer', 'message', 'error', 'signal', 'escalation'],
};

const POSITION_NAMES: Readonly<Record<Position, string>> = {
  processStart: 'a process start event',
  eventSubProcessStart: 'an event subprocess start event',
  embeddedStart: 'an embedded subprocess start event',
  intermediateCatch: 'an intermediate catch event',
  intermediateThrow: 'an intermediate throw event',
  end: 'an end event',
  boundary: 'a boundary event',
};

/** whether a definition of this kind needs exactly one (catch events) or at most one (throw events) */
const EXACTLY_ONE: ReadonlySet<Position> = new Set(['eventSubProcessStart', 'intermediateCatch', 'boundary']);

export function positionOf(node: FlowNode): Position | undefined {
  switch (node.type) {
    case 'startEvent':
      if (node.scope.$type === 'bpmn:Process') return 'processStart';
      return bool(node.scope, 'triggeredByEvent') ? 'eventSubProcessStart' : 'embeddedStart';
    case 'intermediateCatchEvent':
      return 'intermediateCatch';
    case 'intermediateThrowEvent':
      return 'intermediateThrow';
    case 'endEvent':
      return 'end';
    case 'boundaryEvent':
      return 'boundary';
    default:
      return undefined;
  }
}

export function validateEvents(ctx: ValidationContext): void {
  for (const node of ctx.tree.nodes) {
    const position = positionOf(node);
    if (position) validateEvent(ctx, node, position);
    if (node.type === 'boundaryEvent') validateAttachment(ctx, node);
    if (node.type === 'receiveTask') validateMessageReference(ctx, node.id, node.el, 'messageRef', true);
  }
}

function validateAttachment(ctx: ValidationContext, node: FlowNode): void {
  const { target, missing } = reference(ctx, node.el, 'attachedToRef');
  if (!target) {
    if (missing) ctx.problems.add(node.id, 'a boundary event must be attached to an activity (attachedToRef)');
    return;
  }
  const activity = ctx.tree.nodesById.get(idOf(target) ?? '');
  if (!activity || !isActivityType(activity.type)) {
    ctx.problems.add(node.id, `a boundary event must be attached to an activity, but '${idOf(target) ?? ''}' is not one`);
  } else if (activity.scopeId !== node.scopeId) {
    ctx.problems.add(node.id, `a boundary event must be in the same scope as its activity '${activity.id}'`);
  }
}

function validateEvent(ctx: ValidationContext, node: FlowNode, position: Position): void {
  const definitions = eventDefinitions(node.el);
  const allowed = ALLOWED[position];
  if (EXACTLY_ONE.has(position) && definitions.length !== 1) {
    ctx.problems.add(node.id, `${POSITION_NAMES[position]} must have exactly one event definition`);
  } else if (!EXACTLY_ONE.has(position) && definitions.length > 1) {
    ctx.problems.add(node.id, `${POSITION_NAMES[position]} can have at most one event definition`);
  }

  for (const definition of definitions) {
    const kind = kindOf(definition);
    if (NOT_SUPPORTED.has(kind)) {
      ctx.problems.add(node.id, `${kind} events are not supported`);
      continue;
    }
    if (!allowed.includes(kind)) {
      const expected = position === 'embeddedStart' ? 'a none start event' : `one of: ${noneFirst(position)}${allowed.join(', ')}`;
      ctx.problems.add(node.id, `${POSITION_NAMES[position]} must be ${expected}`);
      continue;
    }
    validateInterrupting(ctx, node, position, kind, definition);
    validateDefinition(ctx, node, position, kind, definition);
  }
}

function noneFirst(position: Position): string {
  return EXACTLY_ONE.has(position) ? '' : 'none, ';
}

/** non-interrupting events must be message, timer, signal or escalation; interrupting timers cannot repeat */
function validateInterrupting(ctx: ValidationContext, node: FlowNode, position: Position, kind: DefinitionKind, definition: MElement): void {
  let interrupting: boolean;
  if (position === 'boundary') interrupting = bool(node.el, 'cancelActivity') ?? true;
  else if (position === 'eventSubProcessStart') interrupting = bool(node.el, 'isInterrupting') ?? true;
  else return;

  if (!interrupting && !['message', 'timer', 'signal', 'escalation'].includes(kind)) {
    ctx.problems.add(node.id, `a non-interrupting ${kind} event is not allowed`);
  }
  if (interrupting && kind === 'timer' && ref(definition, 'timeCycle')) {
    ctx.problems.add(node.id, 'an interrupting timer event cannot have a time cycle');
  }
}

function validateDefinition(ctx: ValidationContext, node: FlowNode, position: Position, kind: DefinitionKind, definition: MElement): void {
  const isThrow = position === 'intermediateThrow' || position === 'end';
  switch (kind) {
    case 'message':
      // message throw events are job workers (checked with the tasks); catch events subscribe
      if (!isThrow) validateMessageReference(ctx, node.id, definition, 'messageRef', position !== 'processStart');
      return;
    case 'timer':
      validateTimer(ctx, node, position, definition);
      return;
    case 'error':
      validateCode(ctx, node.id, definition, 'errorRef', 'errorCode', 'error', isThrow);
      return;
    case 'escalation':
      validateCode(ctx, node.id, definition, 'escalationRef', 'escalationCode', 'escalation', isThrow);
      if (position === 'boundary') validateEscalationBoundary(ctx, node);
      return;
    case 'signal':
      validateSignal(ctx, node.id, definition);
      return;
    case 'link':
      if (isBlank(str(definition, 'name'))) ctx.problems.add(node.id, 'a link event must have a name');
      return;
    default:
      return;
  }
}

/**
 * A message catch (intermediate, boundary, event subprocess start, receive task) needs a message
 * with a name and a `zeebe:subscription` correlation key expression; a process start event needs
 * a message with a name only.
 */
export function validateMessageReference(
  ctx: ValidationContext,
  elementId: string,
  holder: MElement,
  property: string,
  needsCorrelationKey: boolean,
): void {
  const { target: message, missing } = reference(ctx, holder, property);
  if (!message) {
    if (missing) ctx.problems.add(elementId, `${holder.$type === 'bpmn:ReceiveTask' ? 'a receive task' : 'a message event'} must reference a message (messageRef)`);
    return;
  }
  const messageId = idOf(message) ?? '';
  const of = `of message '${messageId}'`;
  checkValue(ctx, elementId, 'message name', str(message, 'name'), { mandatory: true, of });
  if (!needsCorrelationKey) return;
  const subscriptions = extensions(message, 'zeebe:Subscription');
  if (subscriptions.length !== 1) {
    ctx.problems.add(elementId, `message '${messageId}' must have exactly one zeebe:subscription with a correlation key`);
    return;
  }
  checkValue(ctx, elementId, 'correlation key', str(subscriptions[0], 'correlationKey'), { mandatory: true, expressionOnly: true, of });
}

function validateTimer(ctx: ValidationContext, node: FlowNode, position: Position, definition: MElement): void {
  const values = {
    date: body(definition, 'timeDate'),
    duration: body(definition, 'timeDuration'),
    cycle: body(definition, 'timeCycle'),
  };
  const present = (Object.keys(values) as (keyof typeof values)[]).filter((key) => values[key] !== undefined);
  if (present.length !== 1) {
    ctx.problems.add(node.id, 'a timer must have exactly one of: timeDate, timeDuration, timeCycle');
    return;
  }
  const kind = present[0]!;
  if (position === 'intermediateCatch' && kind === 'cycle') {
    ctx.problems.add(node.id, 'an intermediate timer catch event must have a time duration or a time date');
    return;
  }
  const text = values[kind]!.trim();
  const what = `timer ${kind}`;
  if (!checkValue(ctx, node.id, what, text, { mandatory: true }) || isFeel(text)) return;
  const parsed = kind === 'date' ? parseTimeDate(text) : kind === 'duration' ? parseIsoDuration(text) : parseTimeCycle(text);
  if (!parsed.ok) ctx.problems.add(node.id, `invalid ${what}: ${parsed.error}`);
}

/**
 * Error and escalation codes: a throw event must reference an error/escalation with a code (which
 * may be an expression); a catch event may omit the reference or the code (it then catches all),
 * but a code it gives cannot be an expression.
 */
function validateCode(
  ctx: ValidationContext,
  elementId: string,
  definition: MElement,
  property: 'errorRef' | 'escalationRef',
  codeProperty: 'errorCode' | 'escalationCode',
  kind: 'error' | 'escalation',
  isThrow: boolean,
): void {
  const { target, missing } = reference(ctx, definition, property);
  if (isThrow) {
    if (!target) {
      if (missing) ctx.problems.add(elementId, `an ${kind} throw event must reference an ${kind} (${property})`);
      return;
    }
    checkValue(ctx, elementId, `${kind} code`, str(target, codeProperty), { mandatory: true, of: `of ${kind} '${idOf(target) ?? ''}'` });
    return;
  }
  const code = str(target, codeProperty);
  if (isFeel(code)) {
    ctx.problems.add(elementId, `the ${kind} code of an ${kind} catch event cannot be an expression ('${code ?? ''}')`);
  }
}

function validateEscalationBoundary(ctx: ValidationContext, node: FlowNode): void {
  const attachedTo = ref(node.el, 'attachedToRef');
  if (attachedTo && attachedTo.$type !== 'bpmn:SubProcess' && attachedTo.$type !== 'bpmn:CallActivity') {
    ctx.problems.add(node.id, 'an escalation boundary event can only be attached to a subprocess or a call activity');
  }
}

function validateSignal(ctx: ValidationContext, elementId: string, definition: MElement): void {
  const { target: signal, missing } = reference(ctx, definition, 'signalRef');
  if (!signal) {
    if (missing) ctx.problems.add(elementId, 'a signal event must reference a signal (signalRef)');
    return;
  }
  checkValue(ctx, elementId, 'signal name', str(signal, 'name'), { mandatory: true, of: `of signal '${idOf(signal) ?? ''}'` });
}
