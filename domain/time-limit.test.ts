import { describe, expect, it } from 'vitest';
import {
  deadlineFrom,
  isComplexDays,
  isOverdue,
  isoDays,
  milestoneDeadlines,
  suggestedTimeLimit,
  timeLimitDays,
  warningAt,
  warningLeadDays,
} from './time-limit.js';

const start = new Date('2024-05-10T09:00:00+08:00');

describe('time limits', () => {
  it('gives short-term requests 15 days, complex ones what assessment set, staged ones their last milestone', () => {
    // given
    const staged = { kind: 'staged' as const, milestones: [{ title: '筹措资金', days: 45 }, { title: '完工', days: 120 }] };

    // when
    const days = [timeLimitDays({ kind: 'short_term' }), timeLimitDays({ kind: 'complex', days: 90 }), timeLimitDays(staged)];

    // then
    expect(days).toEqual([15, 90, 120]);
    expect(isComplexDays(60)).toBe(true);
    expect(isComplexDays(45)).toBe(false);
    expect(() => timeLimitDays({ kind: 'staged', milestones: [] })).toThrow(RangeError);
  });

  it('suggests 15 days for easy, 30 for hard and 90 for major requests', () => {
    // given / when / then
    expect(timeLimitDays(suggestedTimeLimit('easy'))).toBe(15);
    expect(timeLimitDays(suggestedTimeLimit('hard'))).toBe(30);
    expect(timeLimitDays(suggestedTimeLimit('major'))).toBe(90);
  });

  it('counts calendar days, across month ends and weekends', () => {
    // given / when
    const deadline = deadlineFrom(start, 30);

    // then
    expect(deadline.toISOString()).toBe(new Date('2024-06-09T09:00:00+08:00').toISOString());
    expect(() => deadlineFrom(start, -1)).toThrow(RangeError);
    expect(isoDays(15)).toBe('P15D');
  });

  it('dates each milestone of staged measures', () => {
    // given
    const milestones = [{ title: '完工', days: 60 }, { title: '立项', days: 10 }];

    // when
    const dated = milestoneDeadlines(start, milestones);

    // then
    expect(dated.map((m) => m.title)).toEqual(['立项', '完工']);
    expect(dated[0].deadline).toEqual(deadlineFrom(start, 10));
  });

  it('warns 20% of the limit ahead, at least one day and at most seven', () => {
    // given
    const limits = [1, 2, 15, 30, 60, 90];

    // when
    const leads = limits.map(warningLeadDays);

    // then
    expect(leads).toEqual([1, 1, 3, 6, 7, 7]);
    expect(warningAt(start, 15)).toEqual(deadlineFrom(start, 12));
  });

  it('is overdue only past the deadline, judged at the finish if finished', () => {
    // given
    const deadline = deadlineFrom(start, 15);

    // when / then
    expect(isOverdue(deadline, deadline)).toBe(false);
    expect(isOverdue(deadline, deadlineFrom(start, 16))).toBe(true);
    expect(isOverdue(deadline, deadlineFrom(start, 16), deadlineFrom(start, 14))).toBe(false);
  });
});
