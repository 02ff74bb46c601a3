import { describe, expect, it } from 'vitest';
import { assessRequest } from '../../../store/requests.js';
import { receive, storeWithOrganisation, T0 } from '../../../store/testing.js';
import { formProblems } from './form.js';
import { acceptProblems, handleAtLevelForms, handleTaskProblems, reviewReturnProblems } from './handle-at-level.js';

const formOf = (id: string) => handleAtLevelForms.find((f) => f.key === `suqiu-form:${id}`)!;
const fields = (problems: { field: string }[]) => [...new Set(problems.map((p) => p.field))];

describe('handle-at-level forms', () => {
  it('accept: today\'s completions still pass; a return needs a listed reason, and a note for other', () => {
    // given
    const accept = formOf('accept');

    // when / then
    for (const v of [{}, { handler: '王主任' }, { decision: 'accept' }, { decision: 'return', returnReason: 'wrong_locality' }, { decision: 'return', returnReason: 'other', returnNote: '人手不足' }]) {
      expect([...formProblems(accept, v), ...acceptProblems(v)]).toEqual([]);
    }
    expect(fields(formProblems(accept, { decision: 'return', returnReason: 'too_busy' }))).toEqual(['returnReason']);
    expect(fields(acceptProblems({ decision: 'return' }))).toEqual(['returnReason']);
    expect(fields(acceptProblems({ decision: 'return', returnReason: 'other', returnNote: ' ' }))).toEqual(['returnNote']);
  });

  it('handle-task: an extension is asked with 1 to 90 days and a reason', () => {
    // given
    const handle = formOf('handle-task');

    // when / then
    expect(formProblems(handle, { outcome: 'resolved', resolutionNote: '已修复' })).toEqual([]);
    expect([...formProblems(handle, { outcome: 'extend', extensionDays: 10, extensionReason: '待资金' }), ...handleTaskProblems({ outcome: 'extend', extensionDays: 10, extensionReason: '待资金' })]).toEqual([]);
    expect(fields(formProblems(handle, { outcome: 'extend', extensionDays: 91, extensionReason: 'x' }))).toEqual(['extensionDays']);
    expect(fields(formProblems(handle, { outcome: 'extend', extensionDays: 0, extensionReason: 'x' }))).toEqual(['extensionDays']);
    expect(fields(handleTaskProblems({ outcome: 'extend' }))).toEqual(['extensionDays', 'extensionReason']);
  });

  it('review-return: re-dispatch to a unit the store knows, not the returning unit; a rejection says why', () => {
    // given 黄梁村 holds the request
    const { db, close } = storeWithOrganisation();
    receive(db, 'r1');
    assessRequest(db, 'r1', { listType: 'individual', domain: 'water_resources', difficulty: 'easy', level: 'village', responsibleUnitId: 'dingshan-huangliang', timeLimitDays: 15, deadline: T0 });
    const review = formOf('review-return');

    // when / then
    expect(reviewReturnProblems(db, { returnDecision: 'redispatch', redispatchTo: 'village:dingshan-xinqiao' }, { requestId: 'r1' })).toEqual([]);
    expect(reviewReturnProblems(db, { returnDecision: 'redispatch', redispatchTo: 'department:water-bureau' }, { requestId: 'r1' })).toEqual([]);
    expect(reviewReturnProblems(db, { returnDecision: 'reject', decisionNote: '属本村' })).toEqual([]);
    expect(fields(reviewReturnProblems(db, { returnDecision: 'redispatch' }))).toEqual(['redispatchTo']);
    expect(fields(reviewReturnProblems(db, { returnDecision: 'redispatch', redispatchTo: 'village:no-such-village' }))).toEqual(['redispatchTo']);
    expect(fields(reviewReturnProblems(db, { returnDecision: 'redispatch', redispatchTo: 'district:joint-meeting' }))).toEqual(['redispatchTo']);
    expect(fields(reviewReturnProblems(db, { returnDecision: 'redispatch', redispatchTo: 'village:dingshan-huangliang' }, { requestId: 'r1' }))).toEqual(['redispatchTo']);
    expect(fields(reviewReturnProblems(db, { returnDecision: 'reject' }))).toEqual(['decisionNote']);
    expect(fields(formProblems(review, { returnDecision: 'redispatch', redispatchTo: 'not a group' }))).toEqual(['redispatchTo']);
    close();
  });
});
