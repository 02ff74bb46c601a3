// Timers on a pinned clock: due dates, durations, cycles, cron, timer start events.
// Docs: https://docs.camunda.io/docs/components/modeler/bpmn/timer-events/
//       https://docs.camunda.io/docs/apis-tools/orchestration-cluster-api-rest/specifications/pin-clock/
//
// The clock is pinned (see ../clock.ts): nothing here waits for real time to pass. Against an
// external cluster the clock is cluster-wide: run with --no-file-parallelism.
import { describe, expect, it } from 'vitest';
import { advanceClock, clockNow, DAY, HOUR, MINUTE, pinClock, pinFreshStart, useClockReset } from '../clock.js';
import { EMBEDDED, expectGrpcError, itNeedsInspect, useHarness, type TestScope } from '../harness.js';

const h = useHarness();
useClockReset(h);

/** how long "nothing happens" is watched after a pin (Zeebe's due-date checker runs in the background) */
const QUIET_MS = EMBEDDED ? 250 : 2_000;
/** activated jobs stay locked for a long (engine) time, so that moving the clock does not hand them out again */
const LOCK = { timeout: 30 * DAY };

const iso = (ms: number) => new Date(ms).toISOString();

/** deploys clk-start-cycle.bpmn with the given cycle; `name` makes a redeploy a new version */
function deployStartCycle(s: TestScope, cycle: string, name = 'v1') {
  const xml = s.xml('timers/clk-start-cycle.bpmn').replaceAll('__CYCLE__', cycle).replaceAll('__NAME__', name);
  return s.deployXml('clk-start-cycle.bpmn', xml);
}

/** a new version without the timer start event cancels the timers (keeps later tests quiet) */
async function stopStartTimers(s: TestScope) {
  await s.deployXml('clk-start-none.bpmn', s.xml('timers/clk-start-none.bpmn'));
}

