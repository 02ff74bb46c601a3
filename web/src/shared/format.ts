// Times as people in the district see them: Beijing time, whatever the device's zone.
const ZONE = 'Asia/Shanghai';

function parts(iso: string): Record<string, string> | undefined {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return undefined;
  const out: Record<string, string> = {};
  const format = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  for (const p of format.formatToParts(date)) out[p.type] = p.value;
  return out;
}

/** `2025-03-03 09:00` */
export function dateTime(iso: string | null | undefined): string {
  if (iso === null || iso === undefined) return '';
  const p = parts(iso);
  return p === undefined ? iso : `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** `2025-03-03` */
export function date(iso: string | null | undefined): string {
  if (iso === null || iso === undefined) return '';
  const p = parts(iso);
  return p === undefined ? iso : `${p.year}-${p.month}-${p.day}`;
}

/** A rate from 0 to 1 as a percentage with one decimal, or a dash when nothing counts. */
export function percent(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)}%`;
}
