// Timer definitions evaluated into due dates: a date, a duration from now (months and years
// on the calendar), or a cycle (`R3/PT10M`, `R/<start>/P1D`, cron). Values may be FEEL.

import { addIsoDuration, nextCronTime, parseCron, parseIsoDuration, parseTimeCycle, parseTimeDate, type IsoDuration } from '../model/index.js';
import type { EventDefinition } from '../model/types.js';
import type { TimerRow } from '../state/rows.js';
import type { Tx } from './context.js';
import { IncidentSignal } from './errors.js';
import { EXTRACT_VALUE_ERROR, evaluate } from './expressions.js';
import type { Variables } from './variables.js';

export interface TimerSchedule {
  dueDate: number;
  /** firings left including the first; -1 = forever */
  repetitions: number;
  /** JSON repeat rule, or null */
  interval: string | null;
}

type TimerDefinition = Extract<EventDefinition, { kind: 'timer' }>;

function textOf(tx: Tx, expr: { kind: 'static'; value: string } | { kind: 'feel'; source: string }, variables: Variables): string {
  if (expr.kind === 'static') return expr.value;
  const value = evaluate(tx, expr.source, variables);
  if (typeof value !== 'string') {
    throw new IncidentSignal(EXTRACT_VALUE_ERROR, `Expected result of the expression '${expr.source}' to be one of '[DURATION, PERIOD, STRING, DATE_TIME]', but was '${value === null ? 'NULL' : typeof value}'`);
  }
  return value;
}

function fail(message: string): never {
  throw new IncidentSignal(EXTRACT_VALUE_ERROR, message);
}

export function scheduleTimer(tx: Tx, definition: TimerDefinition, variables: Variables): TimerSchedule {
  const now = tx.now;
  if (definition.timeDate) {
    const text = textOf(tx, definition.timeDate, variables);
    const parsed = parseTimeDate(text);
    if (!parsed.ok) fail(`Invalid time date of timer: ${parsed.error}`);
    return { dueDate: parsed.value.epochMillis, repetitions: 1, interval: null };
  }
  if (definition.timeDuration) {
    const text = textOf(tx, definition.timeDuration, variables);
    const parsed = parseIsoDuration(text);
    if (!parsed.ok) fail(`Invalid duration of timer: ${parsed.error}`);
    return { dueDate: addIsoDuration(now, parsed.value), repetitions: 1, interval: null };
  }
  if (definition.timeCycle) {
    const text = textOf(tx, definition.timeCycle, variables);
    const parsed = parseTimeCycle(text);
    if (!parsed.ok) fail(`Invalid time cycle of timer: ${parsed.error}`);
    const cycle = parsed.value;
    if ('kind' in cycle && cycle.kind === 'repeating') {
      const from = cycle.start?.epochMillis;
      const dueDate = from !== undefined && from > now ? from : addIsoDuration(now, cycle.interval);
      return { dueDate, repetitions: cycle.repetitions, interval: JSON.stringify({ duration: cycle.interval }) };
    }
    const next = nextCronTime(parseCronOrFail(text), now);
    if (next === undefined) fail(`The cron expression '${text}' never fires`);
    return { dueDate: next, repetitions: -1, interval: JSON.stringify({ cron: text }) };
  }
  return fail('Timer has no date, duration or cycle');
}

function parseCronOrFail(text: string) {
  const parsed = parseCron(text);
  if (!parsed.ok) fail(`Invalid cron expression: ${parsed.error}`);
  return parsed.value;
}

/**
 * The next due date of a repeating timer, counted from its previous due date (not from when it
 * fired), so a cycle does not drift; undefined when it is done.
 */
export function nextOccurrence(timer: TimerRow): number | undefined {
  if (!timer.interval || timer.repetitions === 1 || timer.repetitions === 0) return undefined;
  const rule = JSON.parse(timer.interval) as { duration?: IsoDuration; cron?: string };
  if (rule.cron) return nextCronTime(parseCronOrFail(rule.cron), timer.due_date);
  const next = addIsoDuration(timer.due_date, rule.duration!);
  // a zero-length cycle must not fire in a tight loop
  return next > timer.due_date ? next : timer.due_date + 1;
}

/** Stores a scheduled timer; one already due makes the scheduler run right after the commit. */
export function storeTimer(
  tx: Tx,
  schedule: TimerSchedule,
  at: { elementInstanceKey: number | null; processInstanceKey: number | null; definitionKey: number; targetElementId: string; tenantId: string },
): void {
  tx.store.insertTimer({
    key: tx.nextKey(), due_date: schedule.dueDate, element_instance_key: at.elementInstanceKey,
    process_instance_key: at.processInstanceKey, definition_key: at.definitionKey, target_element_id: at.targetElementId,
    repetitions: schedule.repetitions, interval: schedule.interval, tenant_id: at.tenantId,
  });
  if (schedule.dueDate <= tx.now) tx.effects.dueWork = true;
}
