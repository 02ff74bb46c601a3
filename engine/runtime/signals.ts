// Signal broadcast (engine part 2).

import type { Tx } from './context.js';
import { Rejection } from './errors.js';
import type { Variables } from './variables.js';

export interface BroadcastSignalRequest {
  signalName: string;
  variables: Variables;
  tenantId?: string;
}

export function broadcastSignal(_tx: Tx, _request: BroadcastSignalRequest): { signalKey: number; tenantId: string } {
  throw new Rejection('FAILED_PRECONDITION', 'Signals are not supported by the embedded engine yet');
}
