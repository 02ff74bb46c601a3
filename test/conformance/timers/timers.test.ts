// Timers.
// Docs: https://docs.camunda.io/docs/components/modeler/bpmn/timer-events/
import { describe, expect, it } from 'vitest';
import { expectGrpcError, useHarness } from '../harness.js';

const h = useHarness();

describe('timer events', () => {
  it('an intermediate timer (PT1S) waits its duration, never less, then continues', async () => {
    // given
    const s = h.scope();
    await s.deploy('timers/intermediate-duration.bpmn');
    const started = Date.now();

    // when
    await s.create('tm-intermediate');

    // then
    const job = await h.waitForJob(s.type('tm-after'), { timeoutMs: 15_000 });
    expect(job.elementId).toBe('after');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
  });

  it('an interrupting boundary timer terminates the task and takes its path', async () => {
    // given: the duration is a FEEL expression, = duration("PT1S")
    const s = h.scope();
    await s.deploy('timers/boundary.bpmn');
    await s.create('tm-boundary');
    const work = await h.waitForJob(s.type('tm-boundary-work'));

    // when: the timer fires
    const escalate = await h.waitForJob(s.type('tm-boundary-escalate'), { timeoutMs: 15_000 });

    // then
    expect(escalate.elementId).toBe('escalate');
    await expectGrpcError(h.complete(work), 'NOT_FOUND');
  });

  it('a non-interrupting cycle (R2/PT1S) fires twice and leaves the task active', async () => {
    // given
    const s = h.scope();
    await s.deploy('timers/non-interrupting-cycle.bpmn');
    const result = s.createWithResult('tm-cycle', {}, { requestTimeout: 30_000 });
    const work = await h.waitForJob(s.type('tm-cycle-work'));

    // when
    const reminders = await h.waitForJobs(s.type('tm-cycle-remind'), { count: 2, timeoutMs: 15_000 });

    // then: exactly two repetitions
    await h.expectNoJobs(s.type('tm-cycle-remind'), 2_000);
    for (const r of reminders) await h.complete(r);
    await h.complete(work, { done: true });
    expect((await result).variables).toEqual({ done: true });
  });
});
