import { describe, expect, it } from 'vitest';
import { caseFile } from './case-file.js';
import { blowWhistle, recordNonReport, recordNonReports, recordReport, whistleByKey, whistleReports, whistlesOf } from './joint-handling.js';
import { day, receive, storeWithOrganisation, T0 } from './testing.js';

describe('joint handling', () => {
  it('blows the whistle once per key, naming each department once', () => {
    // given
    const { db, close } = storeWithOrganisation();
    receive(db, 'r1');
    const whistle = {
      requestId: 'r1',
      blownByUnitId: 'dingshan',
      departmentIds: ['water-bureau', 'finance-bureau', 'water-bureau'],
      reportDueAt: day(2),
      idempotencyKey: 'whistle:555',
      at: day(1),
    };

    // when
    const first = blowWhistle(db, whistle);
    const again = blowWhistle(db, whistle);

    // then
    expect(first.blown).toBe(true);
    expect(again).toEqual({ whistleId: first.whistleId, blown: false });
    expect(whistleReports(db, first.whistleId).map((r) => r.departmentId)).toEqual(['finance-bureau', 'water-bureau']);
    expect(whistleByKey(db, 'whistle:555')?.id).toBe(first.whistleId);
    expect(whistlesOf(db, 'r1')).toMatchObject([
      { id: first.whistleId, blownByUnitId: 'dingshan', blownAt: day(1), reportDueAt: day(2), reports: [{ departmentId: 'finance-bureau' }, { departmentId: 'water-bureau' }] },
    ]);
    expect(whistlesOf(db, 'r2')).toEqual([]);
    close();
  });

  it('records reports and, at the deadline, non-reports of the others, each once', () => {
    // given
    const { db, close } = storeWithOrganisation();
    receive(db, 'r1');
    const { whistleId } = blowWhistle(db, {
      requestId: 'r1',
      blownByUnitId: 'dingshan',
      departmentIds: ['water-bureau', 'finance-bureau'],
      reportDueAt: day(2),
      idempotencyKey: 'w',
      at: T0,
    });

    // when
    const reported = [recordReport(db, whistleId, 'water-bureau', day(1)), recordReport(db, whistleId, 'water-bureau', day(1))];
    const missing = recordNonReports(db, whistleId, day(2));
    const repeat = recordNonReports(db, whistleId, day(3));

    // then
    expect(reported).toEqual([true, false]);
    expect(missing).toEqual(['finance-bureau']);
    expect(repeat).toEqual([]);
    expect(recordNonReport(db, whistleId, 'water-bureau', day(3))).toBe(false);
    expect(whistleReports(db, whistleId).map((r) => [r.departmentId, r.reportedAt, r.nonReportRecordedAt])).toEqual([
      ['finance-bureau', null, day(2)],
      ['water-bureau', day(1), null],
    ]);
    expect(caseFile(db, 'r1').map((e) => e.kind)).toEqual(['received', 'whistle', 'department_reported', 'department_did_not_report']);
    close();
  });
});
