import { describe, expect, it } from 'vitest';
import { addIsoDuration, isCalendarBased, nextCronTime, parseCron, parseIsoDuration, parseTimeCycle, parseTimeDate } from './timer-syntax.js';

function ok<T>(parsed: { ok: true; value: T } | { ok: false; error: string }): T {
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

describe('parseIsoDuration', () => {
  it('parses time, date and combined durations, weeks, fractions and signs', () => {
    // given / when / then
    expect(ok(parseIsoDuration('PT10S'))).toEqual({ years: 0, months: 0, days: 0, hours: 0, minutes: 0, seconds: 10 });
    expect(ok(parseIsoDuration('P1Y2M3W4DT5H6M7.5S'))).toEqual({ years: 1, months: 2, days: 25, hours: 5, minutes: 6, seconds: 7.5 });
    expect(ok(parseIsoDuration('P3D'))).toEqual({ years: 0, months: 0, days: 3, hours: 0, minutes: 0, seconds: 0 });
    expect(ok(parseIsoDuration('PT1,25S')).seconds).toBe(1.25);
    expect(ok(parseIsoDuration('-PT5M'))).toEqual({ years: 0, months: 0, days: 0, hours: 0, minutes: -5, seconds: 0 });
    expect(ok(parseIsoDuration(' p1m '))).toEqual({ years: 0, months: 1, days: 0, hours: 0, minutes: 0, seconds: 0 });
  });

  it('rejects what is not an ISO-8601 duration', () => {
    // given
    const invalid = ['', 'P', 'PT', 'P1DT', '10S', 'PT1H30', 'P1.5D', 'PT1S2M', '1 hour'];

    // when
    const results = invalid.map(parseIsoDuration);

    // then
    for (const result of results) expect(result.ok).toBe(false);
  });

  it('adds calendar parts in local time (clamping to the month end) and exact parts in milliseconds', () => {
    // given
    const endOfJanuary = new Date(2024, 0, 31, 10, 0, 0).getTime();

    // when
    const plusMonth = addIsoDuration(endOfJanuary, ok(parseIsoDuration('P1M')));
    const plusDayAndHours = addIsoDuration(endOfJanuary, ok(parseIsoDuration('P1DT2H')));
    const plusSeconds = addIsoDuration(endOfJanuary, ok(parseIsoDuration('PT1.5S')));

    // then
    expect(plusMonth).toBe(new Date(2024, 1, 29, 10, 0, 0).getTime());
    expect(plusDayAndHours).toBe(new Date(2024, 1, 1, 10, 0, 0).getTime() + 2 * 3_600_000);
    expect(plusSeconds).toBe(endOfJanuary + 1500);
    expect(isCalendarBased(ok(parseIsoDuration('PT25H')))).toBe(true);
    expect(isCalendarBased(ok(parseIsoDuration('PT2H')))).toBe(false);
    expect(addIsoDuration(0, ok(parseIsoDuration('P999999Y')))).toBeNaN();
  });
});

describe('parseTimeDate', () => {
  it('parses date-times with Z, an offset, or an offset and a zone', () => {
    // given / when / then
    expect(ok(parseTimeDate('2024-01-01T10:00:00Z'))).toEqual({ epochMillis: Date.UTC(2024, 0, 1, 10), offsetMinutes: 0 });
    expect(ok(parseTimeDate('2024-01-01T10:00+02:00'))).toEqual({ epochMillis: Date.UTC(2024, 0, 1, 8), offsetMinutes: 120 });
    expect(ok(parseTimeDate('2024-07-01T10:00:00.250-05:30')).epochMillis).toBe(Date.UTC(2024, 6, 1, 15, 30, 0, 250));
    expect(ok(parseTimeDate('2024-07-01T10:00:00+02:00[Europe/Berlin]'))).toEqual({
      epochMillis: Date.UTC(2024, 6, 1, 8),
      offsetMinutes: 120,
      zoneId: 'Europe/Berlin',
    });
  });

  it('lets the zone win over an offset that does not apply', () => {
    // given: Berlin is +01:00 in January
    const text = '2024-01-15T10:00:00+05:00[Europe/Berlin]';

    // when
    const parsed = ok(parseTimeDate(text));

    // then
    expect(parsed.epochMillis).toBe(Date.UTC(2024, 0, 15, 9));
  });

  it('rejects dates without offset, impossible dates and unknown zones', () => {
    // given
    const invalid = ['2024-01-01T10:00:00', '2024-01-01', '2023-02-29T00:00:00Z', '2024-13-01T00:00:00Z', '2024-01-01T24:00:00Z', '2024-01-01T10:00:00Z[Mars/Base]', 'tomorrow'];

    // when
    const results = invalid.map(parseTimeDate);

    // then
    for (const result of results) expect(result.ok).toBe(false);
    expect(parseTimeDate('2024-02-29T00:00:00Z').ok).toBe(true);
  });
});

describe('parseTimeCycle', () => {
  it('parses repeating intervals with a count, forever, and with a start', () => {
    // given / when / then
    expect(ok(parseTimeCycle('R5/PT10S'))).toEqual({
      kind: 'repeating',
      repetitions: 5,
      interval: { years: 0, months: 0, days: 0, hours: 0, minutes: 0, seconds: 10 },
    });
    expect(ok(parseTimeCycle('R/P1D'))).toMatchObject({ kind: 'repeating', repetitions: -1, interval: { days: 1 } });
    expect(ok(parseTimeCycle('R3/2024-01-01T00:00:00Z/P1D'))).toMatchObject({
      kind: 'repeating',
      repetitions: 3,
      start: { epochMillis: Date.UTC(2024, 0, 1) },
      interval: { days: 1 },
    });
  });

  it('rejects broken repeating intervals', () => {
    // given
    const invalid = ['R5', 'Rx/PT1S', 'R5/PT', 'R/2024-01-01/P1D', 'R/P1D/'];

    // when
    const results = invalid.map(parseTimeCycle);

    // then
    for (const result of results) expect(result.ok).toBe(false);
  });

  it('parses cron expressions with ranges, steps, lists, names and macros', () => {
    // given / when
    const weekdays = ok(parseCron('0 0 9-17 * * MON-FRI'));
    const steps = ok(parseCron('*/15 0,30 */6 1,15 JAN-MAR ?'));
    const daily = ok(parseTimeCycle('@daily'));

    // then
    expect(weekdays).toMatchObject({ kind: 'cron', seconds: [0], minutes: [0], hours: [9, 10, 11, 12, 13, 14, 15, 16, 17], months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] });
    expect(weekdays.daysOfMonth.any).toBe(true);
    expect(weekdays.daysOfWeek.entries).toEqual([1, 2, 3, 4, 5].map((day) => ({ kind: 'day', day })));
    expect(steps).toMatchObject({ seconds: [0, 15, 30, 45], minutes: [0, 30], hours: [0, 6, 12, 18], months: [1, 2, 3] });
    expect(steps.daysOfMonth.entries).toEqual([{ kind: 'day', day: 1 }, { kind: 'day', day: 15 }]);
    expect(steps.daysOfWeek.any).toBe(true);
    expect(daily).toMatchObject({ kind: 'cron', expression: '@daily', seconds: [0], minutes: [0], hours: [0] });
  });

  it('parses the special day entries L, L-n, nW, LW, dL and d#n', () => {
    // given / when
    const lastDays = ok(parseCron('0 0 0 L,L-2,15W,LW * ?'));
    const weekdays = ok(parseCron('0 0 0 ? * 5L,MON#2,7'));

    // then
    expect(lastDays.daysOfMonth.entries).toEqual([
      { kind: 'last', offset: 0 },
      { kind: 'last', offset: 2 },
      { kind: 'nearestWeekday', day: 15 },
      { kind: 'lastWeekday' },
    ]);
    expect(weekdays.daysOfWeek.entries).toEqual([
      { kind: 'last', day: 5 },
      { kind: 'nth', day: 1, nth: 2 },
      { kind: 'day', day: 0 },
    ]);
  });

  it('rejects broken cron expressions', () => {
    // given
    const invalid = ['0 0 * * *', '0 0 25 * * *', '0 60 * * * *', '0 0 0 ? * FUNDAY', '0 0 0 * * * 2024', '? 0 0 * * *', '0 0 0 5-1 * *', '0 */0 * * * *', 'every day'];

    // when
    const results = invalid.map(parseTimeCycle);

    // then
    for (const result of results) expect(result.ok, JSON.stringify(result)).toBe(false);
  });
});

