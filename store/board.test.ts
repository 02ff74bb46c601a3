import { describe, expect, it } from 'vitest';
import { boardPage, publicBoard } from './board.js';
import { createRequest, assessRequest, closeRequest, markOverdue, mergeRequest, setBlocked } from './requests.js';
import { day, receive, storeWithOrganisation, T0 } from './testing.js';
import type { Conn } from './db.js';

function assess(db: Conn, id: string, unit = 'dingshan-huangliang', level: 'village' | 'township' | 'district' = 'village') {
  assessRequest(db, id, {
    listType: 'individual',
    domain: 'urban_management',
    difficulty: 'easy',
    level,
    responsibleUnitId: unit,
    timeLimitDays: 15,
    deadline: day(15),
  });
}

describe('the public board', () => {
  it('shows progress without the citizen identity', () => {
    // given
    const { db, close } = storeWithOrganisation();
    receive(db, 'r1', { text: '路灯坏了,请打13812345678联系我', citizen: { name: '赵某某', phone: '13812345678' } });
    receive(db, 'r0', { text: '邻居电话13700001111', createdAt: day(-1) });
    receive(db, 'r2', { createdAt: day(1) });
    setBlocked(db, 'r2', { kind: 'funding', reason: '资金未到位' });
    receive(db, 'r3', { createdAt: day(2) });
    closeRequest(db, 'r3', day(2), 'invalid');

    // when
    const board = publicBoard(db);

    // then
    expect(board.map((l) => l.id)).toEqual(['r2', 'r1', 'r0']);
    expect(board[2]!.text).toBe('邻居电话137****1111');
    expect(board[1]).toMatchObject({ township: '鼎山镇', village: '黄梁村', text: '路灯坏了,请打***联系我', blocked: false, blockedKind: null });
    expect(board[0]).toMatchObject({ blocked: true, blockedKind: 'funding' });
    const json = JSON.stringify(board);
    expect(json).not.toContain('赵某某');
    expect(json).not.toContain('13812345678');
    expect(json).not.toContain('资金未到位');
    expect(Object.keys(board[0]!)).not.toEqual(expect.arrayContaining(['name']));
    close();
  });

  it('blanks the citizen\'s own name, address and numbers where they typed them into the text, and a search cannot find them', () => {
    // given
    const { db, close } = storeWithOrganisation();
    createRequest(db, {
      id: 'r1',
      channel: 'door_to_door',
      text: '我是欧阳铁柱,住黄梁村三组28号,电话 139-0011-2233,身份证510722199001011234,门前路灯坏了',
      location: { townshipId: 'dingshan', villageId: 'dingshan-huangliang' },
      citizen: { name: '欧阳铁柱', phone: '13900112233', idNumber: '510722199001011234', address: '黄梁村三组28号' },
      createdAt: T0,
    });

    // when
    const line = publicBoard(db)[0]!;
    const byName = boardPage(db, { q: '欧阳铁柱' });
    const byWords = boardPage(db, { q: '路灯' });

    // then
    expect(line.text).toBe('我是***,住***,电话 ***,身份证***,门前路灯坏了');
    expect(byName).toEqual({ items: [], more: false, total: 0 });
    expect(byWords.items.map((l) => l.id)).toEqual(['r1']);
    close();
  });

  it('leaves out invalid and merged requests, and filters by place, unit, level, domain and status', () => {
    // given
    const { db, close } = storeWithOrganisation();
    receive(db, 'a', { createdAt: day(0) });
    receive(db, 'b', { createdAt: day(1), townshipId: 'huacheng', villageId: 'huacheng-baihe' });
    receive(db, 'c', { createdAt: day(2) });
    receive(db, 'd', { createdAt: day(3) });
    receive(db, 'e', { createdAt: day(4) });
    assess(db, 'a');
    assess(db, 'c', 'dingshan', 'township');
    markOverdue(db, 'c', day(20));
    assess(db, 'd');
    closeRequest(db, 'd', day(5));
    mergeRequest(db, { id: 'e', intoId: 'a', at: day(5) });
    setBlocked(db, 'a', { kind: 'policy', reason: '政策未明确' });

    // when
    const ids = (f: Parameters<typeof boardPage>[1]) => boardPage(db, f).items.map((l) => l.id);

    // then
    expect(ids({})).toEqual(['d', 'c', 'b', 'a']);
    expect(ids({ townshipId: 'huacheng' })).toEqual(['b']);
    expect(ids({ villageId: 'dingshan-huangliang' })).toEqual(['d', 'c', 'a']);
    expect(ids({ unitId: 'dingshan' })).toEqual(['c']);
    expect(ids({ level: 'village' })).toEqual(['d', 'a']);
    expect(ids({ domain: 'urban_management', status: 'open' })).toEqual(['c', 'a']);
    expect(ids({ status: 'closed' })).toEqual(['d']);
    expect(ids({ status: 'overdue' })).toEqual(['c']);
    expect(ids({ status: 'blocked' })).toEqual(['a']);
    expect(ids({ q: 'SQ' })).toEqual([]);
    close();
  });

  it('pages newest first and gives the total on the last page', () => {
    // given
    const { db, close } = storeWithOrganisation();
    for (let i = 0; i < 5; i++) receive(db, `r${i}`, { createdAt: day(i) });

    // when
    const first = boardPage(db, { limit: 2 });
    const last = boardPage(db, { limit: 2, offset: 4 });
    const past = boardPage(db, { limit: 2, offset: 10 });

    // then
    expect(first).toMatchObject({ more: true, items: [{ id: 'r4' }, { id: 'r3' }] });
    expect(first.total).toBeUndefined();
    expect(last).toMatchObject({ more: false, total: 5, items: [{ id: 'r0' }] });
    expect(past).toEqual({ items: [], more: false });
    close();
  });
});
