import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openLedgerEntry } from './ledger.js';
import { DUPLICATE_WINDOW_DAYS, likelyDuplicates, searchRequests } from './request-search.js';
import { assessRequest, closeRequest, mergeRequest } from './requests.js';
import { day, receive, storeWithOrganisation, T0 } from './testing.js';

const VILLAGE = { kind: 'village', unitId: 'dingshan-huangliang' } as const;
const TOWNSHIP = { kind: 'township', unitId: 'dingshan' } as const;
const ids = (r: { items: { id: string }[] }) => r.items.map((i) => i.id);
const page = { limit: 20, offset: 0 };

describe('searchRequests', () => {
  it('lists what a village may see, newest first: located there, owned by it elsewhere, and returned by it', () => {
    // given
    const { db } = storeWithOrganisation();
    receive(db, 'R-HERE', { createdAt: day(0) });
    receive(db, 'R-NEIGHBOUR', { villageId: 'dingshan-xinqiao', createdAt: day(1) });
    receive(db, 'R-OWNED', { villageId: 'dingshan-xinqiao', createdAt: day(2) });
    assessRequest(db, 'R-OWNED', { listType: 'individual', domain: 'water_resources', difficulty: 'easy', level: 'village', responsibleUnitId: 'dingshan-huangliang', timeLimitDays: 15, deadline: day(17) });
    receive(db, 'R-RETURNED', { villageId: 'dingshan-xinqiao', createdAt: day(3) });
    openLedgerEntry(db, 'R-RETURNED', 'village', 'dingshan-huangliang', day(3));
    db.run(sql`insert into request_returns (request_id, unit_id, level, reason, returned_at, idempotency_key) values ('R-RETURNED', 'dingshan-huangliang', 'village', 'wrong_locality', ${day(3).getTime()}, 'k1')`);

    // when
    const village = searchRequests(db, VILLAGE, page);
    const township = searchRequests(db, TOWNSHIP, page);

    // then
    expect(village).toEqual({ items: expect.any(Array), total: 3, more: false });
    expect(ids(village)).toEqual(['R-RETURNED', 'R-OWNED', 'R-HERE']);
    expect(ids(township)).toEqual(['R-RETURNED', 'R-OWNED', 'R-NEIGHBOUR', 'R-HERE']);
  });

  it('lists a request the village owned once elsewhere and that has moved on since (改派 to it, then up)', () => {
    // given: located at 新桥村, re-dispatched to 黄梁村, then moved up to 鼎山镇
    const { db } = storeWithOrganisation();
    receive(db, 'R-PASSED', { villageId: 'dingshan-xinqiao', createdAt: day(1) });
    const entry = openLedgerEntry(db, 'R-PASSED', 'village', 'dingshan-huangliang', day(1)).entry;
    db.run(sql`update ledger_entries set closed_at = ${day(2).getTime()}, close_reason = 'escalated' where id = ${entry.id}`);
    openLedgerEntry(db, 'R-PASSED', 'township', 'dingshan', day(2));
    assessRequest(db, 'R-PASSED', { listType: 'individual', domain: 'water_resources', difficulty: 'hard', level: 'township', responsibleUnitId: 'dingshan', timeLimitDays: 30, deadline: day(32) });

    // when
    const village = searchRequests(db, VILLAGE, page);

    // then
    expect(ids(village)).toEqual(['R-PASSED']);
  });

  it('pages through the list and gives the total on the last page only', () => {
    // given
    const { db } = storeWithOrganisation();
    for (let i = 0; i < 5; i++) receive(db, `R-${i}`, { createdAt: day(i) });

    // when
    const first = searchRequests(db, VILLAGE, { limit: 2, offset: 0 });
    const last = searchRequests(db, VILLAGE, { limit: 2, offset: 4 });
    const beyond = searchRequests(db, VILLAGE, { limit: 2, offset: 10 });

    // then
    expect(first).toMatchObject({ more: true });
    expect(first.total).toBeUndefined();
    expect(ids(first)).toEqual(['R-4', 'R-3']);
    expect(last).toMatchObject({ total: 5, more: false });
    expect(ids(last)).toEqual(['R-0']);
    expect(beyond.total).toBeUndefined();
  });

  it('finds by text, by number and by filters, for the district and a village alike', () => {
    // given
    const { db } = storeWithOrganisation();
    receive(db, 'SQ202505100001', { text: '村口路灯不亮', createdAt: day(0) });
    receive(db, 'SQ202505100002', { text: '自来水停水', createdAt: day(1) });
    receive(db, 'SQ202505110001', { text: '路灯杆倒了', villageId: 'dingshan-xinqiao', createdAt: day(2) });
    closeRequest(db, 'SQ202505100002', day(3));

    // when / then
    for (const [scope, lamps] of [[{ kind: 'district' } as const, ['SQ202505110001', 'SQ202505100001']], [VILLAGE, ['SQ202505100001']]] as const) {
      expect(ids(searchRequests(db, scope, { ...page, q: '路灯' }))).toEqual(lamps);
      expect(ids(searchRequests(db, scope, { ...page, q: 'sq20250510' }))).toEqual(['SQ202505100002', 'SQ202505100001']);
      expect(ids(searchRequests(db, scope, { ...page, q: '停' }))).toEqual(['SQ202505100002']);
      expect(ids(searchRequests(db, scope, { ...page, status: 'closed' }))).toEqual(['SQ202505100002']);
      expect(ids(searchRequests(db, scope, { ...page, from: day(1), to: day(2) }))).toEqual(['SQ202505100002']);
      expect(ids(searchRequests(db, scope, { ...page, q: '!!' }))).toEqual([]);
    }
  });

  it('finds a village\'s matches of a word thousands of requests elsewhere share, checked row by row as the village walks its own', () => {
    // given: 路灯 in 5,001 requests of 新桥村 (more than the village search collects first), and
    // 黄梁村's requests with all, some or none of the grams of the queries below
    const { db } = storeWithOrganisation();
    db.transaction((tx) => {
      for (let i = 0; i < 5001; i++) receive(tx, `R-ELSEWHERE-${i}`, { text: '路灯不亮', villageId: 'dingshan-xinqiao', createdAt: day(0) });
    });
    receive(db, 'R-BOTH', { text: '三组路灯不亮', createdAt: day(1) });
    receive(db, 'R-LAMP-ONLY', { text: '路灯杆倒了', createdAt: day(2) });
    receive(db, 'R-APART', { text: '路灯:晚上不亮', createdAt: day(3) });
    receive(db, 'R-NONE', { text: '自来水停水', createdAt: day(4) });
    receive(db, 'R-BOTH-LATER', { text: '路灯不亮,晚上出行不便', createdAt: day(5) });
    const queries = ['路灯不亮', '路灯', '路灯 不亮', '路灯 晚', '路灯 LED'];

    // when
    const village = queries.map((q) => ids(searchRequests(db, VILLAGE, { ...page, q })));
    // the full-text match over the same rows: the district's search of the days after 新桥村's
    const district = queries.map((q) => ids(searchRequests(db, { kind: 'district' }, { ...page, q, from: day(1) })));

    // then: the same rows as the full-text match finds (every gram, anywhere in the text)
    expect(village).toEqual(district);
    expect(village.slice(0, 3)).toEqual([
      ['R-BOTH-LATER', 'R-BOTH'],
      ['R-BOTH-LATER', 'R-APART', 'R-LAMP-ONLY', 'R-BOTH'],
      ['R-BOTH-LATER', 'R-APART', 'R-BOTH'],
    ]);
  });
});

