// Message publication and correlation (engine part 2).

import type { Tx } from './context.js';
import { Rejection } from './errors.js';
import type { Variables } from './variables.js';

export interface PublishMessageRequest {
  name: string;
  correlationKey: string;
  /** milliseconds; 0 = correlate now or drop */
  timeToLive: number;
  messageId?: string;
  variables: Variables;
  tenantId?: string;
}

export interface CorrelateMessageRequest {
  name: string;
  correlationKey: string;
  variables: Variables;
  tenantId?: string;
}

export function publishMessage(_tx: Tx, _request: PublishMessageRequest): { messageKey: number; tenantId: string } {
  throw new Rejection('FAILED_PRECONDITION', 'Messages are not supported by the embedded engine yet');
}

export function correlateMessage(_tx: Tx, _request: CorrelateMessageRequest): { messageKey: number; tenantId: string; processInstanceKey: number } {
  throw new Rejection('FAILED_PRECONDITION', 'Messages are not supported by the embedded engine yet');
}
