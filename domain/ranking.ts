// 红黑榜: units ranked by closure rate, with satisfaction, overdue and re-handling rates beside it.
//
// Rates (each `undefined` when its denominator is 0, so "no data" never reads as 0% or 100%):
// - closure rate        = closed / assigned requests
// - satisfaction rate   = (satisfied + basically satisfied) / follow-ups answered (`no_response` left out)
// - overdue rate        = requests that went past their deadline / assigned requests
// - re-handling rate    = requests re-handled at least once / assigned requests
//
// Red/black split: units with at least one assigned request are ordered by closure rate (high
// first), ties broken by satisfaction rate (high first; unknown last), then overdue rate (low
// first), then unit id (so the order is stable). The top share is red, the bottom share black
// (the shares are the designer's: supervision-cycle's 督办规则 script, e.g. 10%), each at least one
// unit once two or more units are ranked, rounded down otherwise (so with 25 units and 10%: 2 red,
// 2 black). Red and black never overlap. Units with nothing assigned are not ranked.
// Why closure first: the study ranks by 化解率; satisfaction is the next thing it holds units to.

export interface UnitCounts {
  unitId: string;
  assigned: number;
  closed: number;
  /** follow-ups answered satisfied or basically satisfied */
  content: number;
  /** follow-ups answered at all (all outcomes but `no_response`) */
  answered: number;
  overdue: number;
  rehandled: number;
}

export interface UnitRates {
  closureRate?: number;
  satisfactionRate?: number;
  overdueRate?: number;
  rehandlingRate?: number;
}

export type ListColour = 'red' | 'black' | 'none';

export interface RankedUnit extends UnitCounts, UnitRates {
  /** 1-based position; undefined for units with nothing assigned */
  rank?: number;
  colour: ListColour;
}

/** The shares of ranked units on the red and the black list (0.1 = 10%), as the diagram gives them. */
export interface ListShares {
  red: number;
  black: number;
}

const ratio = (part: number, whole: number): number | undefined => (whole > 0 ? part / whole : undefined);

export function unitRates(c: UnitCounts): UnitRates {
  return {
    closureRate: ratio(c.closed, c.assigned),
    satisfactionRate: ratio(c.content, c.answered),
    overdueRate: ratio(c.overdue, c.assigned),
    rehandlingRate: ratio(c.rehandled, c.assigned),
  };
}

const desc = (a: number | undefined, b: number | undefined): number => (b ?? -1) - (a ?? -1);
const asc = (a: number | undefined, b: number | undefined): number => (a ?? 2) - (b ?? 2);

function compareUnits(a: RankedUnit, b: RankedUnit): number {
  return (
    desc(a.closureRate, b.closureRate) ||
    desc(a.satisfactionRate, b.satisfactionRate) ||
    asc(a.overdueRate, b.overdueRate) ||
    (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0)
  );
}

/** How many units go on a list of `share` when `n` units are ranked. */
export function listSize(n: number, share: number): number {
  // a share of 0 is a designer switching the list off
  if (n < 2 || share <= 0) return 0;
  return Math.min(Math.floor(n / 2), Math.max(1, Math.floor(n * share)));
}

/** Ranks units and splits them into red and black lists (see the header for the rule). */
export function rankUnits(counts: readonly UnitCounts[], shares: ListShares): RankedUnit[] {
  const all: RankedUnit[] = counts.map((c) => ({ ...c, ...unitRates(c), colour: 'none' }));
  const ranked = all.filter((u) => u.assigned > 0).sort(compareUnits);
  const red = listSize(ranked.length, shares.red);
  const black = Math.min(listSize(ranked.length, shares.black), ranked.length - red);
  ranked.forEach((u, i) => {
    u.rank = i + 1;
    if (i < red) u.colour = 'red';
    else if (i >= ranked.length - black) u.colour = 'black';
  });
  const unranked = all.filter((u) => u.assigned === 0).sort((a, b) => (a.unitId < b.unitId ? -1 : 1));
  return [...ranked, ...unranked];
}
