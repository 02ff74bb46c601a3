// Which behaviour runs an element instance.

import type { ElementModel } from '../../model/types.js';
import type { ElementInstanceRow } from '../../state/rows.js';
import { MULTI_INSTANCE_BODY } from '../element-types.js';
import type { Behaviour } from './behaviour.js';
import { callActivity } from './call-activity.js';
import { waitForEvent } from './catch-events.js';
import { escalationThrowEvent, linkThrowEvent, signalThrowEvent } from './throw-events.js';
import { boundaryEvent, errorEndEvent, notYetSupported, terminateEndEvent } from './events.js';
import { exclusiveGateway, inclusiveGateway, parallelGateway } from './gateways.js';
import { jobTask } from './job-task.js';
import { multiInstanceBody } from './multi-instance.js';
import { passThrough } from './pass-through.js';
import { scope } from './scopes.js';
import { scriptTask } from './script-task.js';
import { userTask } from './user-task.js';

function eventBehaviour(element: ElementModel): Behaviour {
  const kind = element.eventDefinition?.kind ?? 'none';
  switch (element.type) {
    case 'startEvent':
      return passThrough;
    case 'endEvent':
      if (kind === 'none') return passThrough;
      if (kind === 'terminate') return terminateEndEvent;
      if (kind === 'error') return errorEndEvent;
      if (kind === 'message') return jobTask;
      if (kind === 'escalation') return escalationThrowEvent;
      if (kind === 'signal') return signalThrowEvent;
      return notYetSupported;
    case 'intermediateThrowEvent':
      if (kind === 'none') return passThrough;
      if (kind === 'message') return jobTask;
      if (kind === 'escalation') return escalationThrowEvent;
      if (kind === 'signal') return signalThrowEvent;
      if (kind === 'link') return linkThrowEvent;
      return notYetSupported;
    case 'intermediateCatchEvent':
      return waitForEvent;
    case 'boundaryEvent':
      return boundaryEvent;
    default:
      return notYetSupported;
  }
}

export function behaviourOf(element: ElementModel, row: ElementInstanceRow): Behaviour {
  if (row.element_type === MULTI_INSTANCE_BODY) return multiInstanceBody;
  switch (element.type) {
    case 'process':
    case 'subProcess':
      return scope;
    case 'serviceTask':
    case 'sendTask':
    case 'businessRuleTask':
      return jobTask;
    case 'scriptTask':
      return scriptTask;
    case 'userTask':
      return userTask;
    case 'manualTask':
    case 'task':
      return passThrough;
    case 'exclusiveGateway':
      return exclusiveGateway;
    case 'inclusiveGateway':
      return inclusiveGateway;
    case 'parallelGateway':
      return parallelGateway;
    case 'callActivity':
      return callActivity;
    case 'receiveTask':
    case 'eventBasedGateway':
      return waitForEvent;
    case 'startEvent':
    case 'endEvent':
    case 'intermediateThrowEvent':
    case 'intermediateCatchEvent':
    case 'boundaryEvent':
      return eventBehaviour(element);
    default:
      return notYetSupported;
  }
}
