// Exclusive, inclusive and parallel gateways. Joining happens when a flow is taken
// (lifecycle.takeFlow); here the gateway decides which outgoing flows to take.

import type { ElementModel, SequenceFlowModel } from '../../model/types.js';
import type { ElementInstanceRow } from '../../state/rows.js';
import type { Tx } from '../context.js';
import { IncidentSignal } from '../errors.js';
import { evaluateBoolean } from '../expressions.js';
import { complete } from '../lifecycle.js';
import { visibleVariables, type Variables } from '../variables.js';
import type { Behaviour } from './behaviour.js';

export const CONDITION_ERROR = 'CONDITION_ERROR';

function flowsOf(tx: Tx, row: ElementInstanceRow, element: ElementModel): SequenceFlowModel[] {
  const model = tx.model(row.definition_key);
  return element.outgoing.map((id) => model.flows.get(id)!);
}

/** a flow without condition is taken; a conditional one when its condition is true */
function holds(tx: Tx, flow: SequenceFlowModel, variables: () => Variables): boolean {
  return flow.condition === undefined || evaluateBoolean(tx, flow.condition, variables());
}

function lazyVariables(tx: Tx, row: ElementInstanceRow): () => Variables {
  let cached: Variables | undefined;
  return () => (cached ??= visibleVariables(tx, row.key));
}

const NO_FLOW_MESSAGE = 'Expected at least one condition to evaluate to true, or to have a default flow';

export const exclusiveGateway: Behaviour = {
  activate(tx, row, element) {
    const variables = lazyVariables(tx, row);
    const flows = flowsOf(tx, row, element);
    if (flows.length === 0) return complete(tx, row.key, { flowIds: [] });
    const chosen = flows.find((flow) => flow.id !== element.defaultFlowId && holds(tx, flow, variables));
    const flowId = chosen?.id ?? element.defaultFlowId;
    if (!flowId) throw new IncidentSignal(CONDITION_ERROR, NO_FLOW_MESSAGE);
    complete(tx, row.key, { flowIds: [flowId] });
  },
};

export const inclusiveGateway: Behaviour = {
  activate(tx, row, element) {
    const variables = lazyVariables(tx, row);
    const flows = flowsOf(tx, row, element);
    if (flows.length === 0) return complete(tx, row.key, { flowIds: [] });
    const taken = flows.filter((flow) => flow.id !== element.defaultFlowId && holds(tx, flow, variables)).map((f) => f.id);
    if (taken.length === 0 && element.defaultFlowId) taken.push(element.defaultFlowId);
    if (taken.length === 0) throw new IncidentSignal(CONDITION_ERROR, NO_FLOW_MESSAGE);
    complete(tx, row.key, { flowIds: taken });
  },
};

export const parallelGateway: Behaviour = {
  activate(tx, row) {
    complete(tx, row.key);
  },
};
