// Zeebe's BpmnElementType names, as records, Operate and the REST API show them.

import type { ElementModel, ElementType } from '../model/types.js';

const NAMES: Record<ElementType, string> = {
  process: 'PROCESS',
  startEvent: 'START_EVENT',
  endEvent: 'END_EVENT',
  intermediateThrowEvent: 'INTERMEDIATE_THROW_EVENT',
  intermediateCatchEvent: 'INTERMEDIATE_CATCH_EVENT',
  boundaryEvent: 'BOUNDARY_EVENT',
  serviceTask: 'SERVICE_TASK',
  sendTask: 'SEND_TASK',
  businessRuleTask: 'BUSINESS_RULE_TASK',
  scriptTask: 'SCRIPT_TASK',
  userTask: 'USER_TASK',
  receiveTask: 'RECEIVE_TASK',
  manualTask: 'MANUAL_TASK',
  task: 'TASK',
  exclusiveGateway: 'EXCLUSIVE_GATEWAY',
  parallelGateway: 'PARALLEL_GATEWAY',
  inclusiveGateway: 'INCLUSIVE_GATEWAY',
  eventBasedGateway: 'EVENT_BASED_GATEWAY',
  subProcess: 'SUB_PROCESS',
  callActivity: 'CALL_ACTIVITY',
};

export const MULTI_INSTANCE_BODY = 'MULTI_INSTANCE_BODY';

export function elementTypeName(element: ElementModel): string {
  if (element.type === 'subProcess' && element.triggeredByEvent) return 'EVENT_SUB_PROCESS';
  return NAMES[element.type];
}
