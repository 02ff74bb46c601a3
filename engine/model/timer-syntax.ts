// Static timer values as Zeebe reads them, shared by validation and (later) the runtime:
//   timeDuration  ISO-8601 duration: P1Y2M3W4DT5H6M7.5S, PT15S, -PT5M ...
//   timeDate      ISO-8601 date-time with offset and optional zone: 2024-01-01T10:00:00Z,
//                 2024-01-01T10:00+02:00, 2024-01-01T10:00:00+01:00[Europe/Berlin]
//   timeCycle     repeating interval R5/PT10S, R/P1D, R3/2024-01-01T00:00:00Z/P1D, or a cron expression
// Each parser returns `{ ok: true, value }` or `{ ok: false, error }` and never throws.

import { nextCronTime, parseCron, type CronSchedule, type Parsed } from './cron-syntax.js';

export { nextCronTime, parseCron };
export type { CronSchedule, DayOfMonthEntry, DayOfWeekEntry, Parsed } from './cron-syntax.js';

/** A duration with calendar parts (years, months, days) and exact parts; every part carries its sign. Weeks are folded into days. */
export interface IsoDuration {
  years: number;
  months: number;
  days: number;
  hours: number;
  minutes: number;
  /** may have a fraction (up to nanoseconds) */
  seconds: number;
}

export interface TimeDate {
  /** the instant */
  epochMillis: number;
  /** the offset written in the text, in minutes east of UTC */
  offsetMinutes: number;
  /** the region in brackets, e.g. `Europe/Berlin` */
  zoneId?: string;
}

export type TimeCycle =
  | {
      kind: 'repeating';
      /** -1 = repeat forever (`R/...`) */
      repetitions: number;
      interval: IsoDuration;
      /** `R3/2024-01-01T00:00:00Z/P1D`: the first due date is the start (when still ahead), then every interval */
      start?: TimeDate;
    }
  | CronSchedule;

const PERIOD = /^([-+]?)P(?:([-+]?\d+)Y)?(?:([-+]?\d+)M)?(?:([-+]?\d+)W)?(?:([-+]?\d+)D)?$/i;
const TIME = /^([-+]?)P(?:([-+]?\d+)D)?T(?:([-+]?\d+)H)?(?:([-+]?\d+)M)?(?:([-+]?\d+)(?:[.,](\d{0,9}))?S)?$/i;

/** Parses an ISO-8601 duration the way Zeebe does (a date part as a period, a time part as an exact duration). */
export function parseIsoDuration(text: string): Parsed<IsoDuration> {
  const value = text.trim();
  const invalid = { ok: false as const, error: `'${text}' is not an ISO-8601 duration such as PT10S, P3D or P1Y2M` };
  const signed = /^[-+]/.test(value);
  const sign = value.startsWith('-') ? -1 : 1;
  const tIndex = value.toUpperCase().indexOf('T');
  const pIndex = signed ? 1 : 0;

  if (tIndex === -1) {
    const period = PERIOD.exec(value);
    if (!period || value.length <= pIndex + 1) return invalid;
    return { ok: true, value: fromPeriod(period, sign) };
  }

  const datePart = tIndex === pIndex + 1 ? undefined : value.slice(0, tIndex);
  const timePart = (signed ? value.charAt(0) : '') + 'P' + value.slice(tIndex);
  const time = TIME.exec(timePart);
  if (!time || /T$/i.test(timePart) || !hasTimeComponent(time)) return invalid;
  const result: IsoDuration = { years: 0, months: 0, days: 0, ...fromTime(time, sign) };
  if (datePart !== undefined) {
    const period = PERIOD.exec(datePart);
    if (!period || datePart.length <= pIndex + 1) return invalid;
    const { years, months, days } = fromPeriod(period, sign);
    Object.assign(result, { years, months, days });
  }
  return { ok: true, value: normalizeZeros(result) };
}

function num(text: string | undefined): number {
  return text === undefined ? 0 : Number(text);
}

