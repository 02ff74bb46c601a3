// Small reads the handlers share: a request that must exist, and times as the process and the
// notices show them.
import type { Conn } from '../../store/db.js';
import { getRequest, type RequestRow } from '../../store/requests.js';
import { IncidentError } from './job.js';

/** The request, or an incident: a job for a request the store does not hold cannot succeed by retrying. */
export function requestOf(conn: Conn, requestId: string): RequestRow {
  const row = getRequest(conn, requestId);
  if (row === undefined) throw new IncidentError(`no request "${requestId}" in the store`);
  return row;
}

/** ISO 8601 in UTC without milliseconds, as workflows/README.md writes dates (`2025-03-18T01:00:00Z`). */
export function isoUtc(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/** `2025-03-18 09:00` in Beijing time, for notices people read. */
export function beijingTime(date: Date | string): string {
  const d = typeof date === 'string' ? new Date(date) : date;
  if (Number.isNaN(d.getTime())) return String(date);
  return new Date(d.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** The ISO week of a date in Beijing time, e.g. `2025-W10`: the period of a weekly report. */
export function isoWeek(date: Date): string {
  const local = new Date(date.getTime() + CHINA_OFFSET_MS);
  const day = local.getUTCDay() || 7;
  const thursday = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + 4 - day));
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((thursday.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** 1 January 00:00 Beijing time of the year `date` falls in (Beijing time). */
export function startOfYear(date: Date): Date {
  const year = new Date(date.getTime() + CHINA_OFFSET_MS).getUTCFullYear();
  return new Date(Date.UTC(year, 0, 1) - CHINA_OFFSET_MS);
}

/** The 1st 00:00 Beijing time of the month `date` falls in (Beijing time). */
export function startOfMonth(date: Date): Date {
  const local = new Date(date.getTime() + CHINA_OFFSET_MS);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1) - CHINA_OFFSET_MS);
}

/** The year and month of `date` in Beijing time, e.g. `2025-03`: a monthly ranking's period. */
export function beijingMonth(date: Date): string {
  return new Date(date.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 7);
}
