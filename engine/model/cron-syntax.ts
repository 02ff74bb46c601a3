// Cron expressions for timer cycles, in the Spring flavour Zeebe accepts:
// six fields "second minute hour day-of-month month day-of-week", e.g. "0 0 9-17 * * MON-FRI",
// or one of the macros @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly.
// Fields take `*`, `?` (day fields only), values, names (JAN-DEC, SUN-SAT), ranges `a-b`, steps
// `*/n`, `a/n`, `a-b/n` and lists `a,b`. Day-of-month also takes `L`, `L-n`, `nW` and `LW`;
// day-of-week takes `dL` (last d of the month) and `d#n` (n-th d of the month). 0 and 7 are Sunday.

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

export type DayOfMonthEntry =
  | { kind: 'day'; day: number }
  /** `L` (offset 0) or `L-n`: n days before the last day of the month */
  | { kind: 'last'; offset: number }
  /** `nW`: the weekday (Mon-Fri) nearest to day n, within the month */
  | { kind: 'nearestWeekday'; day: number }
  /** `LW`: the last weekday of the month */
  | { kind: 'lastWeekday' };

export type DayOfWeekEntry =
  /** 0 = Sunday ... 6 = Saturday */
  | { kind: 'day'; day: number }
  /** `5L`: the last Friday of the month */
  | { kind: 'last'; day: number }
  /** `MON#2`: the second Monday of the month */
  | { kind: 'nth'; day: number; nth: number };

export interface CronSchedule {
  kind: 'cron';
  expression: string;
  /** sorted, distinct */
  seconds: readonly number[];
  minutes: readonly number[];
  hours: readonly number[];
  /** 1..12 */
  months: readonly number[];
  /** `any` for `*` or `?`; both day fields restricted means both must match */
  daysOfMonth: { any: boolean; entries: readonly DayOfMonthEntry[] };
  daysOfWeek: { any: boolean; entries: readonly DayOfWeekEntry[] };
}

const MACROS: Record<string, string> = {
  '@yearly': '0 0 0 1 1 *',
  '@annually': '0 0 0 1 1 *',
  '@monthly': '0 0 0 1 * *',
  '@weekly': '0 0 0 * * 0',
  '@daily': '0 0 0 * * *',
  '@midnight': '0 0 0 * * *',
  '@hourly': '0 0 * * * *',
};

const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
  /** value of names[0] */
  nameBase?: number;
}

const SECOND: FieldSpec = { name: 'second', min: 0, max: 59 };
const MINUTE: FieldSpec = { name: 'minute', min: 0, max: 59 };
const HOUR: FieldSpec = { name: 'hour', min: 0, max: 23 };
const DAY_OF_MONTH: FieldSpec = { name: 'day-of-month', min: 1, max: 31 };
const MONTH: FieldSpec = { name: 'month', min: 1, max: 12, names: MONTH_NAMES, nameBase: 1 };
const DAY_OF_WEEK: FieldSpec = { name: 'day-of-week', min: 0, max: 7, names: DAY_NAMES, nameBase: 0 };

class CronError extends Error {}

export function parseCron(text: string): Parsed<CronSchedule> {
  const expression = text.trim();
  const expanded = MACROS[expression.toLowerCase()] ?? expression;
  const fields = expanded.split(/\s+/).filter(Boolean);
  if (fields.length !== 6) {
    return { ok: false, error: `a cron expression needs 6 fields (second minute hour day-of-month month day-of-week), found ${fields.length}` };
  }
  try {
    const [second, minute, hour, dayOfMonth, month, dayOfWeek] = fields as [string, string, string, string, string, string];
    return {
      ok: true,
      value: {
        kind: 'cron',
        expression,
        seconds: parseNumericField(second, SECOND),
        minutes: parseNumericField(minute, MINUTE),
        hours: parseNumericField(hour, HOUR),
        months: parseNumericField(month, MONTH),
        daysOfMonth: parseDayOfMonth(dayOfMonth),
        daysOfWeek: parseDayOfWeek(dayOfWeek),
      },
    };
  } catch (error) {
    if (error instanceof CronError) return { ok: false, error: error.message };
    throw error;
  }
}

