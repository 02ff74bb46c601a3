import { describe, expect, it } from 'vitest';
import { appendCaseEvent } from './case-file.js';
import { recordFollowUp } from './follow-ups.js';
import { awaitedFollowUpRound, beijingDay, citizenIdentityOf, nextRequestNumber, proxyOf, recordProxy } from './intake.js';
import { closeRequest } from './requests.js';
import { day, receive, storeWithOrganisation, T0 } from './testing.js';

describe('request numbers', () => {
  it('counts per Beijing day, four digits wide, wider past 9999', () => {
    // given
    const { db, sqlite } = storeWithOrganisation();
    const lateEvening = new Date('2025-03-03T15:59:00Z'); // 23:59 in Beijing
    const nextMorning = new Date('2025-03-03T16:01:00Z'); // 00:01 in Beijing, the 4th

    // when
    const numbers = [nextRequestNumber(db, lateEvening), nextRequestNumber(db, lateEvening), nextRequestNumber(db, nextMorning)];
    sqlite.prepare("update request_numbers set last = 9999 where day = '20250304'").run();
    const wide = nextRequestNumber(db, nextMorning);

    // then
    expect(numbers).toEqual(['SQ202503030001', 'SQ202503030002', 'SQ202503040001']);
    expect(wide).toBe('SQ2025030410000');
    expect(beijingDay(lateEvening)).toBe('20250303');
  });
});

describe('proxies and identities', () => {
  it('keeps the proxy record with the member of staff who entered it, and the citizen\'s identity without empty fields', () => {
    // given
    const { db } = storeWithOrganisation();
    receive(db, 'R-1', { channel: 'proxy', citizen: { name: '王大爷' } });

    // when
    recordProxy(db, 'R-1', { proxyName: '王小明', relation: '子女', consentGiven: true, consentMethod: 'written' }, 'dingshan-huangliang-staff-2', T0);

    // then
    expect(proxyOf(db, 'R-1')).toMatchObject({ proxyName: '王小明', relation: '子女', consentGiven: true, consentMethod: 'written', recordedByStaffId: 'dingshan-huangliang-staff-2', at: T0 });
    expect(citizenIdentityOf(db, 'R-1')).toEqual({ name: '王大爷' });
    expect(citizenIdentityOf(db, 'R-NONE')).toBeUndefined();
  });
});

describe('awaitedFollowUpRound', () => {
  it('is the current round once the request is closed and the citizen asked, until the answer is recorded', () => {
    // given
    const { db } = storeWithOrganisation();
    receive(db, 'R-1');
    const before = awaitedFollowUpRound(db, 'R-1');
    closeRequest(db, 'R-1', day(5));
    const closedNotAsked = awaitedFollowUpRound(db, 'R-1');
    appendCaseEvent(db, { requestId: 'R-1', kind: 'follow_up_asked', actor: 'system', at: day(5) });

    // when
    const asked = awaitedFollowUpRound(db, 'R-1');
    recordFollowUp(db, { requestId: 'R-1', outcome: 'basically_satisfied', at: day(6) });
    const answered = awaitedFollowUpRound(db, 'R-1');

    // then
    expect([before, closedNotAsked, asked, answered]).toEqual([undefined, undefined, 1, undefined]);
  });
});
