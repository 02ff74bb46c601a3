// Event subprocesses started by timers, messages and signals, interrupting or not. (Error and
// escalation event subprocesses are in ../errors and ../escalation.)
// Docs: https://docs.camunda.io/docs/components/modeler/bpmn/event-subprocesses/
//       https://docs.camunda.io/docs/components/modeler/bpmn/timer-events/
//       https://docs.camunda.io/docs/components/modeler/bpmn/message-events/
//       https://docs.camunda.io/docs/components/modeler/bpmn/signal-events/
import { describe, expect, it } from 'vitest';
import { advanceClock, HOUR, MINUTE, pinClock, pinFreshStart, useClockReset } from '../clock.js';
import { EMBEDDED, expectGrpcError, sleep, useHarness, type TestScope } from '../harness.js';

const h = useHarness();
useClockReset(h);

const QUIET_MS = EMBEDDED ? 250 : 2_000;
const LOCK = { timeout: 30 * 24 * HOUR };
const settle = () => sleep(EMBEDDED ? 0 : 1_000);

function publish(s: TestScope, name: string, caseId: string, variables: Record<string, any> = {}) {
  return h.zbc.publishMessage({ name: s.msg(name), correlationKey: caseId, variables, timeToLive: 0 });
}

describe('timer event subprocesses', () => {
  it('a non-interrupting cycle R2/PT10M runs the event subprocess twice; the task stays active', async () => {
    // given
    const s = h.scope();
    await s.deploy('event-subprocess/timer-event-subprocesses.bpmn');
    const t0 = await pinFreshStart(h);
    await s.create('esp-timer');
    const work = await h.waitForJob(s.type('esp-timer-work'), LOCK);

    // when / then
    await pinClock(h, t0 + 10 * MINUTE - 1);
    await h.expectNoJobs(s.type('esp-timer-remind'), QUIET_MS);
    await pinClock(h, t0 + 10 * MINUTE);
    await h.complete(await h.waitForJob(s.type('esp-timer-remind'), LOCK));
    await pinClock(h, t0 + 20 * MINUTE);
    await h.complete(await h.waitForJob(s.type('esp-timer-remind'), LOCK));
    await pinClock(h, t0 + 40 * MINUTE);
    await h.expectNoJobs(s.type('esp-timer-remind'), QUIET_MS);

    // and: the main task is untouched
    await h.complete(work);
  });

  it('an interrupting timer (PT1H) terminates the task and runs the event subprocess', async () => {
    // given
    const s = h.scope();
    await s.deploy('event-subprocess/timer-event-subprocesses.bpmn');
    const t0 = await pinFreshStart(h);
    const result = s.createWithResult('esp-timer', {}, { requestTimeout: 20_000 });
    const work = await h.waitForJob(s.type('esp-timer-work'), LOCK);

    // when
    await pinClock(h, t0 + HOUR - 1);
    await h.expectNoJobs(s.type('esp-timer-timeout'), QUIET_MS);
    await pinClock(h, t0 + HOUR);

    // then
    const timeout = await h.waitForJob(s.type('esp-timer-timeout'), LOCK);
    expect(timeout.elementId).toBe('timeout');
    await expectGrpcError(h.complete(work), 'NOT_FOUND');
    await h.complete(timeout, { timedOut: true });
    expect((await result).variables).toEqual({ timedOut: true });
  });

  it('when the scope completes first, its event subprocess timers are cancelled', async () => {
    // given
    const s = h.scope();
    await s.deploy('event-subprocess/timer-event-subprocesses.bpmn');
    await pinFreshStart(h);
    const result = s.createWithResult('esp-timer', {}, { requestTimeout: 20_000 });

    // when
    await h.complete(await h.waitForJob(s.type('esp-timer-work'), LOCK));
    await result;
    await advanceClock(h, 2 * HOUR);

    // then
    await h.expectNoJobs(s.type('esp-timer-remind'), QUIET_MS);
    await h.expectNoJobs(s.type('esp-timer-timeout'), QUIET_MS);
  });
});

describe('message event subprocesses', () => {
  it('non-interrupting: correlates again and again; an interrupting one then ends everything else, open event subprocesses included', async () => {
    // given
    const s = h.scope();
    await s.deploy('event-subprocess/message-event-subprocesses.bpmn');
    const caseId = `c-${s.suffix}`;
    const result = s.createWithResult('esp-message', { caseId });
    const work = await h.waitForJob(s.type('esp-message-work'));

    // when: two updates
    await publish(s, 'update', caseId, { rev: 1 });
    const first = await h.waitForJob(s.type('esp-message-update'));
    await publish(s, 'update', caseId, { rev: 2 });
    const second = await h.waitForJob(s.type('esp-message-update'));

    // then: two runs of the non-interrupting event subprocess; the task is still there
    expect([first.variables.rev, second.variables.rev]).toEqual([1, 2]);
    await h.complete(first);

    // when: withdraw
    await publish(s, 'withdraw', caseId, { why: 'resolved' });

    // then: the task and the still running update are terminated
    const withdrawn = await h.waitForJob(s.type('esp-message-withdrawn'));
    expect(withdrawn.variables).toMatchObject({ caseId, why: 'resolved' });
    await expectGrpcError(h.complete(work), 'NOT_FOUND');
    await expectGrpcError(h.complete(second), 'NOT_FOUND');
    await h.complete(withdrawn);
    expect((await result).variables).toMatchObject({ caseId, why: 'resolved' });
  });
});

describe('signal event subprocess inside a subprocess', () => {
  it('listens only while its subprocess is active', async () => {
    // given
    const s = h.scope();
    await s.deploy('event-subprocess/signal-event-subprocess-in-subprocess.bpmn');
    await s.create('esp-signal');
    const work = await h.waitForJob(s.type('esp-signal-work'));
    await settle();

    // when: a signal while the subprocess is active
    await h.zbc.broadcastSignal({ signalName: s.signal('notice'), variables: { seen: 1 } });

    // then
    const noticed = await h.waitForJob(s.type('esp-signal-noticed'));
    expect(noticed.variables).toMatchObject({ seen: 1 });
    await h.complete(noticed);

    // when: the subprocess completes, then another signal
    await h.complete(work);
    await h.waitForJob(s.type('esp-signal-after'));
    await h.zbc.broadcastSignal({ signalName: s.signal('notice'), variables: { seen: 2 } });

    // then: nobody listens any more
    await h.expectNoJobs(s.type('esp-signal-noticed'), QUIET_MS);
  });
});