function parseNumericField(field: string, spec: FieldSpec): number[] {
  if (field === '?') throw new CronError(`'?' is only allowed in the day-of-month and day-of-week fields`);
  const values = new Set<number>();
  for (const part of field.split(',')) {
    for (const value of parsePart(part, spec)) values.add(value);
  }
  return [...values].sort((a, b) => a - b);
}

/** one list entry: `*`, `v`, `a-b`, with an optional `/step` */
function parsePart(part: string, spec: FieldSpec): number[] {
  if (part === '') throw new CronError(`empty entry in the ${spec.name} field`);
  const [range, stepText, extra] = part.split('/');
  if (extra !== undefined || range === undefined || range === '') throw new CronError(`invalid ${spec.name} entry '${part}'`);
  let from: number;
  let to: number;
  if (range === '*') {
    from = spec.min;
    to = spec.max;
  } else if (range.includes('-')) {
    const [a, b, more] = range.split('-');
    if (more !== undefined || a === undefined || b === undefined) throw new CronError(`invalid ${spec.name} range '${range}'`);
    from = parseValue(a, spec);
    to = parseValue(b, spec);
    if (from > to) throw new CronError(`invalid ${spec.name} range '${range}': the start is after the end`);
  } else {
    from = parseValue(range, spec);
    to = stepText === undefined ? from : spec.max;
  }
  let step = 1;
  if (stepText !== undefined) {
    if (!/^\d+$/.test(stepText) || Number(stepText) === 0) throw new CronError(`invalid ${spec.name} step '${stepText}'`);
    step = Number(stepText);
  }
  const values: number[] = [];
  for (let value = from; value <= to; value += step) values.push(value);
  return values;
}

function parseValue(text: string, spec: FieldSpec): number {
  if (/^\d+$/.test(text)) {
    const value = Number(text);
    if (value < spec.min || value > spec.max) {
      throw new CronError(`${spec.name} value ${value} is outside ${spec.min}-${spec.max}`);
    }
    return value;
  }
  const index = spec.names?.indexOf(text.toUpperCase()) ?? -1;
  if (index < 0) throw new CronError(`invalid ${spec.name} value '${text}'`);
  return index + (spec.nameBase ?? 0);
}

function parseDayOfMonth(field: string): CronSchedule['daysOfMonth'] {
  if (field === '?' || field === '*') return { any: true, entries: [] };
  const entries: DayOfMonthEntry[] = [];
  for (const part of field.split(',')) {
    const upper = part.toUpperCase();
    if (upper === 'L') entries.push({ kind: 'last', offset: 0 });
    else if (upper === 'LW') entries.push({ kind: 'lastWeekday' });
    else if (/^L-\d+$/.test(upper)) {
      const offset = Number(upper.slice(2));
      if (offset > 30) throw new CronError(`invalid day-of-month offset '${part}'`);
      entries.push({ kind: 'last', offset });
    } else if (/^\d+W$/.test(upper)) {
      entries.push({ kind: 'nearestWeekday', day: parseValue(upper.slice(0, -1), DAY_OF_MONTH) });
    } else {
      for (const day of parsePart(part, DAY_OF_MONTH)) entries.push({ kind: 'day', day });
    }
  }
  return { any: false, entries };
}

