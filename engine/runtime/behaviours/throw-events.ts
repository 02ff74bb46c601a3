// Throw and end events that act: signals are broadcast, escalations thrown to the nearest
// catcher (uncaught, the flow simply goes on), links jump to their catch event.

import { IncidentSignal } from '../errors.js';
import { throwEscalation } from '../error-events.js';
import { evaluateString } from '../expressions.js';
import { complete, createAndActivate } from '../lifecycle.js';
import { broadcastSignal } from '../signals.js';
import { localVariables, visibleVariables } from '../variables.js';
import type { Behaviour } from './behaviour.js';

export const signalThrowEvent: Behaviour = {
  activate(tx, row, element) {
    const definition = element.eventDefinition;
    if (definition?.kind !== 'signal') throw new IncidentSignal('UNKNOWN', 'signal event without a signal');
    const name = evaluateString(tx, definition.signalName, visibleVariables(tx, row.key));
    const tenantId = tx.store.processInstance(row.process_instance_key)!.tenant_id;
    // the signal carries the event's local variables (from its input mappings)
    broadcastSignal(tx, { signalName: name, variables: localVariables(tx, row.key), tenantId });
    complete(tx, row.key);
  },
};

export const escalationThrowEvent: Behaviour = {
  activate(tx, row, element) {
    const definition = element.eventDefinition;
    if (definition?.kind !== 'escalation' || !definition.escalationCode) throw new IncidentSignal('UNKNOWN', 'escalation event without a code');
    const code = evaluateString(tx, definition.escalationCode, visibleVariables(tx, row.key));
    const { interrupted } = throwEscalation(tx, row, code);
    if (!interrupted) complete(tx, row.key);
  },
};

export const linkThrowEvent: Behaviour = {
  activate(tx, row, element) {
    const definition = element.eventDefinition;
    if (definition?.kind !== 'link') throw new IncidentSignal('UNKNOWN', 'link event without a name');
    const model = tx.model(row.definition_key);
    const target = [...model.elements.values()].find((e) =>
      e.type === 'intermediateCatchEvent' && e.flowScopeId === element.flowScopeId
      && e.eventDefinition?.kind === 'link' && e.eventDefinition.linkName === definition.linkName);
    if (!target) throw new IncidentSignal('UNKNOWN', `No link catch event named '${definition.linkName}' in the scope of '${element.id}'`);
    const scope = tx.store.element(row.flow_scope_key!)!;
    complete(tx, row.key);
    createAndActivate(tx, { element: target, scope });
  },
};
