// What the public board's routes answer (README "The public board (公开榜)"), as the page reads it.
import { get } from '@shared/api';
import type { Filters, Place } from './filters';

export interface Coded {
  code: string;
  label: string;
}

export interface BoardLine {
  id: string;
  text: string;
  status: Coded;
  level: Coded | null;
  listType: Coded | null;
  domain: Coded | null;
  responsibleUnit: { id: string; name: string } | null;
  township: { id: string; name: string };
  village: { id: string; name: string } | null;
  createdAt: string;
  deadline: string | null;
  closedAt: string | null;
  overdue: boolean;
  blocked: boolean;
  blockedKind: Coded | null;
}

export interface BoardPage {
  items: BoardLine[];
  more: boolean;
  total?: number;
}

export interface UnitFigures {
  unit: { id: string; name: string; kind: string; parent: string | null };
  assigned: number;
  closed: number;
  open: number;
  overdue: number;
  followUpsAnswered: number;
  satisfied: number;
  closureRate: number | null;
  satisfactionRate: number | null;
}

export interface UnitsAnswer {
  period: { from: string | null; to: string | null };
  computedAt: string;
  groups: { code: string; label: string; units: UnitFigures[] }[];
}

export type UnitGroup = 'village' | 'township' | 'department';
export const UNIT_GROUPS: UnitGroup[] = ['township', 'village', 'department'];

export const PAGE_SIZE = 20;

export function boardPage(filters: Filters, offset: number, limit = PAGE_SIZE, signal?: AbortSignal): Promise<BoardPage> {
  return get<BoardPage>('/api/public/board', { ...filters, limit, offset }, signal);
}

export function unitFigures(query: { group?: UnitGroup; year?: number }, signal?: AbortSignal): Promise<UnitsAnswer> {
  return get<UnitsAnswer>('/api/public/board/units', query, signal);
}

export async function places(): Promise<Place[]> {
  return (await get<{ places: Place[] }>('/api/public/places')).places;
}
