// 回访 / 满意度 and 重办: after closure the citizen is asked; an unsatisfied answer sends the request
// back. The first refusal at a level is re-handled at that same level (二次交办); a second refusal at
// that level sends it one level up; at the district there is nothing higher, so it becomes a
// backstop case (兜底) for the monthly joint meeting.
// `no_response` (could not be reached, or would not answer) does not reopen the request.
import { vocabulary } from './labels.js';
import { nextLevelUp, type Level } from './level.js';

export type Satisfaction = 'satisfied' | 'basically_satisfied' | 'unsatisfied' | 'no_response';

export const satisfactions = vocabulary<Satisfaction>({
  satisfied: '满意',
  basically_satisfied: '基本满意',
  unsatisfied: '不满意',
  no_response: '未回应',
});

/** Satisfied or basically satisfied: what the satisfaction rate counts. */
export function isContent(outcome: Satisfaction): boolean {
  return outcome === 'satisfied' || outcome === 'basically_satisfied';
}

export type FollowUpDecision =
  | { action: 'archive' }
  | { action: 'rehandle'; level: Level }
  | { action: 'escalate'; level: Level }
  | { action: 'backstop'; level: 'district' };

/**
 * What happens after a follow-up.
 * @param refusalsBefore unsatisfied answers already given while the request was at `level`
 */
export function decideAfterFollowUp(outcome: Satisfaction, level: Level, refusalsBefore: number): FollowUpDecision {
  if (outcome !== 'unsatisfied') return { action: 'archive' };
  if (refusalsBefore === 0) return { action: 'rehandle', level };
  const up = nextLevelUp(level);
  return up === undefined ? { action: 'backstop', level: 'district' } : { action: 'escalate', level: up };
}
