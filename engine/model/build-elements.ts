// Builds the ProcessModel of one validated process: every flow node (and the process itself)
// flat in a map keyed by id, and every sequence flow.

import { buildEventDefinition } from './build-event-definitions.js';
import { buildCallActivity, buildJob, buildMappings, buildMultiInstance, buildScript, buildTaskHeaders, buildUserTask } from './build-tasks.js';
import { bool, eventDefinitions, extension, idOf, ref, refId, str, type MElement } from './moddle-access.js';
import type { FlowNode, ProcessTree } from './process-tree.js';
import type { ElementModel, ProcessModel, SequenceFlowModel } from './types.js';

export function buildProcessModel(tree: ProcessTree): ProcessModel {
  const elements = new Map<string, ElementModel>();
  elements.set(tree.processId, scopeElement(tree, tree.process));
  for (const node of tree.nodes) elements.set(node.id, buildElement(tree, node));

  for (const node of tree.nodes) {
    const attachedTo = node.type === 'boundaryEvent' ? refId(node.el, 'attachedToRef') : undefined;
    if (attachedTo) elements.get(attachedTo)?.boundaryEventIds.push(node.id);
  }

  const flows = new Map<string, SequenceFlowModel>();
  for (const flow of tree.flows) {
    const name = str(flow.el, 'name');
    const conditionText = str(ref(flow.el, 'conditionExpression'), 'body');
    const condition = conditionText === undefined ? undefined : conditionText.trim().replace(/^=/, '').trim();
    flows.set(flow.id, {
      id: flow.id,
      ...(name !== undefined && { name }),
      sourceId: idOf(flow.source) ?? '',
      targetId: idOf(flow.target) ?? '',
      ...(condition !== undefined && { condition }),
    });
  }

  const name = str(tree.process, 'name');
  const versionTag = str(extension(tree.process, 'zeebe:VersionTag'), 'value');
  return {
    bpmnProcessId: tree.processId,
    ...(name !== undefined && { name }),
    ...(versionTag !== undefined && versionTag !== '' && { versionTag }),
    elements,
    flows,
  };
}

function emptyElement(id: string, type: ElementModel['type'], el: MElement): ElementModel {
  const name = str(el, 'name');
  return {
    id,
    ...(name !== undefined && { name }),
    type,
    incoming: [],
    outgoing: [],
    inputMappings: [],
    outputMappings: [],
    boundaryEventIds: [],
    taskHeaders: {},
    childIds: [],
    eventSubProcessIds: [],
  };
}

/** children, none start event and event subprocesses of the process or a subprocess */
function fillScope(tree: ProcessTree, scope: MElement, element: ElementModel): void {
  const scopeId = idOf(scope) ?? '';
  for (const child of tree.nodes) {
    if (child.scopeId !== scopeId) continue;
    element.childIds.push(child.id);
    if (child.type === 'startEvent' && eventDefinitions(child.el).length === 0 && !bool(scope, 'triggeredByEvent')) {
      element.noneStartEventId ??= child.id;
    }
    if (child.type === 'subProcess' && bool(child.el, 'triggeredByEvent')) element.eventSubProcessIds.push(child.id);
  }
}

function scopeElement(tree: ProcessTree, process: MElement): ElementModel {
  const element = emptyElement(tree.processId, 'process', process);
  fillScope(tree, process, element);
  return element;
}

function buildElement(tree: ProcessTree, node: FlowNode): ElementModel {
  const element = emptyElement(node.id, node.type, node.el);
  element.flowScopeId = node.scopeId;
  element.incoming = (tree.incoming.get(node.id) ?? []).map((flow) => flow.id);
  element.outgoing = (tree.outgoing.get(node.id) ?? []).map((flow) => flow.id);

  const defaultFlow = ref(node.el, 'default');
  if (defaultFlow) element.defaultFlowId = idOf(defaultFlow);

  const { inputMappings, outputMappings } = buildMappings(node);
  element.inputMappings = inputMappings;
  element.outputMappings = outputMappings;

  const eventDefinition = buildEventDefinition(node);
  if (eventDefinition) element.eventDefinition = eventDefinition;

  if (node.type === 'boundaryEvent') {
    element.attachedToId = refId(node.el, 'attachedToRef');
    element.interrupting = bool(node.el, 'cancelActivity') ?? true;
  }
  if (node.type === 'startEvent' && bool(node.scope, 'triggeredByEvent')) {
    element.interrupting = bool(node.el, 'isInterrupting') ?? true;
  }

  const userTask = buildUserTask(node);
  if (userTask) element.userTask = userTask;
  const job = buildJob(node);
  if (job) element.job = job;
  element.taskHeaders = buildTaskHeaders(node, userTask);

  const script = buildScript(node);
  if (script) element.script = script;
  const callActivity = buildCallActivity(node);
  if (callActivity) element.callActivity = callActivity;
  const multiInstance = buildMultiInstance(node);
  if (multiInstance) element.multiInstance = multiInstance;

  if (node.type === 'subProcess') {
    const triggeredByEvent = bool(node.el, 'triggeredByEvent') ?? false;
    element.triggeredByEvent = triggeredByEvent;
    fillScope(tree, node.el, element);
  }
  return element;
}
