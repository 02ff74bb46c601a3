// The life of a request, from receipt to the archived case file. Being blocked (e.g. by funding)
// and being overdue are not statuses: they are marks a request in progress carries (the store
// keeps `blocked_reason` and `overdue_at`), so a blocked or overdue request still shows where it is.
import { vocabulary } from './labels.js';

export type RequestStatus =
  | 'received'
  | 'invalid'
  | 'assigned'
  | 'in_progress'
  | 'awaiting_sign_off'
  | 'awaiting_follow_up'
  | 'rehandling'
  | 'closed'
  | 'archived'
  /** 并单: the same matter as another request, whose progress it follows (`merged_into`) */
  | 'merged';

export const requestStatuses = vocabulary<RequestStatus>({
  received: '已受理(待甄别)',
  invalid: '无效诉求(已解释)',
  assigned: '已交办',
  in_progress: '办理中',
  awaiting_sign_off: '待四方签字',
  awaiting_follow_up: '待回访',
  rehandling: '重办中',
  closed: '已销号',
  archived: '已归档',
  merged: '已并单',
});

/** Statuses after which nothing more is done (the request counts as finished). */
export function isFinished(status: RequestStatus): boolean {
  return status === 'invalid' || status === 'closed' || status === 'archived' || status === 'merged';
}

/** Closed (销号) in the sense of the closure rate: closed or already archived. */
export function isClosed(status: RequestStatus): boolean {
  return status === 'closed' || status === 'archived';
}
