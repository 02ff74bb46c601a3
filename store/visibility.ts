// Which requests a unit may see (the API's "staff see only their own unit's work").
//
//   district  every request (district units: the district, the special team, the district bodies;
//             so the discipline commission reads the case file of every request handed to it, 移交纪委)
//   township  requests located in the township or street (its villages' included), or owned by it now or before
//   village   requests located in the village or community, or owned by it now or before
//   department requests it owns now or owned before (its ledger entries), or was named in by a whistle
import { eq, or, sql, type SQL } from 'drizzle-orm';
import type { Conn } from './db.js';
import { requests } from './schema.js';

export type Visibility =
  | { kind: 'district' }
  | { kind: 'township'; unitId: string }
  | { kind: 'village'; unitId: string }
  | { kind: 'department'; unitId: string };

const ownedBy = (unitId: string): SQL =>
  or(
    eq(requests.responsibleUnitId, unitId),
    sql`exists (select 1 from ledger_entries le where le.request_id = ${requests.id} and le.unit_id = ${unitId})`,
  )!;

/** A condition on `requests` for the requests `v` may see (undefined: all of them). */
export function visibleRequests(v: Visibility): SQL | undefined {
  switch (v.kind) {
    case 'district':
      return undefined;
    case 'township':
      return or(eq(requests.townshipId, v.unitId), ownedBy(v.unitId));
    case 'village':
      return or(eq(requests.villageId, v.unitId), ownedBy(v.unitId));
    case 'department':
      return or(
        ownedBy(v.unitId),
        sql`exists (select 1 from whistles w join department_reports dr on dr.whistle_id = w.id where w.request_id = ${requests.id} and dr.department_id = ${v.unitId})`,
      );
  }
}

export function canSeeRequest(conn: Conn, v: Visibility, requestId: string): boolean {
  const condition = visibleRequests(v);
  const row = conn
    .select({ id: requests.id })
    .from(requests)
    .where(condition === undefined ? eq(requests.id, requestId) : sql`${eq(requests.id, requestId)} and (${condition})`)
    .get();
  return row !== undefined;
}
