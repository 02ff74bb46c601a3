// The board's filters live in the address (`/board?townshipId=dingshan&status=closed&q=路灯`), so a
// link or a bookmark shows the same view; these turn one into the other and into the API's query.
// Plain TS (no DOM) so that it has unit tests beside it.

export const FILTER_NAMES = ['townshipId', 'villageId', 'unitId', 'level', 'domain', 'listType', 'status', 'q'] as const;
export type FilterName = (typeof FILTER_NAMES)[number];
export type Filters = Partial<Record<FilterName, string>>;

/** The statuses the API's `status` filter takes (README: open, closed, overdue, blocked). */
export const BOARD_STATUSES = ['open', 'closed', 'overdue', 'blocked'] as const;

type RouteQuery = Record<string, string | null | (string | null)[] | undefined>;

function first(value: RouteQuery[string]): string | undefined {
  const one = Array.isArray(value) ? value[0] : value;
  if (one === null || one === undefined) return undefined;
  const text = one.trim();
  return text === '' ? undefined : text;
}

/** The filters a route's query holds (blank and unknown names left out). */
export function filtersOf(query: RouteQuery): Filters {
  const out: Filters = {};
  for (const name of FILTER_NAMES) {
    const value = first(query[name]);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

/** The route query for filters: only those set, in a fixed order so equal filters give equal URLs. */
export function queryOf(filters: Filters): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of FILTER_NAMES) {
    const value = filters[name]?.trim();
    if (value !== undefined && value !== '') out[name] = value;
  }
  return out;
}

export function sameFilters(a: Filters, b: Filters): boolean {
  return JSON.stringify(queryOf(a)) === JSON.stringify(queryOf(b));
}

/** Filters other than the search words: what "clear filters" removes. */
export function hasNarrowing(filters: Filters): boolean {
  return FILTER_NAMES.some((name) => name !== 'q' && filters[name] !== undefined);
}

export interface Place {
  id: string;
  name: string;
  kind: string;
  villages: { id: string; name: string; kind: string }[];
}

export interface PlaceOption {
  text: string;
  value: string;
  children?: PlaceOption[];
}

/**
 * The place picker's options: every place, then each township (its whole area, or one of its
 * villages). Values say what they select: '' nothing, `t:<id>` a township, `v:<id>` a village.
 */
export function placeOptions(places: Place[], words: { allPlaces: string; wholeTownship: string }): PlaceOption[] {
  return [
    { text: words.allPlaces, value: '' },
    ...places.map((p) => ({
      text: p.name,
      value: `p:${p.id}`,
      children: [{ text: words.wholeTownship, value: `t:${p.id}` }, ...p.villages.map((v) => ({ text: v.name, value: `v:${v.id}` }))],
    })),
  ];
}

/** The filters after picking `value` in the place picker (other filters kept). */
export function withPlace(filters: Filters, places: Place[], value: string): Filters {
  const { townshipId: _t, villageId: _v, ...rest } = filters;
  if (value.startsWith('t:')) return { ...rest, townshipId: value.slice(2) };
  if (value.startsWith('v:')) {
    const id = value.slice(2);
    const township = places.find((p) => p.villages.some((v) => v.id === id));
    return { ...rest, ...(township === undefined ? {} : { townshipId: township.id }), villageId: id };
  }
  return rest;
}

/** The picker's value for the filters' place. */
export function placeValue(filters: Filters): string {
  if (filters.villageId !== undefined) return `v:${filters.villageId}`;
  if (filters.townshipId !== undefined) return `t:${filters.townshipId}`;
  return '';
}

/** "鼎山镇 / 黄梁村" for the filters' place, or undefined when none is chosen (ids shown as they are when unknown). */
export function placeLabel(places: Place[], filters: Filters): string | undefined {
  if (filters.townshipId === undefined && filters.villageId === undefined) return undefined;
  const township = places.find((p) => p.id === filters.townshipId) ?? places.find((p) => p.villages.some((v) => v.id === filters.villageId));
  const village = township?.villages.find((v) => v.id === filters.villageId);
  const townshipName = township?.name ?? filters.townshipId;
  const villageName = filters.villageId === undefined ? undefined : (village?.name ?? filters.villageId);
  return [townshipName, villageName].filter((s): s is string => s !== undefined).join(' / ');
}

/** The years the units view offers: the API's current year (from its default period) and the four before it. */
export function yearsUpTo(currentYear: number, count = 5): number[] {
  return Array.from({ length: count }, (_, i) => currentYear - i);
}

/** The year of a `YYYY-MM-DD` period start, or undefined. */
export function yearOf(date: string | null | undefined): number | undefined {
  const match = /^(\d{4})-/.exec(date ?? '');
  return match === null ? undefined : Number(match[1]);
}

/** A `year` from the route's query when it is a plausible year (the API takes 2000–2100). */
export function yearParam(value: RouteQuery[string]): number | undefined {
  const text = first(value);
  if (text === undefined || !/^\d{4}$/.test(text)) return undefined;
  const year = Number(text);
  return year >= 2000 && year <= 2100 ? year : undefined;
}
