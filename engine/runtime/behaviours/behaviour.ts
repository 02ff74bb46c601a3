// What an element kind adds to the generic lifecycle (lifecycle.ts).

import type { ElementModel } from '../../model/types.js';
import type { ElementInstanceRow } from '../../state/rows.js';
import type { Tx } from '../context.js';

export interface Behaviour {
  /** after input mappings; either completes the element or leaves it waiting */
  activate(tx: Tx, row: ElementInstanceRow, element: ElementModel): void;
  /** replaces the output mappings step (multi-instance body) */
  beforeComplete?(tx: Tx, row: ElementInstanceRow, element: ElementModel): void;
  /** cleans up what the element opened (job, user task, child process) */
  terminate?(tx: Tx, row: ElementInstanceRow, element: ElementModel): void;
  /** a scope's reaction to a child that ended; default: complete when nothing is left */
  childEnded?(tx: Tx, scope: ElementInstanceRow, element: ElementModel, child: ElementInstanceRow): void;
}
