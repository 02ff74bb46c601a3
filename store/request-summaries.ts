// A line about each of some requests, for lists (the task list shows the request beside each task).
import { eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Level, RequestStatus } from '../domain/index.js';
import type { Conn } from './db.js';
import { orgUnits, requests } from './schema.js';

export interface RequestSummary {
  id: string;
  /** the first 120 characters of the text */
  text: string;
  townshipName: string;
  villageName: string | null;
  status: RequestStatus;
  level: Level | null;
  responsibleUnitId: string | null;
  deadline: Date | null;
  overdue: boolean;
  createdAt: Date;
}

export function requestSummaries(conn: Conn, ids: readonly string[]): Map<string, RequestSummary> {
  if (ids.length === 0) return new Map();
  const township = alias(orgUnits, 'township');
  const village = alias(orgUnits, 'village');
  const rows = conn
    .select({
      id: requests.id,
      text: sql<string>`substr(${requests.text}, 1, 120)`,
      townshipName: township.name,
      villageName: village.name,
      status: requests.status,
      level: requests.level,
      responsibleUnitId: requests.responsibleUnitId,
      deadline: requests.deadline,
      overdue: sql<number>`${requests.overdueAt} is not null`,
      createdAt: requests.createdAt,
    })
    .from(requests)
    .innerJoin(township, eq(township.id, requests.townshipId))
    .leftJoin(village, eq(village.id, requests.villageId))
    .where(inArray(requests.id, [...new Set(ids)]))
    .all();
  return new Map(rows.map((r) => [r.id, { ...r, overdue: r.overdue === 1 }]));
}
