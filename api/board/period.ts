// Periods given as Beijing dates (what people pick on a page): YYYY-MM-DD, both ends inclusive.
import { invalidField, t } from '../problems.js';

const DAY_MS = 86_400_000;
const BEIJING_MS = 8 * 3_600_000;

/** Midnight at the start of a Beijing date. */
export function beijingDay(date: string, field = 'querystring.from'): Date {
  const at = new Date(`${date}T00:00:00+08:00`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(at.getTime())) throw invalidField(field, t('日期格式应为 YYYY-MM-DD', 'a date is YYYY-MM-DD'));
  return at;
}

/** The Beijing calendar year `now` falls in. */
export const beijingYear = (now: Date): number => new Date(now.getTime() + BEIJING_MS).getUTCFullYear();

export interface Period {
  /** inclusive */
  from?: Date;
  /** exclusive: the midnight after the last day */
  to?: Date;
}

/** `from`/`to` dates (inclusive), else the given year, else `defaultYear` (undefined: no bound). */
export function periodOf(q: { from?: string; to?: string; year?: number }, defaultYear?: number): Period & { label: { from: string | null; to: string | null } } {
  if (q.from !== undefined || q.to !== undefined) {
    const from = q.from === undefined ? undefined : beijingDay(q.from);
    const to = q.to === undefined ? undefined : new Date(beijingDay(q.to, 'querystring.to').getTime() + DAY_MS);
    if (from !== undefined && to !== undefined && from >= to) throw invalidField('querystring.to', t('结束日期不能早于开始日期', 'to must not be before from'));
    return { from, to, label: { from: q.from ?? null, to: q.to ?? null } };
  }
  const year = q.year ?? defaultYear;
  if (year === undefined) return { label: { from: null, to: null } };
  return { from: beijingDay(`${year}-01-01`), to: beijingDay(`${year + 1}-01-01`), label: { from: `${year}-01-01`, to: `${year}-12-31` } };
}