describe('nextCronTime', () => {
  it('finds the next matching local time strictly after the given time', () => {
    // given: Wednesday 2024-01-03 10:00:00 local time
    const from = new Date(2024, 0, 3, 10, 0, 0).getTime();

    // when / then
    expect(nextCronTime(ok(parseCron('0 0 9-17 * * MON-FRI')), from)).toBe(new Date(2024, 0, 3, 11, 0, 0).getTime());
    expect(nextCronTime(ok(parseCron('0 0 9 * * SAT')), from)).toBe(new Date(2024, 0, 6, 9, 0, 0).getTime());
    expect(nextCronTime(ok(parseCron('0 0 0 L * ?')), from)).toBe(new Date(2024, 0, 31, 0, 0, 0).getTime());
    expect(nextCronTime(ok(parseCron('0 0 0 ? * MON#2')), from)).toBe(new Date(2024, 0, 8, 0, 0, 0).getTime());
    expect(nextCronTime(ok(parseCron('0 0 0 ? * FRIL')), from)).toBe(new Date(2024, 0, 26, 0, 0, 0).getTime());
    // 2024-06-15 is a Saturday: the nearest weekday is Friday the 14th
    expect(nextCronTime(ok(parseCron('0 0 0 15W 6 ?')), from)).toBe(new Date(2024, 5, 14, 0, 0, 0).getTime());
    expect(nextCronTime(ok(parseCron('0 0 0 29 2 ?')), from)).toBe(new Date(2024, 1, 29, 0, 0, 0).getTime());
    expect(nextCronTime(ok(parseCron('0 0 0 31 2 ?')), from)).toBeUndefined();
  });
});
