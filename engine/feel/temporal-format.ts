// How temporal values are written out. feelin keeps dates, times and durations as wrapper objects
// (FeelDate, FeelTime, FeelDateTime, FeelDuration over the Temporal API); Zeebe stores them in
// process variables as strings, and the exact string forms are part of what users see:
//
//   date                 2024-05-01                   (java.time.LocalDate#toString)
//   local time           10:00 / 10:00:05 / 10:00:00.500  (LocalTime#toString: seconds only when set)
//   time with offset     10:00:00Z / 10:00:00+02:00 / 10:00:00@Europe/Berlin
//   local date and time  2024-05-01T10:00:00          (ISO_LOCAL_DATE_TIME)
//   zoned date and time  2024-05-01T10:00:00+02:00    (ISO_OFFSET_DATE_TIME: a named zone is written
//                                                      as its offset, UTC as `Z`)
//   days-time duration   P1DT2H30M, P0D               (whole seconds; hours above 24 roll into days)
//   years-months         P1Y2M, P0Y
//
// `to json()` uses slightly different forms (seconds always present, the zone name kept in
// brackets), so both flavours live here side by side.

import { FeelDate, FeelDateTime, FeelDuration, FeelTime, parseDate } from 'feelin';

export type FeelTemporal = FeelDate | FeelTime | FeelDateTime | FeelDuration;

export function isFeelTemporal(value: unknown): value is FeelTemporal {
  return value instanceof FeelDate || value instanceof FeelTime || value instanceof FeelDateTime || value instanceof FeelDuration;
}

/** the string Zeebe writes into a process variable for a temporal result */
export function formatTemporalAsVariable(value: FeelTemporal): string {
  if (value instanceof FeelDate) return formatDate(value.year, value.month, value.day);
  if (value instanceof FeelDuration) return formatDuration(value);
  if (value instanceof FeelTime) {
    if (value.zone === null) return formatLocalTimeShort(value.hour, value.minute, value.second, nanosOf(value));
    const clock = formatClock(value.hour, value.minute, value.second, nanosOf(value));
    return isOffsetZone(value.zone) ? clock + formatOffsetId(offsetSecondsOf(value)) : `${clock}@${value.zone}`;
  }
  const local = `${formatDate(value.year, value.month, value.day)}T${formatClock(value.hour, value.minute, value.second, nanosOf(value))}`;
  return value.zone === null ? local : local + formatOffsetId(offsetSecondsOf(value));
}

/** the string `to json()` uses for a temporal value (ISO forms; named zones kept in brackets) */
export function formatTemporalForJson(value: FeelTemporal): string {
  if (value instanceof FeelDate || value instanceof FeelDuration) return formatTemporalAsVariable(value);
  const date = value instanceof FeelDateTime ? `${formatDate(value.year, value.month, value.day)}T` : '';
  const local = date + formatClock(value.hour, value.minute, value.second, nanosOf(value));
  if (value.zone === null) return local;
  const withOffset = local + formatOffsetId(offsetSecondsOf(value));
  return isOffsetZone(value.zone) ? withOffset : `${withOffset}[${value.zone}]`;
}

/**
 * Zeebe's duration text (feel-scala's own formatter, not java.time's): a days-time duration is
 * split into days, hours, minutes and whole seconds, a years-months duration into years and
 * months; zero is `P0D` / `P0Y`; a negative duration carries one leading minus.
 */
export function formatDuration(value: FeelDuration): string {
  if (value.yearsMonths) {
    const totalMonths = (value.years ?? 0) * 12 + (value.months ?? 0);
    if (totalMonths === 0) return 'P0Y';
    const sign = totalMonths < 0 ? '-' : '';
    const months = Math.abs(totalMonths);
    return `${sign}P${part(Math.trunc(months / 12), 'Y')}${part(months % 12, 'M')}`;
  }
  const totalSeconds = Math.trunc(
    (value.days ?? 0) * 86_400 + (value.hours ?? 0) * 3_600 + (value.minutes ?? 0) * 60 + (value.seconds ?? 0),
  );
  if (totalSeconds === 0) return 'P0D';
  const sign = totalSeconds < 0 ? '-' : '';
  const seconds = Math.abs(totalSeconds);
  const days = Math.trunc(seconds / 86_400);
  const clock = part(Math.trunc(seconds / 3_600) % 24, 'H') + part(Math.trunc(seconds / 60) % 60, 'M') + part(seconds % 60, 'S');
  return `${sign}P${part(days, 'D')}${clock === '' ? '' : `T${clock}`}`;
}

