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

function zonedNow(): FeelDateTime {
  const utc = toFeel(currentInstant()) as FeelDateTime;
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
