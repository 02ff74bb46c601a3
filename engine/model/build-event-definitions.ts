// Maps a validated event (or receive task) to its EventDefinition, resolving the referenced
// bpmn:Message / Error / Escalation / Signal to names and codes.

import { isBlank, toExpr } from './expressions.js';
import { body, eventDefinitions, extension, ref, str, type MElement } from './moddle-access.js';
import type { FlowNode } from './process-tree.js';
import type { EventDefinition, Expr } from './types.js';
import { kindOf } from './validate-events.js';

const EVENT_TYPES = new Set(['startEvent', 'endEvent', 'intermediateThrowEvent', 'intermediateCatchEvent', 'boundaryEvent']);

export function buildEventDefinition(node: FlowNode): EventDefinition | undefined {
  if (node.type === 'receiveTask') return messageDefinition(node.el, 'messageRef');
  if (!EVENT_TYPES.has(node.type)) return undefined;
  const definition = eventDefinitions(node.el)[0];
  if (!definition) return { kind: 'none' };
  switch (kindOf(definition)) {
    case 'terminate':
      return { kind: 'terminate' };
    case 'message':
      return messageDefinition(definition, 'messageRef');
    case 'timer':
      return timerDefinition(definition);
    case 'error': {
      const code = str(ref(definition, 'errorRef'), 'errorCode');
      return isBlank(code) ? { kind: 'error' } : { kind: 'error', errorCode: toExpr(code!) };
    }
    case 'escalation': {
      const code = str(ref(definition, 'escalationRef'), 'escalationCode');
      return isBlank(code) ? { kind: 'escalation' } : { kind: 'escalation', escalationCode: toExpr(code!) };
    }
    case 'signal':
      return { kind: 'signal', signalName: toExpr(str(ref(definition, 'signalRef'), 'name') ?? '') };
    case 'link':
      return { kind: 'link', linkName: str(definition, 'name') ?? '' };
    default:
      return { kind: 'none' };
  }
}

/** a message throw event may have no message (its job worker publishes); its name is then empty */
function messageDefinition(holder: MElement, property: string): EventDefinition {
  const message = ref(holder, property);
  const messageName = toExpr(str(message, 'name') ?? '');
  const correlationKey = str(extension(message, 'zeebe:Subscription'), 'correlationKey');
  return isBlank(correlationKey)
    ? { kind: 'message', messageName }
    : { kind: 'message', messageName, correlationKey: toExpr(correlationKey!) };
}

function timerDefinition(definition: MElement): EventDefinition {
  const expr = (property: string): Expr | undefined => {
    const text = body(definition, property);
    return text === undefined ? undefined : toExpr(text.trim());
  };
  const timeDate = expr('timeDate');
  const timeDuration = expr('timeDuration');
  const timeCycle = expr('timeCycle');
  return {
    kind: 'timer',
    ...(timeDate && { timeDate }),
    ...(timeDuration && { timeDuration }),
    ...(timeCycle && { timeCycle }),
  };
}
