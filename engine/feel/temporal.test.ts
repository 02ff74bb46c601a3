import { afterEach, describe, expect, it, vi } from 'vitest';
import { evaluateFeel, type FeelOutcome } from './index.js';

function valueOf(outcome: FeelOutcome): unknown {
  if (!outcome.ok) throw new Error(`expected success but got: ${outcome.message}`);
  return outcome.value;
}

function evaluateAll(expressions: string[], variables: Record<string, unknown> = {}): unknown[] {
  return expressions.map((e) => valueOf(evaluateFeel(e, variables)));
}

describe('temporal results', () => {
  it('stores dates as ISO dates', () => {
    // given
    const expressions = ['=date("2024-05-01")', '=@"2024-05-01"', '=date(2024, 2, 29)', '=date("2024-01-31") + duration("P1M")'];

    // when
    const values = evaluateAll(expressions);

    // then
    expect(values).toEqual(['2024-05-01', '2024-05-01', '2024-02-29', '2024-02-29']);
  });

  it('stores dates and times with Z, an offset, or a named zone written as its offset', () => {
    // given
    const expressions = [
      '=date and time("2024-05-01T10:00:00Z")',
      '=date and time("2024-05-01T10:00:00+00:00")',
      '=date and time("2024-05-01T10:00:00+02:00")',
      '=date and time("2024-05-01T10:00:00@Europe/Berlin")',
      '=date and time("2024-01-15T10:00:00@Europe/Berlin")',
      '=date and time("2024-05-01T10:00:00.120Z")',
    ];

    // when
    const values = evaluateAll(expressions);

    // then
    expect(values).toEqual([
      '2024-05-01T10:00:00Z',
      '2024-05-01T10:00:00Z',
      '2024-05-01T10:00:00+02:00',
      '2024-05-01T10:00:00+02:00',
      '2024-01-15T10:00:00+01:00',
      '2024-05-01T10:00:00.12Z',
    ]);
  });

  it('stores local dates and times without a zone', () => {
    // given
    const expressions = ['=date and time("2024-05-01T10:00:00")', '=date and time(date("2024-05-01"), time("08:30:00"))'];

    // when
    const values = evaluateAll(expressions);

    // then
    expect(values).toEqual(['2024-05-01T10:00:00', '2024-05-01T08:30:00']);
  });

  it('stores times as Zeebe does: local times omit zero seconds, zoned times keep them', () => {
    // given
    const expressions = ['=time("10:00:00")', '=time("10:00:05")', '=time("10:00:00.5")', '=time("10:00:00Z")', '=time("10:00:00-05:30")', '=time("10:00:00@Europe/Berlin")'];

    // when
    const values = evaluateAll(expressions);

    // then
    expect(values).toEqual(['10:00', '10:00:05', '10:00:00.500', '10:00:00Z', '10:00:00-05:30', '10:00:00@Europe/Berlin']);
  });

  it('stores days-time durations with hours above a day rolled into days', () => {
    // given
    const expressions = ['=duration("P1D")', '=duration("PT90M")', '=duration("PT36H")', '=duration("PT0S")', '=duration("-PT5M")', '=duration("PT1.5S")'];

    // when
    const values = evaluateAll(expressions);

    // then
    expect(values).toEqual(['P1D', 'PT1H30M', 'P1DT12H', 'P0D', '-PT5M', 'PT1S']);
  });

  it('stores years-months durations normalised', () => {
    // given
    const expressions = ['=duration("P14M")', '=duration("P1Y2M")', '=duration("-P2Y")', '=years and months duration(date("2020-01-01"), date("2020-01-31"))'];

    // when
    const values = evaluateAll(expressions);

    // then
    expect(values).toEqual(['P1Y2M', 'P1Y2M', '-P2Y', 'P0Y']);
  });

  it('computes differences between temporal values as durations', () => {
    // given
    const variables = { start: '2024-05-01T08:30:00Z', end: '2024-05-01T10:00:00Z' };

    // when
    const values = evaluateAll(['=date and time(end) - date and time(start)', '=date("2024-05-01") - date("2024-04-01")'], variables);

    // then
    expect(values).toEqual(['PT1H30M', 'P30D']);
  });

  it('converts temporal values inside lists and contexts', () => {
    // given
    const expression = '={due: date("2024-05-01"), reminders: [duration("P1D"), duration("PT2H")]}';

    // when
    const value = valueOf(evaluateFeel(expression, {}));

    // then
    expect(value).toEqual({ due: '2024-05-01', reminders: ['P1D', 'PT2H'] });
  });

  it('writes a named zone as the offset it has at that date and time, on both sides of a DST change', () => {
    // given: Berlin moves from +01:00 to +02:00 on 2024-03-31 and back on 2024-10-27
    const times = ['2024-03-31T01:30:00@Europe/Berlin', '2024-03-31T03:30:00@Europe/Berlin', '2024-10-27T03:30:00@Europe/Berlin'];

    // when
    const values = times.map((t) => valueOf(evaluateFeel('=date and time(t)', { t })));
    const json = times.map((t) => valueOf(evaluateFeel('=to json(date and time(t))', { t })));

    // then
    expect(values).toEqual(['2024-03-31T01:30:00+01:00', '2024-03-31T03:30:00+02:00', '2024-10-27T03:30:00+01:00']);
    expect(json).toEqual([
      '"2024-03-31T01:30:00+01:00[Europe/Berlin]"',
      '"2024-03-31T03:30:00+02:00[Europe/Berlin]"',
      '"2024-10-27T03:30:00+01:00[Europe/Berlin]"',
    ]);
  });

  it('writes offsets of half hours, of seconds and of local mean time exactly', () => {
    // given: Newfoundland's summer offset, a sub-minute fixed offset, Shanghai before 1901 (+08:05:43)
    const expressions = [
      '=date and time("2024-05-01T10:00:00@America/St_Johns")',
      '=date and time("2024-05-01T10:00:00-03:30")',
      '=time("10:00:00+01:30:15")',
      '=date and time("1900-01-01T10:00:00@Asia/Shanghai")',
      '=to json(time("10:00:00@Asia/Kolkata"))',
      '=date and time("2024-05-01T10:00:00-00:00")',
    ];

    // when
    const values = evaluateAll(expressions);

    // then
    expect(values).toEqual([
      '2024-05-01T10:00:00-02:30',
      '2024-05-01T10:00:00-03:30',
      '10:00:00+01:30:15',
      '1900-01-01T10:00:00+08:05:43',
      '"10:00:00+05:30[Asia/Kolkata]"',
      '2024-05-01T10:00:00Z',
    ]);
  });

  it('reads properties of temporal values', () => {
    // given
    const variables = { due: '2024-05-01T10:00:00@Europe/Berlin' };

    // when
    const values = evaluateAll(['=date and time(due).year', '=date and time(due).weekday', '=date and time(due).timezone', '=date and time(due).time offset'], variables);

    // then
    expect(values).toEqual([2024, 3, 'Europe/Berlin', 'PT2H']);
  });
});