describe('intermediate timer catch event', () => {
  it('a duration timer never fires early: not at due - 1 ms, but at the due time', async () => {
    // given: a PT10M timer entered at T0
    const s = h.scope();
    await s.deploy('timers/clk-intermediate-duration.bpmn');
    const t0 = await pinFreshStart(h);
    await s.create('clk-duration', { wait: 'PT10M' });

    // when: just before the due time
    await pinClock(h, t0 + 10 * MINUTE - 1);

    // then: not fired
    await h.expectNoJobs(s.type('clk-after'), QUIET_MS);

    // when: at the due time
    await pinClock(h, t0 + 10 * MINUTE);

    // then: fired, the flow goes on
    const job = await h.waitForJob(s.type('clk-after'));
    expect(job.elementId).toBe('after');
    expect(job.variables).toEqual({ wait: 'PT10M' });
  });

  it('a zero duration (PT0S) fires at once, without moving the clock', async () => {
    // given
    const s = h.scope();
    await s.deploy('timers/clk-intermediate-duration.bpmn');
    await pinFreshStart(h);

    // when
    await s.create('clk-duration', { wait: 'PT0S' });

    // then
    expect((await h.waitForJob(s.type('clk-after'))).elementId).toBe('after');
  });

  it('a negative duration (-PT5M) fires at once, without moving the clock', async () => {
    // given
    const s = h.scope();
    await s.deploy('timers/clk-intermediate-duration.bpmn');
    await pinFreshStart(h);

    // when
    await s.create('clk-duration', { wait: '-PT5M' });

    // then
    expect((await h.waitForJob(s.type('clk-after'))).elementId).toBe('after');
  });

  it('a duration with months (P1M) counts calendar months: Feb 15 -> Mar 15 is 28 or 29 days', async () => {
    // given: T0 = Feb 15, 12:00 UTC of a year after the current (pinned) time
    const s = h.scope();
    await s.deploy('timers/clk-intermediate-duration.bpmn');
    const year = new Date(clockNow(h)).getUTCFullYear() + 1;
    const t0 = Date.UTC(year, 1, 15, 12);
    const due = Date.UTC(year, 2, 15, 12);
    await pinClock(h, t0);
    await s.create('clk-duration', { wait: 'P1M' });

    // when / then: not a millisecond early
    await pinClock(h, due - 1);
    await h.expectNoJobs(s.type('clk-after'), QUIET_MS);
    await pinClock(h, due);
    expect((await h.waitForJob(s.type('clk-after'))).elementId).toBe('after');
  });

  it('a duration with years (P1Y) counts calendar years (across Feb 29 of a leap year)', async () => {
    // given: T0 = Mar 1 of a year before a leap year; one year later is 366 days later
    const s = h.scope();
    await s.deploy('timers/clk-intermediate-duration.bpmn');
    let year = new Date(clockNow(h)).getUTCFullYear() + 1;
    while ((year + 1) % 4 !== 0) year++;
    const t0 = Date.UTC(year, 2, 1, 12);
    const due = Date.UTC(year + 1, 2, 1, 12);
    await pinClock(h, t0);
    await s.create('clk-duration', { wait: 'P1Y' });

    // when / then: 365 days are not enough
    await pinClock(h, t0 + 365 * DAY);
    await h.expectNoJobs(s.type('clk-after'), QUIET_MS);
    await pinClock(h, due);
    expect((await h.waitForJob(s.type('clk-after'))).elementId).toBe('after');
  });

  it('a FEEL duration =duration("P" + string(days) + "D") is evaluated when the event is entered', async () => {
    // given: days = 2
    const s = h.scope();
    await s.deploy('timers/clk-intermediate-feel-days.bpmn');
    const t0 = await pinFreshStart(h);
    await s.create('clk-feel-days', { days: 2 });

    // when / then
    await pinClock(h, t0 + 2 * DAY - 1);
    await h.expectNoJobs(s.type('clk-days-after'), QUIET_MS);
    await pinClock(h, t0 + 2 * DAY);
    expect((await h.waitForJob(s.type('clk-days-after'))).variables).toEqual({ days: 2 });
  });

  it('a time date timer (= date and time(dueAt)) fires at that date, not before', async () => {
    // given
    const s = h.scope();
    await s.deploy('timers/clk-intermediate-date.bpmn');
    const t0 = await pinFreshStart(h);
    const dueAt = t0 + 3 * HOUR;
    await s.create('clk-date', { dueAt: iso(dueAt) });

    // when / then
    await pinClock(h, dueAt - 1);
    await h.expectNoJobs(s.type('clk-date-after'), QUIET_MS);
    await pinClock(h, dueAt);
    expect((await h.waitForJob(s.type('clk-date-after'))).elementId).toBe('after');
  });
});