function fromPeriod(match: RegExpExecArray, sign: number): IsoDuration {
  return normalizeZeros({
    years: sign * num(match[2]),
    months: sign * num(match[3]),
    days: sign * (num(match[4]) * 7 + num(match[5])),
    hours: 0,
    minutes: 0,
    seconds: 0,
  });
}

function hasTimeComponent(match: RegExpExecArray): boolean {
  return match[3] !== undefined || match[4] !== undefined || match[5] !== undefined;
}

function fromTime(match: RegExpExecArray, sign: number): Pick<IsoDuration, 'hours' | 'minutes' | 'seconds'> & { days?: number } {
  const wholeSeconds = num(match[5]);
  const fraction = match[6] ? Number('0.' + match[6]) : 0;
  const seconds = wholeSeconds < 0 || match[5]?.startsWith('-') ? wholeSeconds - fraction : wholeSeconds + fraction;
  // a day inside the time part (PnDTn...) is an exact 24 hours
  return { hours: sign * (num(match[2]) * 24 + num(match[3])), minutes: sign * num(match[4]), seconds: sign * seconds };
}

/** turns -0 into 0 so results compare equal in tests and serialise cleanly */
function normalizeZeros(d: IsoDuration): IsoDuration {
  const fix = (n: number): number => (n === 0 ? 0 : n);
  return { years: fix(d.years), months: fix(d.months), days: fix(d.days), hours: fix(d.hours), minutes: fix(d.minutes), seconds: fix(d.seconds) };
}

/** true when the duration has calendar parts or is a day or longer (then it is added in local calendar time) */
export function isCalendarBased(d: IsoDuration): boolean {
  return d.years !== 0 || d.months !== 0 || d.days !== 0 || Math.abs(exactMillis(d)) >= 86_400_000;
}

/** the exact (non-calendar) part in milliseconds */
export function exactMillis(d: IsoDuration): number {
  return Math.round(((d.hours * 60 + d.minutes) * 60 + d.seconds) * 1000);
}

/**
 * `from` plus the duration, as Zeebe computes a due date: years and months in the local calendar
 * (clamping the day to the month's end), then days in the local calendar, then the exact part.
 * Returns NaN when the result is outside the representable range.
 */
export function addIsoDuration(fromMillis: number, d: IsoDuration): number {
  if (d.years === 0 && d.months === 0 && d.days === 0) return checkRange(fromMillis + exactMillis(d));
  const date = new Date(fromMillis);
  const totalMonths = date.getMonth() + d.years * 12 + d.months;
  const year = date.getFullYear() + Math.floor(totalMonths / 12);
  const month = ((totalMonths % 12) + 12) % 12;
  const lastDay = new Date(year, month + 1, 0).getDate();
  const shifted = new Date(date.getTime());
  shifted.setFullYear(year, month, Math.min(date.getDate(), lastDay));
  shifted.setDate(shifted.getDate() + d.days);
  return checkRange(shifted.getTime() + exactMillis(d));
}

const MAX_EPOCH_MILLIS = 8.64e15;

function checkRange(millis: number): number {
  return Number.isFinite(millis) && Math.abs(millis) <= MAX_EPOCH_MILLIS ? millis : Number.NaN;
}

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2}(?::\d{2})?)(?:\[([^\]]+)\])?$/i;