describe('likelyDuplicates', () => {
  it('suggests similar requests of the same village, open or closed in the last 90 days, never merged ones, best first', () => {
    // given
    const { db } = storeWithOrganisation();
    receive(db, 'R-OPEN', { text: '村口路灯坏了三天了', createdAt: day(-200) });
    receive(db, 'R-RECENT', { text: '村口路灯坏了', createdAt: day(-30) });
    closeRequest(db, 'R-RECENT', day(-20));
    receive(db, 'R-OLD', { text: '村口路灯坏了', createdAt: day(-200) });
    closeRequest(db, 'R-OLD', day(-(DUPLICATE_WINDOW_DAYS + 10)));
    receive(db, 'R-MERGED', { text: '村口路灯坏了', createdAt: day(-10) });
    mergeRequest(db, { id: 'R-MERGED', intoId: 'R-OPEN', at: day(-9) });
    receive(db, 'R-ELSEWHERE', { text: '村口路灯坏了', villageId: 'dingshan-xinqiao', createdAt: day(-5) });
    receive(db, 'R-UNRELATED', { text: '小学门口校车停放混乱', createdAt: day(-5) });

    // when
    const found = likelyDuplicates(db, TOWNSHIP, { townshipId: 'dingshan', villageId: 'dingshan-huangliang', text: '村口的路灯坏了', now: T0 });
    const township = likelyDuplicates(db, TOWNSHIP, { townshipId: 'dingshan', text: '村口的路灯坏了', now: T0 });

    // then
    expect(found.map((d) => d.id)).toEqual(['R-RECENT', 'R-OPEN']);
    expect(found[0]).toMatchObject({ status: 'closed', similarity: expect.any(Number) });
    expect(found[0]!.similarity).toBeGreaterThan(found[1]!.similarity);
    expect(township.map((d) => d.id)).toEqual(['R-ELSEWHERE', 'R-RECENT', 'R-OPEN']);
  });
});
