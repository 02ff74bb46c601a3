import { describe, expect, it } from 'vitest';
import { caseFile } from './case-file.js';
import { pendingNotifications } from './notifications.js';
import { openLedgerEntry, ledgerHistory } from './ledger.js';
import {
  assessRequest,
  closeRequest,
  createRequest,
  getCitizen,
  getRequest,
  markOverdue,
  setBlocked,
  setProcessInstanceKey,
} from './requests.js';
import { day, receive, storeWithOrganisation, T0 } from './testing.js';

describe('requests', () => {
  it('stores a new request once, with the citizen kept apart', () => {
    // given
    const { db, close } = storeWithOrganisation();
    const request = {
      id: 'r1',
      channel: 'proxy' as const,
      text: '老人看病难',
      location: { townshipId: 'huacheng', villageId: 'huacheng-baihe' },
      citizen: { name: '王某', phone: '13800000000' },
      enteredBy: 'huacheng-baihe-staff-2',
      createdAt: T0,
    };

    // when
    const first = createRequest(db, request);
    const second = createRequest(db, { ...request, text: 'changed' });

    // then
    expect([first.created, second.created]).toEqual([true, false]);
    expect(getRequest(db, 'r1')).toMatchObject({ text: '老人看病难', status: 'received', channel: 'proxy' });
    expect(getRequest(db, 'r1')).not.toHaveProperty('phone');
    expect(getCitizen(db, 'r1')).toEqual({ name: '王某', phone: '13800000000' });
    expect(caseFile(db, 'r1').map((e) => [e.kind, e.actor])).toEqual([['received', 'huacheng-baihe-staff-2']]);
    close();
  });

  it('records assessment, process instance key and the blocked mark', () => {
    // given
    const { db, close } = storeWithOrganisation();
    receive(db, 'r1');

    // when
    assessRequest(db, 'r1', {
      listType: 'collective',
      domain: 'water_resources',
      difficulty: 'hard',
      level: 'township',
      responsibleUnitId: 'dingshan',
      timeLimitDays: 30,
      deadline: day(30),
    });
    setProcessInstanceKey(db, 'r1', '2251799813685249');
    const marked = setBlocked(db, 'r1', { kind: 'funding', reason: '资金未到位' }, { actor: 'dingshan-staff-1', at: day(3) });
    const again = setBlocked(db, 'r1', { kind: 'funding', reason: '资金未到位' }, { actor: 'dingshan-staff-1', at: day(4) });

    // then
    expect([marked, again]).toEqual([true, false]);
    expect(getRequest(db, 'r1')).toMatchObject({
      status: 'assigned',
      level: 'township',
      deadline: day(30),
      processInstanceKey: '2251799813685249',
      blockedKind: 'funding',
      blockedReason: '资金未到位',
    });
    expect(caseFile(db, 'r1').filter((e) => e.kind === 'blocked')).toMatchObject([{ actor: 'dingshan-staff-1', at: day(3), detail: { kind: 'funding', reason: '资金未到位' } }]);
    expect(pendingNotifications(db).map((n) => [n.channel, n.recipient, n.requestId])).toEqual([['internal', 'supervision-group', 'r1']]);
    close();
  });

  it('clears the blocked mark once, telling the supervision group', () => {
    // given
    const { db, close } = storeWithOrganisation();
    receive(db, 'r1');
    setBlocked(db, 'r1', { kind: 'land', reason: '用地手续未批' }, { at: day(1) });

    // when
    const cleared = [setBlocked(db, 'r1', null, { actor: 'dingshan-staff-1', at: day(2) }), setBlocked(db, 'r1', null, { at: day(3) })];

    // then
    expect(cleared).toEqual([true, false]);
    expect(getRequest(db, 'r1')).toMatchObject({ blockedKind: null, blockedReason: null });
    expect(caseFile(db, 'r1').map((e) => e.kind)).toEqual(['received', 'blocked', 'unblocked']);
    expect(pendingNotifications(db).map((n) => n.text)).toEqual(['诉求 r1 因用地受阻:用地手续未批', '诉求 r1 已解除受阻标记']);
    close();
  });

  it('marks overdue once', () => {
    // given
    const { db, close } = storeWithOrganisation();
    receive(db, 'r1');

    // when
    const marks = [markOverdue(db, 'r1', day(16)), markOverdue(db, 'r1', day(17))];

    // then
    expect(marks).toEqual([true, false]);
    expect(getRequest(db, 'r1')?.overdueAt).toEqual(day(16));
    expect(caseFile(db, 'r1').filter((e) => e.kind === 'overdue')).toHaveLength(1);
    close();
  });

  it('closes once, closing the open ledger entry', () => {
    // given
    const { db, close } = storeWithOrganisation();
    receive(db, 'r1');
    openLedgerEntry(db, 'r1', 'village', 'dingshan-huangliang', T0);

    // when
    const closes = [closeRequest(db, 'r1', day(5)), closeRequest(db, 'r1', day(6))];

    // then
    expect(closes).toEqual([true, false]);
    expect(getRequest(db, 'r1')).toMatchObject({ status: 'closed', closedAt: day(5) });
    expect(ledgerHistory(db, 'r1').entries[0]).toMatchObject({ closedAt: day(5), closeReason: 'closed' });
    close();
  });
});
