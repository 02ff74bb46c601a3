import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from './db.js';
import { countRehandling } from './follow-ups.js';
import { escalateLedger, openLedgerEntry } from './ledger.js';
import { assessRequest, closeRequest, markOverdue } from './requests.js';
import { recordReturn } from './returns.js';
import { day, receive, storeWithOrganisation, T0 } from './testing.js';
import { allLedgerLines, ledgerFigures, ledgerLineCount, ledgerLines, ledgerUnitsUnder, unitLedgerFigures } from './unit-ledger.js';

const VILLAGE = 'dingshan-huangliang';
let store: Store;
beforeEach(() => {
  store = storeWithOrganisation();
});
afterEach(() => store.close());

/** A request assessed easy and on 黄梁村's ledger from `at`. */
function atVillage(id: string, at = T0, domain: 'water_resources' | 'transport' = 'water_resources'): void {
  receive(store.db, id, { createdAt: at });
  assessRequest(store.db, id, { listType: 'individual', domain, difficulty: 'easy', level: 'village', responsibleUnitId: VILLAGE, timeLimitDays: 15, deadline: new Date(at.getTime() + 15 * 86_400_000) });
  openLedgerEntry(store.db, id, 'village', VILLAGE, at);
}

describe('unitLedgerFigures', () => {
  it('counts open, overdue, closed, moved up, returned and re-handled as the comment at the top defines them', () => {
    // given: six requests on the village's ledger, each with another fate
    const { db } = store;
    atVillage('L-open');
    atVillage('L-late');
    markOverdue(db, 'L-late', day(16));
    atVillage('L-done');
    closeRequest(db, 'L-done', day(3));
    atVillage('L-up');
    escalateLedger(db, 'L-up', { idempotencyKey: 'up-1', at: day(2) });
    atVillage('L-back');
    recordReturn(db, { requestId: 'L-back', unitId: VILLAGE, level: 'village', reason: 'wrong_locality', at: day(1), idempotencyKey: 'ret-1' });
    atVillage('L-again');
    closeRequest(db, 'L-again', day(4));
    countRehandling(db, { requestId: 'L-again', idempotencyKey: 'rh-1', unitId: VILLAGE, at: day(6) });

    // when
    const figures = unitLedgerFigures(db, VILLAGE);
    const township = unitLedgerFigures(db, 'dingshan');

    // then: L-again has two entries (closed, and the re-handling's open one)
    expect(figures).toEqual({ open: 4, overdue: 1, closed: 2, movedUp: 1, returned: 1, rehandled: 1 });
    expect(township).toEqual({ open: 1, overdue: 0, closed: 0, movedUp: 0, returned: 0, rehandled: 0 });
  });

  it('counts entries opened in the window, and returns and re-handlings made in it', () => {
    // given
    const { db } = store;
    atVillage('W-before', day(-10));
    atVillage('W-in', day(1));
    recordReturn(db, { requestId: 'W-before', unitId: VILLAGE, level: 'village', reason: 'other', note: '说明', at: day(2), idempotencyKey: 'ret-w' });

    // when
    const week = unitLedgerFigures(db, VILLAGE, { from: T0, to: day(7) });
    const earlier = unitLedgerFigures(db, VILLAGE, { to: T0 });

    // then
    expect(week).toEqual({ open: 1, overdue: 0, closed: 0, movedUp: 0, returned: 1, rehandled: 0 });
    expect(earlier).toEqual({ open: 1, overdue: 0, closed: 0, movedUp: 0, returned: 0, rehandled: 0 });
  });
});

describe('ledger lines', () => {
  it('flags each entry, and filters by state, level, domain and window', () => {
    // given
    const { db } = store;
    atVillage('F-1', T0, 'transport');
    atVillage('F-2', day(1));
    recordReturn(db, { requestId: 'F-2', unitId: VILLAGE, level: 'village', reason: 'wrong_locality', at: day(2), idempotencyKey: 'ret-f' });
    escalateLedger(db, 'F-1', { idempotencyKey: 'up-f', at: day(3) });
    const both = { units: [VILLAGE, 'dingshan'] };

    // when
    const lines = ledgerLines(db, both, { limit: 10 });
    const returned = ledgerLines(db, { ...both, state: 'returned' }, { limit: 10 });
    const township = ledgerLines(db, { ...both, level: 'township' }, { limit: 10 });
    const transport = ledgerLines(db, { ...both, domain: 'transport' }, { limit: 10 });
    const lateOpened = ledgerLines(db, { ...both, from: day(1) }, { limit: 10 });

    // then: newest opened first
    expect(lines.map((l) => [l.requestId, l.unitId, l.open, l.movedUp, l.returned, l.closeReason])).toEqual([
      ['F-1', 'dingshan', true, false, false, null],
      ['F-2', VILLAGE, true, false, true, null],
      ['F-1', VILLAGE, false, true, false, 'escalated'],
    ]);
    expect(lines[0]).toMatchObject({ unitName: '鼎山镇', level: 'township', listType: 'individual', domain: 'transport', difficulty: 'easy', text: '路灯不亮' });
    expect(returned.map((l) => l.requestId)).toEqual(['F-2']);
    expect(township.map((l) => l.requestId)).toEqual(['F-1']);
    expect(transport.map((l) => [l.requestId, l.level])).toEqual([['F-1', 'township'], ['F-1', 'village']]);
    expect(lateOpened.map((l) => l.requestId)).toEqual(['F-1', 'F-2']);
    expect(ledgerLineCount(db, { ...both, state: 'open' })).toBe(2);
  });

  it('walks a ledger page by page for an export, each line once', () => {
    // given: 23 entries, several opened at the same instant
    for (let i = 0; i < 23; i++) atVillage(`P-${i}`, day(Math.floor(i / 4)));

    // when
    const walked = [...allLedgerLines(store.db, { units: [VILLAGE] }, 5)].map((l) => l.requestId);

    // then
    expect(walked).toHaveLength(23);
    expect(new Set(walked).size).toBe(23);
    expect(walked).toEqual(ledgerLines(store.db, { units: [VILLAGE] }, { limit: 100 }).map((l) => l.requestId));
  });

  it('groups the figures per unit and level, villages first', () => {
    // given
    atVillage('G-1');
    escalateLedger(store.db, 'G-1', { idempotencyKey: 'up-g', at: day(1) });

    // when
    const rows = ledgerFigures(store.db, { units: 'all' });

    // then
    expect(rows.map((r) => [r.unitId, r.level, r.open, r.movedUp])).toEqual([
      [VILLAGE, 'village', 0, 1],
      ['dingshan', 'township', 1, 0],
    ]);
    expect(ledgerUnitsUnder(store.db, 'dingshan')).toEqual(expect.arrayContaining(['dingshan', VILLAGE, 'dingshan-xinqiao']));
  });
});
