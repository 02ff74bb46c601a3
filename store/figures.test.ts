import { describe, expect, it } from 'vitest';
import { studyFigures } from './figures.js';
import { openBackstopCase } from './backstop.js';
import { countRehandling } from './follow-ups.js';
import { escalateLedger, openLedgerEntry } from './ledger.js';
import { assessRequest, closeRequest, markOverdue, mergeRequest } from './requests.js';
import { receive, storeWithOrganisation } from './testing.js';
import type { Conn } from './db.js';

function assessed(conn: Conn, id: string, createdAt: string): void {
  receive(conn, id, { createdAt: new Date(createdAt) });
  assessRequest(conn, id, {
    listType: 'individual',
    domain: 'health',
    difficulty: 'easy',
    level: 'village',
    responsibleUnitId: 'dingshan-huangliang',
    timeLimitDays: 15,
    deadline: new Date(createdAt),
  });
  openLedgerEntry(conn, id, 'village', 'dingshan-huangliang', new Date(createdAt));
}

describe("the study's figures", () => {
  it('counts valid requests per year, the ledger split, closure, overdue, re-handling and backstop', () => {
    // given
    const { db, close } = storeWithOrganisation();
    assessed(db, 'a', '2021-03-01T10:00:00+08:00');
    assessed(db, 'b', '2021-12-31T23:30:00+08:00'); // still 2021 in China
    assessed(db, 'c', '2022-06-01T10:00:00+08:00');
    assessed(db, 'd', '2023-06-01T10:00:00+08:00');
    receive(db, 'x', { createdAt: new Date('2023-07-01T10:00:00+08:00') });
    closeRequest(db, 'x', new Date('2023-07-02T10:00:00+08:00'), 'invalid');
    escalateLedger(db, 'c', { idempotencyKey: 'c1' });
    escalateLedger(db, 'd', { idempotencyKey: 'd1' });
    escalateLedger(db, 'd', { idempotencyKey: 'd2' });
    escalateLedger(db, 'c', { idempotencyKey: 'c2' });
    openBackstopCase(db, { requestId: 'd', idempotencyKey: 'b1' });
    closeRequest(db, 'a');
    closeRequest(db, 'b');
    closeRequest(db, 'c');
    markOverdue(db, 'd');
    countRehandling(db, { requestId: 'a', idempotencyKey: 'r1' });
    closeRequest(db, 'a');

    // when
    const figures = studyFigures(db);

    // then
    expect(figures).toEqual({
      validPerYear: { '2021': 2, '2022': 1, '2023': 1 },
      valid: 4,
      invalid: 1,
      merged: 0,
      ledgerByLevel: { village: 2, township: 0, district: 2 },
      closed: 3,
      closureRate: 0.75,
      overdue: 1,
      rehandlings: 1,
      movedToDistrict: 2,
      backstop: 1,
    });
    close();
  });

  it('counts a duplicate merged into another request (并单) with its master only, not as a valid request of its own', () => {
    // given
    const { db, close } = storeWithOrganisation();
    assessed(db, 'master', '2022-03-01T10:00:00+08:00');
    receive(db, 'twin', { createdAt: new Date('2022-03-02T10:00:00+08:00') });
    mergeRequest(db, { id: 'twin', intoId: 'master', at: new Date('2022-03-03T10:00:00+08:00') });
    closeRequest(db, 'master');

    // when
    const figures = studyFigures(db);

    // then
    expect(figures).toMatchObject({ validPerYear: { '2022': 1 }, valid: 1, invalid: 0, merged: 1, closed: 1, closureRate: 1 });
    close();
  });
});