describe('boundary timers', () => {
  it('an interrupting boundary timer (PT1H) terminates the task when due, not before', async () => {
    // given
    const s = h.scope();
    await s.deploy('timers/clk-boundary-interrupting.bpmn');
    const t0 = await pinFreshStart(h);
    await s.create('clk-timeout');
    const work = await h.waitForJob(s.type('clk-timeout-work'), LOCK);

    // when
    await pinClock(h, t0 + HOUR - 1);
    await h.expectNoJobs(s.type('clk-timeout-late'), QUIET_MS);
    await pinClock(h, t0 + HOUR);

    // then: the boundary path is taken and the task's job is gone
    expect((await h.waitForJob(s.type('clk-timeout-late'))).elementId).toBe('late');
    await expectGrpcError(h.complete(work), 'NOT_FOUND');
  });

  it('completing the task first cancels its boundary timer', async () => {
    // given
    const s = h.scope();
    await s.deploy('timers/clk-boundary-interrupting.bpmn');
    await pinFreshStart(h);
    const result = s.createWithResult('clk-timeout', {}, { requestTimeout: 20_000 });
    const work = await h.waitForJob(s.type('clk-timeout-work'), LOCK);

    // when
    await h.complete(work, { finished: true });
    expect((await result).variables).toEqual({ finished: true });
    await advanceClock(h, 2 * HOUR);

    // then
    await h.expectNoJobs(s.type('clk-timeout-late'), QUIET_MS);
  });

  it('a non-interrupting cycle R3/PT10M fires three times, no more, and the task stays', async () => {
    // given
    const s = h.scope();
    await s.deploy('timers/clk-boundary-cycle.bpmn');
    await pinFreshStart(h);
    const result = s.createWithResult('clk-cycle', {}, { requestTimeout: 20_000 });
    const work = await h.waitForJob(s.type('clk-cycle-work'), LOCK);

    // when: three intervals pass, one at a time
    for (let i = 1; i <= 3; i++) {
      await advanceClock(h, 10 * MINUTE - 1);
      await h.expectNoJobs(s.type('clk-cycle-remind'), QUIET_MS);
      await advanceClock(h, 1);
      const remind = await h.waitForJob(s.type('clk-cycle-remind'), LOCK);
      expect(remind.elementId).toBe('remind');
      await h.complete(remind);
    }

    // then: a fourth interval fires nothing
    await advanceClock(h, 10 * MINUTE);
    await advanceClock(h, 10 * MINUTE);
    await h.expectNoJobs(s.type('clk-cycle-remind'), QUIET_MS);
    await h.complete(work, { done: true });
    expect((await result).variables).toEqual({ done: true });
  });

  it('a cycle is scheduled from the previous due date, not from when it fired late (no drift)', async () => {
    // Zeebe reschedules a repeating timer from the due date it fired at ("Use the timer's last
    // due date instead of the current time to avoid a time shift", TimerTriggerProcessor).
    // given: R3/PT10M entered at T0
    const s = h.scope();
    await s.deploy('timers/clk-boundary-cycle.bpmn');
    const t0 = await pinFreshStart(h);
    await s.create('clk-cycle');
    await h.waitForJob(s.type('clk-cycle-work'), LOCK);

    // when: the first firing happens 2 minutes late (the clock jumps to T0 + 12 min)
    await pinClock(h, t0 + 12 * MINUTE);
    await h.complete(await h.waitForJob(s.type('clk-cycle-remind'), LOCK));

    // then: the second one is still due at T0 + 20 min
    await pinClock(h, t0 + 20 * MINUTE);
    expect((await h.waitForJob(s.type('clk-cycle-remind'), { ...LOCK, timeoutMs: 3_000 })).elementId).toBe('remind');
  });
});

