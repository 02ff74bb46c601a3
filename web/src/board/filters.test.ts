import { describe, expect, test } from 'vitest';
import { filtersOf, hasNarrowing, placeLabel, placeOptions, placeValue, queryOf, sameFilters, withPlace, yearOf, yearParam, yearsUpTo, type Place } from './filters';

const places: Place[] = [
  { id: 'dingshan', name: '鼎山镇', kind: 'township', villages: [{ id: 'dingshan-huangliang', name: '黄梁村', kind: 'village' }] },
  { id: 'dongcheng', name: '东城街道', kind: 'street', villages: [{ id: 'dongcheng-wenchang', name: '文昌社区', kind: 'community' }] },
];

describe('the board\'s filters in the address', () => {
  test('read from a route query: known names only, blanks left out, the first of repeated values, trimmed', () => {
    expect(filtersOf({ status: 'closed', q: '  路灯 ', level: '', other: 'x', townshipId: ['dingshan', 'dongcheng'], villageId: null })).toEqual({
      status: 'closed',
      q: '路灯',
      townshipId: 'dingshan',
    });
  });

  test('written in a fixed order, so that equal filters give equal addresses', () => {
    expect(Object.keys(queryOf({ q: 'a', status: 'open', townshipId: 't' }))).toEqual(['townshipId', 'status', 'q']);
    expect(queryOf({ q: ' ', status: undefined })).toEqual({});
    expect(sameFilters({ status: 'open', q: 'x' }, { q: 'x', status: 'open' })).toBe(true);
    expect(sameFilters({ status: 'open' }, { status: 'closed' })).toBe(false);
  });

  test('the search words alone are not a narrowing filter', () => {
    expect(hasNarrowing({ q: '路灯' })).toBe(false);
    expect(hasNarrowing({ unitId: 'water-bureau' })).toBe(true);
  });
});

describe('the place picker', () => {
  test('offers every place, then each township whole or one of its villages', () => {
    const options = placeOptions(places, { allPlaces: '全部', wholeTownship: '全镇' });
    expect(options[0]).toEqual({ text: '全部', value: '' });
    expect(options[1]).toEqual({
      text: '鼎山镇',
      value: 'p:dingshan',
      children: [
        { text: '全镇', value: 't:dingshan' },
        { text: '黄梁村', value: 'v:dingshan-huangliang' },
      ],
    });
  });

  test('a pick sets the township (and village), keeps the other filters, and reads back', () => {
    expect(withPlace({ status: 'open', villageId: 'old' }, places, 't:dongcheng')).toEqual({ status: 'open', townshipId: 'dongcheng' });
    const village = withPlace({ q: 'x' }, places, 'v:dingshan-huangliang');
    expect(village).toEqual({ q: 'x', townshipId: 'dingshan', villageId: 'dingshan-huangliang' });
    expect(placeValue(village)).toBe('v:dingshan-huangliang');
    expect(withPlace(village, places, '')).toEqual({ q: 'x' });
    expect(placeValue({})).toBe('');
  });

  test('labels the chosen place, ids as they are when unknown', () => {
    expect(placeLabel(places, {})).toBeUndefined();
    expect(placeLabel(places, { townshipId: 'dingshan' })).toBe('鼎山镇');
    expect(placeLabel(places, { villageId: 'dingshan-huangliang' })).toBe('鼎山镇 / 黄梁村');
    expect(placeLabel([], { townshipId: 'x', villageId: 'y' })).toBe('x / y');
  });
});

describe('the units view\'s years', () => {
  test('the API\'s year and the four before it', () => {
    expect(yearsUpTo(2025)).toEqual([2025, 2024, 2023, 2022, 2021]);
    expect(yearOf('2026-12-04T03:24:19+08:00')).toBe(2026);
    expect(yearOf(null)).toBeUndefined();
  });

  test('a year in the address only when the API would take it', () => {
    expect(yearParam('2024')).toBe(2024);
    expect(yearParam('1999')).toBeUndefined();
    expect(yearParam('20x4')).toBeUndefined();
    expect(yearParam(undefined)).toBeUndefined();
  });
});