describe('the engine clock', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('answers now() with the injected instant', () => {
    // given
    const now = new Date('2024-05-01T10:00:00.123Z');

    // when
    const value = valueOf(evaluateFeel('=now()', {}, { now }));

    // then: whatever the process's time zone, it is the same instant
    expect(Date.parse(value as string)).toBe(now.getTime());
  });

  it('answers today() with the injected date', () => {
    // given
    vi.stubEnv('TZ', 'UTC');
    const now = new Date('2024-05-01T23:30:00Z');

    // when
    const value = valueOf(evaluateFeel('=today()', {}, { now }));

    // then
    expect(value).toBe('2024-05-01');
  });

  it('uses the process time zone, as Zeebe uses the JVM default zone', () => {
    // given
    vi.stubEnv('TZ', 'Asia/Shanghai');
    const now = new Date('2024-05-01T23:30:00Z');

    // when
    const values = ['=now()', '=today()', '=now().timezone'].map((e) => valueOf(evaluateFeel(e, {}, { now })));

    // then
    expect(values).toEqual(['2024-05-02T07:30:00+08:00', '2024-05-02', 'Asia/Shanghai']);
  });

  it('writes now() under UTC with Z', () => {
    // given
    vi.stubEnv('TZ', 'UTC');
    const now = new Date('2024-05-01T10:00:00Z');

    // when
    const value = valueOf(evaluateFeel('=now()', {}, { now }));

    // then
    expect(value).toBe('2024-05-01T10:00:00Z');
  });

  it('keeps the clock\'s milliseconds and dates far from today', () => {
    // given
    vi.stubEnv('TZ', 'UTC');
    const instants = ['2024-05-01T10:00:00.123Z', '1969-12-31T23:59:59.500Z', '+012024-01-01T00:00:00Z'];

    // when
    const values = instants.map((iso) => valueOf(evaluateFeel('=[now(), today()]', {}, { now: new Date(iso) })));

    // then
    expect(values).toEqual([
      ['2024-05-01T10:00:00.123Z', '2024-05-01'],
      ['1969-12-31T23:59:59.5Z', '1969-12-31'],
      ['+12024-01-01T00:00:00Z', '+12024-01-01'],
    ]);
  });

  it('answers now() in a zone with summer time with the offset of that instant', () => {
    // given: Berlin's clocks go from 02:00 +01:00 to 03:00 +02:00 at 01:00 UTC on 2024-03-31
    vi.stubEnv('TZ', 'Europe/Berlin');
    const instants = ['2024-03-31T00:59:59Z', '2024-03-31T01:00:00Z', '2024-10-27T00:59:59Z', '2024-10-27T02:00:00Z'];

    // when
    const values = instants.map((iso) => valueOf(evaluateFeel('=now()', {}, { now: new Date(iso) })));

    // then
    expect(values).toEqual(['2024-03-31T01:59:59+01:00', '2024-03-31T03:00:00+02:00', '2024-10-27T02:59:59+02:00', '2024-10-27T03:00:00+01:00']);
  });

  it('answers today() with the date in the process time zone around its midnight', () => {
    // given: midnight in Shanghai is 16:00 UTC
    vi.stubEnv('TZ', 'Asia/Shanghai');

    // when
    const before = valueOf(evaluateFeel('=[now(), today()]', {}, { now: new Date('2024-05-01T15:59:59.999Z') }));
    const after = valueOf(evaluateFeel('=[now(), today()]', {}, { now: new Date('2024-05-01T16:00:00Z') }));

    // then
    expect(before).toEqual(['2024-05-01T23:59:59.999+08:00', '2024-05-01']);
    expect(after).toEqual(['2024-05-02T00:00:00+08:00', '2024-05-02']);
  });

  it('fails an evaluation of now() against an invalid clock instead of inventing a time', () => {
    // when
    const outcome = evaluateFeel('=now()', {}, { now: new Date(Number.NaN) });

    // then
    expect(outcome.ok).toBe(false);
  });

  it('computes with the injected clock', () => {
    // given
    vi.stubEnv('TZ', 'UTC');
    const now = new Date('2024-05-01T10:00:00Z');
    const variables = { deadline: '2024-05-03T10:00:00Z' };

    // when
    const values = ['=date and time(deadline) - now()', '=now() < date and time(deadline)', '=today() + duration("P1D")'].map((e) =>
      valueOf(evaluateFeel(e, variables, { now })),
    );

    // then
    expect(values).toEqual(['P2D', true, '2024-05-02']);
  });
});
