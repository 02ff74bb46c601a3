import { describe, expect, it } from 'vitest';
import { appendCaseEvent, caseFile, searchClosedCases } from './case-file.js';
import { closeRequest } from './requests.js';
import { day, receive, storeWithOrganisation } from './testing.js';

describe('case file', () => {
  it('keeps one row per event, oldest first, with actor and time', () => {
    // given
    const { db, close } = storeWithOrganisation();
    receive(db, 'r1');

    // when
    appendCaseEvent(db, { requestId: 'r1', kind: 'visited', actor: 'dingshan-huangliang-staff-2', at: day(2), detail: { note: '现场查看' } });
    appendCaseEvent(db, { requestId: 'r1', kind: 'assessed', actor: 'dingshan-staff-3', at: day(1) });

    // then
    expect(caseFile(db, 'r1').map((e) => [e.kind, e.actor])).toEqual([
      ['received', 'citizen'],
      ['assessed', 'dingshan-staff-3'],
      ['visited', 'dingshan-huangliang-staff-2'],
    ]);
    expect(caseFile(db, 'r1')[2].detail).toEqual({ note: '现场查看' });
    close();
  });

  it('appends an event with an idempotency key only once', () => {
    // given
    const { db, close } = storeWithOrganisation();
    receive(db, 'r1');
    const event = { requestId: 'r1', kind: 'warned', actor: 'system', idempotencyKey: 'warn:77' };

    // when
    const results = [appendCaseEvent(db, event), appendCaseEvent(db, event)];

    // then
    expect(results.map((r) => r.appended)).toEqual([true, false]);
    expect(caseFile(db, 'r1').filter((e) => e.kind === 'warned')).toHaveLength(1);
    close();
  });

  it('finds closed cases by a phrase, as worked examples', () => {
    // given
    const { db, close } = storeWithOrganisation();
    receive(db, 'r1', { text: '堰塘漏水' });
    receive(db, 'r2', { text: '堰塘垮塌' });
    receive(db, 'r3', { text: '100%_漏水' });
    closeRequest(db, 'r1', day(3));
    closeRequest(db, 'r3', day(3));

    // when
    const found = searchClosedCases(db, '堰塘');
    const literal = searchClosedCases(db, '%_');

    // then
    expect(found.map((c) => c.id)).toEqual(['r1']);
    expect(literal.map((c) => c.id)).toEqual(['r3']);
    close();
  });
});
