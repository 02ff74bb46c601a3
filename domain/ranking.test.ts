import { describe, expect, it } from 'vitest';
import { listSize, rankUnits, unitRates, type UnitCounts } from './ranking.js';

// the shares the workflow's 督办规则 gives today; here only the test's input
const TEN_PERCENT = { red: 0.1, black: 0.1 };

const unit = (unitId: string, assigned: number, closed: number, content = 0, answered = 0, overdue = 0, rehandled = 0): UnitCounts => ({
  unitId,
  assigned,
  closed,
  content,
  answered,
  overdue,
  rehandled,
});

describe('unit rates', () => {
  it('computes closure, satisfaction, overdue and re-handling rates', () => {
    // given
    const counts = unit('u', 20, 19, 15, 16, 2, 1);

    // when
    const rates = unitRates(counts);

    // then
    expect(rates).toEqual({ closureRate: 0.95, satisfactionRate: 15 / 16, overdueRate: 0.1, rehandlingRate: 0.05 });
  });

  it('leaves a rate unknown when there is nothing to divide by', () => {
    // given / when
    const rates = unitRates(unit('u', 0, 0));

    // then
    expect(rates).toEqual({ closureRate: undefined, satisfactionRate: undefined, overdueRate: undefined, rehandlingRate: undefined });
  });
});

describe('red and black lists', () => {
  it('puts the top 10% on the red list and the bottom 10% on the black list by closure rate', () => {
    // given: 20 units, closure rates 100%, 95%, ... 5%
    const counts = Array.from({ length: 20 }, (_, i) => unit(`u${String(i).padStart(2, '0')}`, 20, 20 - i));

    // when
    const ranked = rankUnits(counts, TEN_PERCENT);

    // then
    expect(ranked.filter((u) => u.colour === 'red').map((u) => u.unitId)).toEqual(['u00', 'u01']);
    expect(ranked.filter((u) => u.colour === 'black').map((u) => u.unitId)).toEqual(['u18', 'u19']);
    expect(ranked[0].rank).toBe(1);
  });

  it('breaks ties on closure rate by satisfaction rate', () => {
    // given
    const counts = [unit('a', 10, 9, 5, 10), unit('b', 10, 9, 9, 10), unit('c', 10, 10), unit('d', 10, 5)];

    // when
    const ranked = rankUnits(counts, TEN_PERCENT);

    // then
    expect(ranked.map((u) => u.unitId)).toEqual(['c', 'b', 'a', 'd']);
    expect(ranked.map((u) => u.colour)).toEqual(['red', 'none', 'none', 'black']);
  });

  it('does not rank units with nothing assigned, nor split fewer than two units', () => {
    // given
    const counts = [unit('idle', 0, 0), unit('only', 5, 5)];

    // when
    const ranked = rankUnits(counts, TEN_PERCENT);

    // then
    expect(ranked.map((u) => [u.unitId, u.rank, u.colour])).toEqual([
      ['only', 1, 'none'],
      ['idle', undefined, 'none'],
    ]);
    expect([listSize(1, 0.1), listSize(2, 0.1), listSize(5, 0.1), listSize(25, 0.1)]).toEqual([0, 1, 1, 2]);
  });
});
