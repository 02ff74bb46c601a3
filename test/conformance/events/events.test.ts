// Event-based gateway, error end events, signals.
// Docs: https://docs.camunda.io/docs/components/modeler/bpmn/event-based-gateways/
//       https://docs.camunda.io/docs/components/modeler/bpmn/error-events/
//       https://docs.camunda.io/docs/components/modeler/bpmn/signal-events/
//       https://docs.camunda.io/docs/components/modeler/bpmn/escalation-events/
//       https://docs.camunda.io/docs/components/modeler/bpmn/terminate-events/
//       https://docs.camunda.io/docs/components/modeler/bpmn/event-subprocesses/
import { describe, expect, it } from 'vitest';
import { expectGrpcError, sleep, useHarness } from '../harness.js';

const h = useHarness();

describe('event-based gateway', () => {
  it('the first event wins (message before the timer); the other subscription closes', async () => {
    // given
    const s = h.scope();
    await s.deploy('events/event-based-gateway.bpmn');
    const orderId = `order-${s.suffix}`;

    // when
    await s.create('ev-race', { orderId });
    await h.zbc.publishMessage({ name: s.msg('paid'), correlationKey: orderId, timeToLive: 10_000, variables: { paid: true } });

    // then
    expect((await h.waitForJob(s.type('ev-ship'))).variables).toEqual({ orderId, paid: true });
    await h.expectNoJobs(s.type('ev-chase'), 2_000);
  });

  it('the first event wins (timer before the message); a later message does not correlate', async () => {
    // given
    const s = h.scope();
    await s.deploy('events/event-based-gateway.bpmn');
    const orderId = `order-${s.suffix}`;
    await s.create('ev-race', { orderId });

    // when: the PT1S timer fires first
    const chase = await h.waitForJob(s.type('ev-chase'), { timeoutMs: 15_000 });
    await h.zbc.publishMessage({ name: s.msg('paid'), correlationKey: orderId, timeToLive: 0, variables: {} });

    // then
    expect(chase.elementId).toBe('chase');
    await h.expectNoJobs(s.type('ev-ship'), 1_000);
  });
});

describe('error end event', () => {
  it('inside a subprocess is caught by the error boundary on the subprocess', async () => {
    // given
    const s = h.scope();
    await s.deploy('events/error-end-in-subprocess.bpmn');

    // when
    await s.create('ev-error-end', { sku: 'A-1' });

    // then
    const handle = await h.waitForJob(s.type('ev-error-handle'));
    expect(handle.elementId).toBe('handle');
    expect(handle.variables).toEqual({ sku: 'A-1' });
  });
});

describe('signals', () => {
  it('BroadcastSignal triggers a waiting signal catch event, with the signal variables', async () => {
    // given: signals are not buffered, so wait until the instance waits at the catch event
    const s = h.scope();
    await s.deploy('events/signal-catch.bpmn');
    await s.create('ev-signal', { a: 1 });
    await sleep(1_000);

    // when
    await h.zbc.broadcastSignal({ signalName: s.signal('alarm'), variables: { level: 'red' } });

    // then
    expect((await h.waitForJob(s.type('ev-signal-after'))).variables).toEqual({ a: 1, level: 'red' });
  });
});

describe('escalation events', () => {
  it('a thrown escalation is caught by a non-interrupting boundary; both paths continue', async () => {
    // given: "as escalation events are non-critical, the outgoing sequence flows of Throw and
    // Catch are both taken"
    const s = h.scope();
    await s.deploy('events/escalation.bpmn');

    // when
    await s.create('ev-escalation');

    // then
    expect((await h.waitForJob(s.type('ev-esc-notify'))).elementId).toBe('notify');
    expect((await h.waitForJob(s.type('ev-esc-inner'))).elementId).toBe('inner');
  });

  it('an uncaught escalation raises no incident: the thrower goes on', async () => {
    // given
    const s = h.scope();
    await s.deploy('events/escalation-uncaught.bpmn');

    // when
    const created = await s.create('ev-esc-uncaught');

    // then
    expect((await h.waitForJob(s.type('ev-esc-after'))).elementId).toBe('after');
    const incidents = await h.incidents(created.processInstanceKey).catch(() => undefined);
    if (incidents !== undefined) expect(incidents).toEqual([]);
  });
});

describe('terminate end event in a subprocess', () => {
  it('terminates only the subprocess scope; the process continues after the subprocess', async () => {
    // given
    const s = h.scope();
    await s.deploy('events/terminate-in-subprocess.bpmn');

    // when
    await s.create('ev-term-sub');

    // then
    expect((await h.waitForJob(s.type('ev-ts-after'))).elementId).toBe('after');
    await h.expectNoJobs(s.type('ev-ts-inner'), 500);
  });
});

describe('event subprocess', () => {
  it('an interrupting error start event catches a job error of its scope and terminates the rest', async () => {
    // given
    const s = h.scope();
    await s.deploy('events/error-event-subprocess.bpmn');
    await s.create('ev-evsub-error', { a: 1 });
    const work = await h.waitForJob(s.type('ev-evsub-work'));

    // when
    await h.zbc.throwError({ jobKey: work.key, errorCode: 'BOOM', errorMessage: 'boom', variables: { cause: 'x' } });

    // then
    const handle = await h.waitForJob(s.type('ev-evsub-handle'));
    expect(handle.variables).toMatchObject({ a: 1, cause: 'x' });
    await expectGrpcError(h.complete(work), 'NOT_FOUND');
  });
});
