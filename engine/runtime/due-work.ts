// Work that falls due with time: timers fire (one transaction per batch, so that pinning the
// clock months ahead fires thousands per second), messages expire, job deadlines and back-offs end.

import type { TimerRow } from '../state/rows.js';
import type { Tx } from './context.js';
import { startInstanceAtEvent, triggerEvent } from './event-trigger.js';
import { releaseDueJobs } from './job-commands.js';
import { nextOccurrence } from './timers.js';

export const TIMER_BATCH = 500;

/** Fires up to one batch of due timers; returns how many fired. */
export function fireDueTimers(tx: Tx): number {
  const due = tx.store.dueTimers(tx.now, TIMER_BATCH);
  for (const timer of due) fireTimer(tx, timer);
  return due.length;
}

function fireTimer(tx: Tx, timer: TimerRow): void {
  // it may have been removed by an earlier timer of this batch (e.g. an interrupting one)
  if (!tx.store.deleteTimer(timer.key)) return;
  const next = nextOccurrence(timer);
  const reschedule = () => {
    if (next === undefined) return;
    tx.store.insertTimer({ ...timer, key: tx.nextKey(), due_date: next, repetitions: timer.repetitions > 0 ? timer.repetitions - 1 : -1 });
  };
  if (timer.element_instance_key === null) {
    reschedule();
    startInstanceAtEvent(tx, timer.definition_key, timer.target_element_id, {});
    return;
  }
  // rescheduled first: an interrupting trigger closes the element's timers, this one included
  reschedule();
  triggerEvent(tx, timer.element_instance_key, timer.target_element_id, {});
  tx.drain();
}

export function releaseDueJobsAndMessages(tx: Tx): void {
  releaseDueJobs(tx);
  tx.store.expireMessages(tx.now);
}
