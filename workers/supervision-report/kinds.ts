import type { UnitKind } from '../../store/schema.js';

/** Units that get a weekly report, and the groups ranked against each other (like with like). */
export const RANKED_GROUPS: readonly UnitKind[][] = [['township', 'street'], ['department'], ['village', 'community']];
export const REPORTED_KINDS: UnitKind[] = [...RANKED_GROUPS.flat(), 'special_team'];
