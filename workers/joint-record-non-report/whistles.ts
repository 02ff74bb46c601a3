// What this worker needs from joint handling in the store, behind a small interface.
//
// The store records a whistle (吹哨) with the departments it names, and then reports and non-reports
// per department (store/joint-handling.ts). The whistle of a joint-handling instance is the one the
// workbench blew with key `joint:<process instance key>` when the township named the departments
// (store `whistleByKey`), else the request's latest whistle from that township, else one blown
// here. The store has no way yet to add a department to a whistle; until it has, the adapter below
// adds the department's row itself.
import { and, desc, eq } from 'drizzle-orm';
import type { Conn } from '../../store/db.js';
import { blowWhistle, recordNonReport, whistleByKey } from '../../store/joint-handling.js';
import { departmentReports, whistles } from '../../store/schema.js';

export interface NonReport {
  requestId: string;
  townshipId: string;
  departmentId: string;
  /** the joint-handling process instance */
  processInstanceKey: string;
  at: Date;
}

export interface WhistleRecords {
  /** records the department's non-report against it; false if it had reported or was recorded already */
  recordNonReport(conn: Conn, n: NonReport): boolean;
}

export const storeWhistleRecords: WhistleRecords = {
  recordNonReport(conn, n) {
    return conn.transaction((tx) => {
      const key = `joint:${n.processInstanceKey}`;
      const whistleId =
        whistleByKey(tx, key)?.id ??
        tx
          .select({ id: whistles.id })
          .from(whistles)
          .where(and(eq(whistles.requestId, n.requestId), eq(whistles.blownByUnitId, n.townshipId)))
          .orderBy(desc(whistles.id))
          .get()?.id ??
        blowWhistle(tx, { requestId: n.requestId, blownByUnitId: n.townshipId, departmentIds: [n.departmentId], reportDueAt: n.at, idempotencyKey: key, at: n.at }).whistleId;
      tx.insert(departmentReports).values({ whistleId, departmentId: n.departmentId }).onConflictDoNothing().run();
      return recordNonReport(tx, whistleId, n.departmentId, n.at);
    });
  },
};
