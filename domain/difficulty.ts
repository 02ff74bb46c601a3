// 难易程度: easy (易事), hard (难事: large cost, crosses departments), major (大事).
import { vocabulary } from './labels.js';
import type { Level } from './level.js';

export type Difficulty = 'easy' | 'hard' | 'major';

export const difficulties = vocabulary<Difficulty>({
  easy: '易事',
  hard: '难事',
  major: '大事',
});

const LEVEL_FOR: Readonly<Record<Difficulty, Level>> = {
  easy: 'village',
  hard: 'township',
  major: 'district',
};

/** Routing by level: easy → village/community, hard → township/street, major → district. */
export function levelForDifficulty(difficulty: Difficulty): Level {
  return LEVEL_FOR[difficulty];
}