function part(amount: number, unit: string): string {
  return amount === 0 ? '' : `${amount}${unit}`;
}

/** LocalDate#toString: four digit years, a sign for years before 0 and a `+` beyond 9999 */
function formatDate(year: number, month: number, day: number): string {
  let yearText: string;
  if (Math.abs(year) < 10_000) {
    yearText = (year < 0 ? '-' : '') + String(Math.abs(year)).padStart(4, '0');
  } else {
    yearText = (year > 0 ? '+' : '-') + String(Math.abs(year));
  }
  return `${yearText}-${pad2(month)}-${pad2(day)}`;
}

/** HH:mm:ss plus as many fraction digits as needed (java.time's ISO_LOCAL_TIME) */
function formatClock(hour: number, minute: number, second: number, nanos: number): string {
  const fraction = nanos === 0 ? '' : `.${String(nanos).padStart(9, '0').replace(/0+$/, '')}`;
  return `${pad2(hour)}:${pad2(minute)}:${pad2(second)}${fraction}`;
}

/** LocalTime#toString: seconds only when non-zero, fractions in groups of 3, 6 or 9 digits */
function formatLocalTimeShort(hour: number, minute: number, second: number, nanos: number): string {
  let text = `${pad2(hour)}:${pad2(minute)}`;
  if (second === 0 && nanos === 0) return text;
  text += `:${pad2(second)}`;
  if (nanos === 0) return text;
  if (nanos % 1_000_000 === 0) return `${text}.${String(nanos / 1_000_000).padStart(3, '0')}`;
  if (nanos % 1_000 === 0) return `${text}.${String(nanos / 1_000).padStart(6, '0')}`;
  return `${text}.${String(nanos).padStart(9, '0')}`;
}

/** ZoneOffset#getId: `Z` for zero, otherwise ±HH:MM (with :SS only when needed) */
function formatOffsetId(totalSeconds: number): string {
  if (totalSeconds === 0) return 'Z';
  const sign = totalSeconds < 0 ? '-' : '+';
  const abs = Math.abs(totalSeconds);
  const seconds = abs % 60;
  const text = `${sign}${pad2(Math.trunc(abs / 3_600))}:${pad2(Math.trunc(abs / 60) % 60)}`;
  return seconds === 0 ? text : `${text}:${pad2(seconds)}`;
}

/**
 * feelin keeps the zone as written: `UTC` for a `Z` suffix, `+02:00` for an offset, a region id
 * such as `Europe/Berlin` otherwise. Only region ids are "named" zones.
 */
function isOffsetZone(zone: string): boolean {
  return zone === 'UTC' || zone === 'Z' || /^[+-]\d{2}(:?\d{2}(:?\d{2})?)?$/.test(zone);
}

/**
 * The zone's offset from UTC at this value, in seconds. feelin's `time offset` property gives the
 * same number as a FeelDuration, but building one formats it as ISO text through
 * `toLocaleString` (the polyfill's way of writing numbers), which costs more than the whole rest
 * of an evaluation; so the offset is read the way feelin computes it, without the duration:
 * fixed offsets (`UTC`, `+02:00`, `-03:30:15`) from their text, named zones from Temporal at this
 * wall-clock time (a time of day is placed on 1970-01-01, as feelin does).
 */
function offsetSecondsOf(value: FeelTime | FeelDateTime): number {
  const zone = value.zone;
  if (zone === null || zone === 'UTC') return 0;
  const fixed = FIXED_OFFSET.exec(zone);
  if (fixed) {
    const seconds = Number(fixed[2]) * 3_600 + Number(fixed[3]) * 60 + Number(fixed[4] ?? 0);
    return fixed[1] === '-' ? 0 - seconds : seconds;
  }
  const zoned = value instanceof FeelTime
    ? REFERENCE_DATE.toZonedDateTime({ plainTime: value.unwrap(), timeZone: zone })
    : value.unwrap().toZonedDateTime(zone);
  return Math.trunc(zoned.offsetNanoseconds / 1e9);
}

const FIXED_OFFSET = /^([+-])(\d{2}):(\d{2})(?::(\d{2}))?$/;
const REFERENCE_DATE = parseDate('1970-01-01')!.unwrap();

function nanosOf(value: FeelTime | FeelDateTime): number {
  const clock = value.value;
  return clock.millisecond * 1_000_000 + clock.microsecond * 1_000 + clock.nanosecond;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
