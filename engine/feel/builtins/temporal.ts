// Temporal builtins that depend on the engine's clock, plus `last day of month`.
//
// feelin's own `now()` / `today()` read the system clock; the engine has its own clock (tests and
// replays move it), so we shadow both. Zeebe's clock hands FEEL the instant in the JVM's default
// time zone, so `now()` here is the instant in the process's default zone and `today()` the date
// there; a result is stored with the zone's offset (`2024-05-01T10:00:00Z` under UTC).

import { FeelDate, FeelDateTime, toFeel } from 'feelin';
import { currentInstant } from '../evaluation-state.js';
import { builtin, param } from './define.js';

let cachedZone: { tz: string | undefined; zone: string } | undefined;

/** the process's default time zone; re-read when TZ changes, as Node itself does */
function defaultZone(): string {
  const tz = process.env.TZ;
  if (cachedZone === undefined || cachedZone.tz !== tz) {
    let zone = 'UTC';
    try {
      zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
    } catch {
      // an unusable ICU setup: stay with UTC
    }
    cachedZone = { tz, zone };
  }
  return cachedZone.zone;
}

/**
 * The clock's instant as a FeelDateTime in the default zone. feelin's `toFeel(date)` goes from
 * the epoch through Temporal.Instant and ZonedDateTime to a PlainDateTime, which costs several
 * times more than building the PlainDateTime from the Date's UTC fields (the same calendar
 * fields, exactly: both are the proleptic Gregorian calendar in UTC). The constructor comes from
 * a value feelin made, so this module stays on the Temporal implementation feelin uses.
 */
function utcNow(): FeelDateTime {
  const instant = currentInstant();
  // an invalid Date keeps feelin's own handling (and its error)
  if (!Number.isFinite(instant.getTime())) return toFeel(instant) as FeelDateTime;
  const wallClock = new PlainDateTime(
    instant.getUTCFullYear(), instant.getUTCMonth() + 1, instant.getUTCDate(),
    instant.getUTCHours(), instant.getUTCMinutes(), instant.getUTCSeconds(), instant.getUTCMilliseconds(),
  );
  return new FeelDateTime(wallClock, 'UTC');
}

type PlainDateTimeValue = ReturnType<FeelDateTime['unwrap']>;
const PlainDateTime = (toFeel(new Date(0)) as FeelDateTime).unwrap().constructor as new (
  year: number, month: number, day: number, hour: number, minute: number, second: number, millisecond: number,
) => PlainDateTimeValue;

function zonedNow(): FeelDateTime {
  const utc = utcNow();
  const zone = defaultZone();
  if (zone === 'UTC') return utc;
  const zoned = utc.value.toZonedDateTime('UTC').withTimeZone(zone);
  return new FeelDateTime(zoned.toPlainDateTime(), zone);
}

export const temporalBuiltins = {
  now: builtin({
    name: 'now',
    params: [],
    body: () => zonedNow(),
  }),

  today: builtin({
    name: 'today',
    params: [],
    body: () => new FeelDate(zonedNow().value.toPlainDate()),
  }),

  /** the last day of the month of a date (or of the date part of a date and time) */
  'last day of month': builtin({
    name: 'last day of month',
    params: [param('date', 'date')],
    body: ([date]) => {
      const day = date instanceof FeelDateTime ? date.value.toPlainDate() : (date as FeelDate).value;
      return new FeelDate(day.with({ day: day.daysInMonth }));
    },
  }),
};