/** Parses an ISO-8601 date-time with an offset (and optionally a zone region in brackets). */
export function parseTimeDate(text: string): Parsed<TimeDate> {
  const value = text.trim();
  const match = DATE_TIME.exec(value);
  const invalid = (why: string): Parsed<TimeDate> => ({ ok: false, error: `'${text}' is not a valid date-time${why}` });
  if (!match) return invalid(' such as 2024-01-31T10:00:00Z or 2024-01-31T10:00:00+01:00[Europe/Berlin]');
  const [year, month, day, hour, minute] = [1, 2, 3, 4, 5].map((i) => Number(match[i]));
  const second = num(match[6]);
  const millis = match[7] ? Math.floor(Number('0.' + match[7]) * 1000) : 0;
  if (month! < 1 || month! > 12) return invalid(': the month is out of range');
  if (day! < 1 || day! > daysInMonth(year!, month!)) return invalid(': the day is out of range');
  if (hour! > 23 || minute! > 59 || second > 59) return invalid(': the time is out of range');

  const offsetText = match[8]!.toUpperCase();
  const offsetMinutes = offsetText === 'Z' ? 0 : parseOffset(offsetText);
  if (offsetMinutes === undefined) return invalid(': the offset is out of range');
  const localAsUtc = utcMillis(year!, month! - 1, day!, hour!, minute!, second, millis);

  const zoneId = match[9];
  let epochMillis = localAsUtc - offsetMinutes * 60_000;
  if (zoneId !== undefined) {
    const zoneOffset = zoneOffsetMinutes(zoneId, epochMillis);
    if (zoneOffset === undefined) return invalid(`: unknown time zone '${zoneId}'`);
    // the zone wins over a written offset that does not apply at that time
    if (zoneOffset !== offsetMinutes) {
      const guess = localAsUtc - zoneOffset * 60_000;
      epochMillis = localAsUtc - (zoneOffsetMinutes(zoneId, guess) ?? zoneOffset) * 60_000;
    }
  }
  return { ok: true, value: zoneId === undefined ? { epochMillis, offsetMinutes } : { epochMillis, offsetMinutes, zoneId } };
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function utcMillis(year: number, monthIndex: number, day: number, hour: number, minute: number, second: number, ms: number): number {
  const date = new Date(Date.UTC(2000, monthIndex, day, hour, minute, second, ms));
  date.setUTCFullYear(year);
  return date.getTime();
}

function parseOffset(text: string): number | undefined {
  const [h, m, s] = text.slice(1).split(':').map(Number);
  if (h === undefined || m === undefined || h > 18 || m > 59 || (s ?? 0) > 59) return undefined;
  const total = h * 60 + m + (s ?? 0) / 60;
  if (total > 18 * 60) return undefined;
  return text.startsWith('-') ? -total : total;
}

const zoneFormats = new Map<string, Intl.DateTimeFormat | null>();

/** the offset of a zone at an instant, in minutes east of UTC; undefined for an unknown zone */
export function zoneOffsetMinutes(zoneId: string, epochMillis: number): number | undefined {
  let format = zoneFormats.get(zoneId);
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat('en-US', {
        timeZone: zoneId,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      format = null;
    }
    zoneFormats.set(zoneId, format);
  }
  if (format === null) return undefined;
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(new Date(epochMillis))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const wall = utcMillis(parts['year']!, parts['month']! - 1, parts['day']!, parts['hour']!, parts['minute']!, parts['second']!, 0);
  return Math.round((wall - Math.floor(epochMillis / 1000) * 1000) / 60_000);
}

/** Parses a time cycle: `R[n]/[start/]duration` or a cron expression. */
export function parseTimeCycle(text: string): Parsed<TimeCycle> {
  const value = text.trim();
  if (!value.startsWith('R')) return parseCron(value);

  const slash = value.indexOf('/');
  if (slash === -1) return { ok: false, error: `'${text}' has no interval after the repetitions (e.g. R5/PT10S)` };
  const count = value.slice(1, slash);
  if (count !== '' && !/^\d+$/.test(count)) return { ok: false, error: `'${text}' has an invalid repetition count '${count}'` };
  const repetitions = count === '' ? -1 : Number(count);

  const rest = value.slice(slash + 1);
  const lastSlash = rest.lastIndexOf('/');
  let start: TimeDate | undefined;
  if (lastSlash > 0) {
    const parsedStart = parseTimeDate(rest.slice(0, lastSlash));
    if (!parsedStart.ok) return { ok: false, error: `'${text}' has an invalid start: ${parsedStart.error}` };
    start = parsedStart.value;
  }
  const interval = parseIsoDuration(rest.slice(lastSlash + 1));
  if (!interval.ok) return { ok: false, error: `'${text}' has an invalid interval: ${interval.error}` };
  return { ok: true, value: start ? { kind: 'repeating', repetitions, interval: interval.value, start } : { kind: 'repeating', repetitions, interval: interval.value } };
}
