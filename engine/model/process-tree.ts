// Flattens one bpmn:process into its flow scopes, flow nodes and sequence flows (document order,
// depth first), so that validators and the builder walk the same structure.

import { idOf, list, localTypeName, ref, type MElement } from './moddle-access.js';
import type { ElementType } from './types.js';

const FLOW_NODE_TYPES: Readonly<Record<string, ElementType>> = {
  'bpmn:StartEvent': 'startEvent',
  'bpmn:EndEvent': 'endEvent',
  'bpmn:IntermediateThrowEvent': 'intermediateThrowEvent',
  'bpmn:IntermediateCatchEvent': 'intermediateCatchEvent',
  'bpmn:BoundaryEvent': 'boundaryEvent',
  'bpmn:ServiceTask': 'serviceTask',
  'bpmn:SendTask': 'sendTask',
  'bpmn:BusinessRuleTask': 'businessRuleTask',
  'bpmn:ScriptTask': 'scriptTask',
  'bpmn:UserTask': 'userTask',
  'bpmn:ReceiveTask': 'receiveTask',
  'bpmn:ManualTask': 'manualTask',
  'bpmn:Task': 'task',
  'bpmn:ExclusiveGateway': 'exclusiveGateway',
  'bpmn:ParallelGateway': 'parallelGateway',
  'bpmn:InclusiveGateway': 'inclusiveGateway',
  'bpmn:EventBasedGateway': 'eventBasedGateway',
  'bpmn:SubProcess': 'subProcess',
  'bpmn:CallActivity': 'callActivity',
};

/** data objects and data stores are for modelling only; the engine ignores them */
const NON_EXECUTABLE_TYPES = new Set(['bpmn:DataObject', 'bpmn:DataObjectReference', 'bpmn:DataStoreReference']);

const ACTIVITY_TYPES = new Set<ElementType>([
  'serviceTask',
  'sendTask',
  'businessRuleTask',
  'scriptTask',
  'userTask',
  'receiveTask',
  'manualTask',
  'task',
  'subProcess',
  'callActivity',
]);

export function isActivityType(type: ElementType | undefined): boolean {
  return type !== undefined && ACTIVITY_TYPES.has(type);
}

export interface FlowNode {
  el: MElement;
  id: string;
  type: ElementType;
  /** the process or subprocess this node belongs to */
  scope: MElement;
  scopeId: string;
}

export interface SequenceFlow {
  el: MElement;
  id: string;
  scopeId: string;
  source?: MElement;
  target?: MElement;
}

export interface UnsupportedElement {
  el: MElement;
  id: string | undefined;
  /** e.g. `complexGateway` */
  typeName: string;
}

export interface ProcessTree {
  process: MElement;
  processId: string;
  /** the process and every supported subprocess (including event subprocesses) */
  scopes: MElement[];
  nodes: FlowNode[];
  nodesById: ReadonlyMap<string, FlowNode>;
  flows: SequenceFlow[];
  unsupported: UnsupportedElement[];
  /** sequence flows by source / target element id, in document order */
  outgoing: ReadonlyMap<string, SequenceFlow[]>;
  incoming: ReadonlyMap<string, SequenceFlow[]>;
}

export function buildProcessTree(process: MElement): ProcessTree {
  const processId = idOf(process) ?? '';
  const tree = {
    process,
    processId,
    scopes: [] as MElement[],
    nodes: [] as FlowNode[],
    flows: [] as SequenceFlow[],
    unsupported: [] as UnsupportedElement[],
  };
  collectScope(process, tree);

  const nodesById = new Map(tree.nodes.map((node) => [node.id, node]));
  const outgoing = new Map<string, SequenceFlow[]>();
  const incoming = new Map<string, SequenceFlow[]>();
  for (const flow of tree.flows) {
    const sourceId = flow.source && idOf(flow.source);
    const targetId = flow.target && idOf(flow.target);
    if (sourceId) push(outgoing, sourceId, flow);
    if (targetId) push(incoming, targetId, flow);
  }
  return { ...tree, nodesById, outgoing, incoming };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const values = map.get(key);
  if (values) values.push(value);
  else map.set(key, [value]);
}

interface MutableTree {
  scopes: MElement[];
  nodes: FlowNode[];
  flows: SequenceFlow[];
  unsupported: UnsupportedElement[];
}

function collectScope(scope: MElement, tree: MutableTree): void {
  tree.scopes.push(scope);
  const scopeId = idOf(scope) ?? '';
  for (const el of list(scope, 'flowElements')) {
    if (el.$type === 'bpmn:SequenceFlow') {
      tree.flows.push({ el, id: idOf(el) ?? '', scopeId, source: ref(el, 'sourceRef'), target: ref(el, 'targetRef') });
      continue;
    }
    if (NON_EXECUTABLE_TYPES.has(el.$type)) continue;
    const type = FLOW_NODE_TYPES[el.$type];
    if (!type) {
      tree.unsupported.push({ el, id: idOf(el), typeName: localTypeName(el.$type) });
      continue;
    }
    tree.nodes.push({ el, id: idOf(el) ?? '', type, scope, scopeId });
    if (type === 'subProcess') collectScope(el, tree);
  }
}