describe('timer start events', () => {
  it('a cycle R2/PT1H creates an instance at each due time, two in all', async () => {
    // given: deployed at T0 (a timer start event is evaluated at deploy time)
    const s = h.scope();
    const t0 = await pinFreshStart(h);
    await deployStartCycle(s, 'R2/PT1H');

    // when / then
    await pinClock(h, t0 + HOUR - 1);
    await h.expectNoJobs(s.type('clk-started'), QUIET_MS);
    await pinClock(h, t0 + HOUR);
    const first = await h.waitForJob(s.type('clk-started'), LOCK);
    expect(first.bpmnProcessId).toBe(s.id('clk-start'));
    await pinClock(h, t0 + 2 * HOUR);
    const second = await h.waitForJob(s.type('clk-started'), LOCK);
    expect(second.processInstanceKey).not.toBe(first.processInstanceKey);
    await pinClock(h, t0 + 3 * HOUR);
    await pinClock(h, t0 + 4 * HOUR);
    await h.expectNoJobs(s.type('clk-started'), QUIET_MS);
    await stopStartTimers(s);
  });

  it('deploying a new version cancels the previous version\'s timer start event', async () => {
    // given: v1 and then v2, both R/PT1H
    const s = h.scope();
    const t0 = await pinFreshStart(h);
    const [v1] = await deployStartCycle(s, 'R/PT1H', 'v1');
    const [v2] = await deployStartCycle(s, 'R/PT1H', 'v2');
    expect([v1!.version, v2!.version]).toEqual([1, 2]);

    // when
    await pinClock(h, t0 + HOUR);

    // then: one instance, of version 2 only
    const job = await h.waitForJob(s.type('clk-started'), LOCK);
    expect(job.processDefinitionVersion).toBe(2);
    await h.expectNoJobs(s.type('clk-started'), QUIET_MS);
    await stopStartTimers(s);

    // and: a version without the timer start event stops the timer altogether
    await pinClock(h, t0 + 3 * HOUR);
    await h.expectNoJobs(s.type('clk-started'), QUIET_MS);
  });

  it('a cycle with a start date R/<start>/P1D fires first at <start>, then every day', async () => {
    // given
    const s = h.scope();
    const t0 = await pinFreshStart(h);
    const start = t0 + 2 * HOUR;
    await deployStartCycle(s, `R/${iso(start)}/P1D`);

    // when / then
    await pinClock(h, start - 1);
    await h.expectNoJobs(s.type('clk-started'), QUIET_MS);
    await pinClock(h, start);
    await h.waitForJob(s.type('clk-started'), LOCK);
    await pinClock(h, start + DAY - 1);
    await h.expectNoJobs(s.type('clk-started'), QUIET_MS);
    await pinClock(h, start + DAY);
    await h.waitForJob(s.type('clk-started'), LOCK);
    await stopStartTimers(s);
  });

  it('a cron cycle (0 */15 * * * *) fires at every quarter hour', async () => {
    // given
    const s = h.scope();
    const t0 = await pinFreshStart(h);
    const quarter = Math.floor(t0 / (15 * MINUTE)) * 15 * MINUTE + 15 * MINUTE;
    await deployStartCycle(s, '0 */15 * * * *');

    // when / then
    await pinClock(h, quarter - 1);
    await h.expectNoJobs(s.type('clk-started'), QUIET_MS);
    await pinClock(h, quarter);
    await h.waitForJob(s.type('clk-started'), LOCK);
    await pinClock(h, quarter + 15 * MINUTE);
    await h.waitForJob(s.type('clk-started'), LOCK);
    await stopStartTimers(s);
  });

  it('a time date start event creates exactly one instance at that date', async () => {
    // given
    const s = h.scope();
    const t0 = await pinFreshStart(h);
    const due = t0 + 30 * MINUTE;
    await s.deployXml('clk-start-date.bpmn', s.xml('timers/clk-start-date.bpmn').replaceAll('__DATE__', iso(due)));

    // when / then
    await pinClock(h, due - 1);
    await h.expectNoJobs(s.type('clk-date-started'), QUIET_MS);
    await pinClock(h, due);
    expect((await h.waitForJob(s.type('clk-date-started'), LOCK)).bpmnProcessId).toBe(s.id('clk-start-date'));
    await pinClock(h, due + DAY);
    await h.expectNoJobs(s.type('clk-date-started'), QUIET_MS);
  });
});

describe('timer deployment rules', () => {
  it('a time date already past fires at once', async () => {
    // given
    const s = h.scope();
    await s.deploy('timers/clk-intermediate-date.bpmn');
    const t0 = await pinFreshStart(h);

    // when
    await s.create('clk-date', { dueAt: iso(t0 - DAY) });

    // then
    expect((await h.waitForJob(s.type('clk-date-after'))).elementId).toBe('after');
  });

  itNeedsInspect('a timer expression that is not a duration raises an EXTRACT_VALUE_ERROR incident', async () => {
    // given: wait = 5 (a number, not a duration)
    const s = h.scope();
    await s.deploy('timers/clk-intermediate-duration.bpmn');

    // when
    const pi = await s.create('clk-duration', { wait: 5 });

    // then
    const incidents = await h.waitForIncidents(pi.processInstanceKey);
    expect(incidents[0]).toMatchObject({ type: 'EXTRACT_VALUE_ERROR', elementId: 'wait_timer' });
  });

  it('deploy rejects an interrupting boundary timer with a time cycle', async () => {
    const s = h.scope();
    // when / then
    await expectGrpcError(s.deploy('timers/clk-invalid-interrupting-cycle.bpmn'), 'INVALID_ARGUMENT');
  });

  it('deploy rejects an intermediate timer catch event with a time cycle', async () => {
    const s = h.scope();
    // when / then
    await expectGrpcError(s.deploy('timers/clk-invalid-intermediate-cycle.bpmn'), 'INVALID_ARGUMENT');
  });
});
