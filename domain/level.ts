// 层级: village/community, township/street, district. "小事村(社区)办,难事乡镇(街道)担,大事区上管".
import { vocabulary } from './labels.js';

export type Level = 'village' | 'township' | 'district';

export const levels = vocabulary<Level>({
  village: '村(社区)',
  township: '乡镇(街道)',
  district: '区',
});

const UP: Readonly<Record<Level, Level | undefined>> = {
  village: 'township',
  township: 'district',
  district: undefined,
};

/**
 * The level a request goes to when the current one cannot solve it; `undefined` at the district,
 * which is the backstop (兜底): nothing is higher, the monthly joint meeting takes it.
 */
export function nextLevelUp(level: Level): Level | undefined {
  return UP[level];
}

/** True at the district: a request that cannot be solved there is a backstop case. */
export function isBackstop(level: Level): boolean {
  return nextLevelUp(level) === undefined;
}

/** Orders levels from the bottom (village = 0) to the top (district = 2). */
export function levelRank(level: Level): number {
  return levels.codes.indexOf(level);
}
