import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { receive, storeWithOrganisation } from './testing.js';
import { matchAll, rebuildTextIndex } from './text-index.js';

const indexed = (db: ReturnType<typeof storeWithOrganisation>['db']) =>
  db.all<{ request_id: string; grams: string }>(sql`select request_id, grams from request_text_index order by rowid`);
const found = (db: ReturnType<typeof storeWithOrganisation>['db'], q: string) =>
  db.all<{ request_id: string }>(sql`select request_id from request_text_index where request_text_index match ${matchAll(q)!} order by rowid`).map((r) => r.request_id);

describe('the full-text index of request texts', () => {
  it('indexes a request when it is created, once, as its grams', () => {
    // given
    const { db } = storeWithOrganisation();

    // when
    receive(db, 'R-1', { text: '村口路灯不亮' });
    receive(db, 'R-1', { text: '村口路灯不亮' });

    // then
    expect(indexed(db)).toEqual([{ request_id: 'R-1', grams: '村口 口路 路灯 灯不 不亮' }]);
  });

  it('finds texts holding every gram of the query, Chinese and words alike', () => {
    // given
    const { db } = storeWithOrganisation();
    receive(db, 'R-1', { text: '村口路灯不亮' });
    receive(db, 'R-2', { text: '路灯杆倒了,G210国道旁' });
    receive(db, 'R-3', { text: '修路' });

    // when / then
    expect(found(db, '路灯')).toEqual(['R-1', 'R-2']);
    expect(found(db, '路灯 不亮')).toEqual(['R-1']);
    expect(found(db, 'g210')).toEqual(['R-2']);
    // a lone character matches the bigrams it starts
    expect(found(db, '修 不亮')).toEqual([]);
    expect(found(db, '修')).toEqual(['R-3']);
    expect(found(db, '路 不亮')).toEqual(['R-1']);
    expect(matchAll('。,!')).toBeUndefined();
  });

  it('keeps the query syntax of FTS5 out of what people type', () => {
    // given
    const { db } = storeWithOrganisation();
    receive(db, 'R-1', { text: 'NOT a OR b' });

    // when / then
    expect(found(db, 'NOT "a" OR b*')).toEqual(['R-1']);
  });

  it('rebuilds the whole index from the requests, idempotently', () => {
    // given
    const { db } = storeWithOrganisation();
    receive(db, 'R-1', { text: '村口路灯不亮' });
    receive(db, 'R-2', { text: '自来水停水' });
    db.run(sql`delete from request_text_index`);

    // when
    rebuildTextIndex(db);
    const count = rebuildTextIndex(db);

    // then
    expect(count).toBe(2);
    expect(indexed(db).map((r) => r.request_id)).toEqual(['R-1', 'R-2']);
    expect(found(db, '停水')).toEqual(['R-2']);
  });
});
