// Events. None events pass through; a terminate end event ends its whole scope; an error end
// event throws. Catch events are in catch-events.ts, signal/escalation/link throws in
// throw-events.ts; message throw and end events are jobs. Anything the model accepts but no
// behaviour runs raises a clear incident instead of doing something wrong.

import { IncidentSignal } from '../errors.js';
import { evaluateString } from '../expressions.js';
import { throwError, UNHANDLED_ERROR_EVENT, unhandledErrorMessage } from '../error-events.js';
import { complete, terminateChildren } from '../lifecycle.js';
import { visibleVariables } from '../variables.js';
import type { Behaviour } from './behaviour.js';
import { passThrough } from './pass-through.js';

export const terminateEndEvent: Behaviour = {
  activate(tx, row) {
    const scope = tx.store.element(row.flow_scope_key!)!;
    terminateChildren(tx, scope, row.key);
    complete(tx, row.key);
  },
};

export const errorEndEvent: Behaviour = {
  activate(tx, row, element) {
    const definition = element.eventDefinition;
    if (definition?.kind !== 'error' || !definition.errorCode) throw new IncidentSignal('UNKNOWN', 'error end event without an error code');
    const code = evaluateString(tx, definition.errorCode, visibleVariables(tx, row.key));
    if (!throwError(tx, row, code, '')) throw new IncidentSignal(UNHANDLED_ERROR_EVENT, unhandledErrorMessage(code, ''));
  },
};

export const notYetSupported: Behaviour = {
  activate(_tx, _row, element) {
    const kind = element.eventDefinition ? `${element.eventDefinition.kind} ${element.type}` : element.type;
    throw new IncidentSignal('UNKNOWN', `The embedded engine does not run ${kind} elements yet ('${element.id}')`);
  },
};

/** boundary events are only created when triggered; they complete with the trigger's variables */
export const boundaryEvent: Behaviour = passThrough;

