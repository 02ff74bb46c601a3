import { describe, expect, it } from 'vitest';
import { caseFile } from './case-file.js';
import { openLedgerEntry, ledgerHistory } from './ledger.js';
import {
  assessRequest,
  closeRequest,
  createRequest,
  getCitizen,
  getRequest,
  markOverdue,
  publicBoard,
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
    setBlocked(db, 'r1', '资金未到位');

    // then
    expect(getRequest(db, 'r1')).toMatchObject({
      status: 'assigned',
      level: 'township',
      deadline: day(30),
      processInstanceKey: '2251799813685249',
      blockedReason: '资金未到位',
    });
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

  it('shows progress on the public board without the citizen identity', () => {
    // given
    const { db, close } = storeWithOrganisation();
    receive(db, 'r1', { text: '路灯坏了,请打13812345678联系我', citizen: { name: '赵某某', phone: '13812345678' } });
    receive(db, 'r2', { createdAt: day(1) });
    setBlocked(db, 'r2', '资金未到位');
    receive(db, 'r3', { createdAt: day(2) });
    closeRequest(db, 'r3', day(2), 'invalid');

    // when
    const board = publicBoard(db);

    // then
    expect(board.map((l) => l.id)).toEqual(['r2', 'r1']);
    expect(board[1]).toMatchObject({ township: '鼎山镇', village: '黄梁村', text: '路灯坏了,请打138****5678联系我', blocked: false });
    expect(board[0].blocked).toBe(true);
    const json = JSON.stringify(board);
    expect(json).not.toContain('赵某某');
    expect(json).not.toContain('13812345678');
    expect(json).not.toContain('资金未到位');
    expect(Object.keys(board[0])).not.toEqual(expect.arrayContaining(['name']));
    close();
  });
});
