import { describe, expect, it } from 'vitest';
import { caseFile } from './case-file.js';
import type { Conn } from './db.js';
import { referralBlockers, referralLines, ReferralRefused, referToDiscipline } from './discipline-referrals.js';
import { assessRequest, closeRequest, markOverdue } from './requests.js';
import { notifications, urgings } from './schema.js';
import { day, receive, storeWithOrganisation } from './testing.js';

const SUPERVISOR = 'supervision-group-staff-2';

function assessed(conn: Conn, id: string): void {
  receive(conn, id);
  assessRequest(conn, id, { listType: 'individual', domain: 'water_resources', difficulty: 'easy', level: 'village', responsibleUnitId: 'dingshan-huangliang', timeLimitDays: 15, deadline: day(15) });
}

/** a supervision order, as the lead's supervision workers record one when the diagram's timer fires */
function supervisionOrder(conn: Conn, id: string): void {
  conn.insert(urgings).values({ requestId: id, unitId: 'dingshan-huangliang', kind: 'supervision_order', deadline: day(15), at: day(21), idempotencyKey: `order:${id}` }).run();
}

const referral = (id: string) => ({ requestId: id, reason: '督办后仍未办结', referredByStaffId: SUPERVISOR, at: day(22), caseFileUrl: `/api/requests/${id}/case-file` });

describe('discipline referrals', () => {
  it('names every condition a request fails', () => {
    // given
    const { db, close } = storeWithOrganisation();
    assessed(db, 'D-fresh');
    assessed(db, 'D-urged-only');
    db.insert(urgings).values({ requestId: 'D-urged-only', unitId: 'dingshan-huangliang', kind: 'urging', deadline: day(15), at: day(16), idempotencyKey: 'urge:1' }).run();
    assessed(db, 'D-closed');
    markOverdue(db, 'D-closed', day(16));
    supervisionOrder(db, 'D-closed');
    closeRequest(db, 'D-closed', day(23));

    // then
    expect(referralBlockers(db, 'D-none')).toEqual(['no_request']);
    expect(referralBlockers(db, 'D-fresh')).toEqual(['not_overdue', 'not_urged']);
    expect(referralBlockers(db, 'D-urged-only')).toEqual(['not_overdue', 'not_urged']);
    expect(referralBlockers(db, 'D-closed')).toEqual(['finished']);
    close();
  });

  it('hands an overdue, supervised request over once, with a case event and a notice to the commission', () => {
    // given
    const { db, close } = storeWithOrganisation();
    assessed(db, 'D-1');
    markOverdue(db, 'D-1', day(16));
    supervisionOrder(db, 'D-1');

    // when
    const row = referToDiscipline(db, referral('D-1'));
    const again = () => referToDiscipline(db, referral('D-1'));

    // then
    expect(row).toMatchObject({ requestId: 'D-1', unitId: 'dingshan-huangliang', referredByStaffId: SUPERVISOR });
    expect(again).toThrow(ReferralRefused);
    expect(caseFile(db, 'D-1').filter((e) => e.kind === 'referred_to_discipline')).toHaveLength(1);
    const notice = db.select().from(notifications).all().find((n) => n.recipient === 'discipline-commission');
    expect(notice?.text).toContain('/api/requests/D-1/case-file');
    expect(referralLines(db, {}, { limit: 10, offset: 0 })).toMatchObject({ total: 1, items: [{ requestId: 'D-1', unitName: '黄梁村', requestText: '路灯不亮' }] });
    close();
  });
});
