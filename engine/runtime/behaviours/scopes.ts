// The process and embedded subprocesses: activation starts the scope at its none start
// event; the scope completes when nothing is left active inside (lifecycle's default).

import { IncidentSignal } from '../errors.js';
import { complete, createAndActivate, terminateChildren } from '../lifecycle.js';
import type { Behaviour } from './behaviour.js';

export const scope: Behaviour = {
  activate(tx, row, element) {
    const model = tx.model(row.definition_key);
    if (!element.noneStartEventId) {
      if (element.type === 'process') {
        throw new IncidentSignal('UNKNOWN', `Expected process '${element.id}' to have a none start event, but it has none`);
      }
      return complete(tx, row.key);
    }
    createAndActivate(tx, { element: model.elements.get(element.noneStartEventId)!, scope: row });
  },
  terminate(tx, row) {
    terminateChildren(tx, row);
  },
};