function parseDayOfWeek(field: string): CronSchedule['daysOfWeek'] {
  if (field === '?' || field === '*') return { any: true, entries: [] };
  const entries: DayOfWeekEntry[] = [];
  const seen = new Set<number>();
  for (const part of field.split(',')) {
    const upper = part.toUpperCase();
    const nth = /^(\w+)#(\d)$/.exec(upper);
    const last = /^(\w+)L$/.exec(upper);
    if (nth) {
      const n = Number(nth[2]);
      if (n < 1 || n > 5) throw new CronError(`invalid day-of-week occurrence '${part}'`);
      entries.push({ kind: 'nth', day: parseValue(nth[1] ?? '', DAY_OF_WEEK) % 7, nth: n });
    } else if (last) {
      entries.push({ kind: 'last', day: parseValue(last[1] ?? '', DAY_OF_WEEK) % 7 });
    } else {
      for (const value of parsePart(part, DAY_OF_WEEK)) {
        const day = value % 7;
        if (!seen.has(day)) entries.push({ kind: 'day', day });
        seen.add(day);
      }
    }
  }
  return { any: false, entries };
}

const MAX_SEARCH_DAYS = 366 * 28;

/**
 * The first time strictly after `afterMillis` that matches the schedule, in the local time zone
 * of this process (as Zeebe uses the broker's default zone); undefined when there is none.
 */
export function nextCronTime(cron: CronSchedule, afterMillis: number): number | undefined {
  const start = new Date(Math.floor(afterMillis / 1000) * 1000 + 1000);
  let day = new Date(start.getFullYear(), start.getMonth(), start.getDate());
  for (let i = 0; i < MAX_SEARCH_DAYS; i++) {
    if (cron.months.includes(day.getMonth() + 1) && dayMatches(cron, day)) {
      for (const hour of cron.hours) {
        for (const minute of cron.minutes) {
          for (const second of cron.seconds) {
            const candidate = new Date(day.getFullYear(), day.getMonth(), day.getDate(), hour, minute, second);
            if (candidate.getTime() >= start.getTime()) return candidate.getTime();
          }
        }
      }
    }
    day = new Date(day.getFullYear(), day.getMonth(), day.getDate() + 1);
  }
  return undefined;
}

function dayMatches(cron: CronSchedule, date: Date): boolean {
  const { daysOfMonth, daysOfWeek } = cron;
  const domOk = daysOfMonth.any || daysOfMonth.entries.some((entry) => dayOfMonthMatches(entry, date));
  const dowOk = daysOfWeek.any || daysOfWeek.entries.some((entry) => dayOfWeekMatches(entry, date));
  return domOk && dowOk;
}

function daysInMonth(date: Date): number {
  return new Date(date.getFullYear(), date.getMonth() + 1, 0).getDate();
}

function isWeekday(year: number, month: number, day: number): boolean {
  const weekday = new Date(year, month, day).getDay();
  return weekday !== 0 && weekday !== 6;
}

function dayOfMonthMatches(entry: DayOfMonthEntry, date: Date): boolean {
  const day = date.getDate();
  const last = daysInMonth(date);
  const year = date.getFullYear();
  const month = date.getMonth();
  switch (entry.kind) {
    case 'day':
      return day === entry.day;
    case 'last':
      return day === last - entry.offset;
    case 'lastWeekday': {
      let candidate = last;
      while (!isWeekday(year, month, candidate)) candidate--;
      return day === candidate;
    }
    case 'nearestWeekday': {
      const target = Math.min(entry.day, last);
      let candidate = target;
      const weekday = new Date(year, month, target).getDay();
      if (weekday === 6) candidate = target === 1 ? target + 2 : target - 1;
      else if (weekday === 0) candidate = target === last ? target - 2 : target + 1;
      return day === candidate;
    }
  }
}

function dayOfWeekMatches(entry: DayOfWeekEntry, date: Date): boolean {
  const weekday = date.getDay();
  if (weekday !== entry.day) return false;
  switch (entry.kind) {
    case 'day':
      return true;
    case 'last':
      return date.getDate() + 7 > daysInMonth(date);
    case 'nth':
      return Math.ceil(date.getDate() / 7) === entry.nth;
  }
}
