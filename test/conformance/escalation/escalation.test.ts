// Escalation events: thrown by intermediate throw and end events, caught by boundary events on
// subprocesses and call activities and by event subprocesses, interrupting or not.
// Docs: https://docs.camunda.io/docs/components/modeler/bpmn/escalation-events/
import { describe, expect, it } from 'vitest';
import { EMBEDDED, expectGrpcError, useHarness } from '../harness.js';

const h = useHarness();

const QUIET_MS = EMBEDDED ? 250 : 2_000;

describe('escalation boundary event on a subprocess', () => {
  it('interrupting: the subprocess is terminated (its other task disappears), the boundary path is taken', async () => {
    // given: inside "sub", one path waits at a task, the other throws LATE
    const s = h.scope();
    await s.deploy('escalation/boundary-interrupting.bpmn');

    // when
    const result = s.createWithResult('esc-b-int', { a: 1 });

    // then
    const caught = await h.waitForJob(s.type('esc-b-int-caught'));
    expect(caught.elementId).toBe('caught');
    expect(caught.variables).toEqual({ a: 1 });
    await h.expectNoJobs(s.type('esc-b-int-inner-work'), QUIET_MS);
    await h.expectNoJobs(s.type('esc-b-int-after-throw'), QUIET_MS);
    await h.complete(caught, { handled: true });
    expect((await result).variables).toEqual({ a: 1, handled: true });
  });

  it('non-interrupting: the boundary path runs, the inner task stays and the thrower goes on', async () => {
    // given
    const s = h.scope();
    await s.deploy('escalation/boundary-non-interrupting.bpmn');

    // when
    const result = s.createWithResult('esc-b-nonint', {});

    // then: three jobs: the catcher's, the inner task's, and the one after the throw event
    const caught = await h.waitForJob(s.type('esc-b-nonint-caught'));
    const inner = await h.waitForJob(s.type('esc-b-nonint-inner-work'));
    const after = await h.waitForJob(s.type('esc-b-nonint-after-throw'));
    expect([caught.elementId, inner.elementId, after.elementId]).toEqual(['caught', 'inner_work', 'after_throw']);
    await h.complete(caught, { c: 1 });
    await h.complete(inner, { i: 1 });
    await h.complete(after, { t: 1 });
    expect((await result).variables).toEqual({ c: 1, i: 1, t: 1 });
  });
});

describe('escalation catch selection', () => {
  it('a catch event with the thrown code beats a catch-all on the same scope', async () => {
    // given: code = "LATE"; boundaries for LATE and without a code
    const s = h.scope();
    await s.deploy('escalation/specific-vs-catch-all.bpmn');

    // when
    await s.create('esc-specific', { code: 'LATE' });

    // then
    expect((await h.waitForJob(s.type('esc-specific-late'))).elementId).toBe('specific');
    await h.waitForJob(s.type('esc-specific-after'));
    await h.expectNoJobs(s.type('esc-specific-any'), QUIET_MS);
  });

  it('the catch-all catches a code nobody names; the throw code may be a FEEL expression', async () => {
    // given
    const s = h.scope();
    await s.deploy('escalation/specific-vs-catch-all.bpmn');

    // when
    await s.create('esc-specific', { code: 'SOMETHING_ELSE' });

    // then
    expect((await h.waitForJob(s.type('esc-specific-any'))).elementId).toBe('any');
    await h.waitForJob(s.type('esc-specific-after'));
    await h.expectNoJobs(s.type('esc-specific-late'), QUIET_MS);
  });

  it('the nearest scope catches: a catch-all boundary on the inner subprocess beats the process\'s LATE event subprocess', async () => {
    // given
    const s = h.scope();
    await s.deploy('escalation/nearest-scope.bpmn');

    // when
    await s.create('esc-nearest');

    // then: caught once, by the nearer catcher only
    expect((await h.waitForJob(s.type('esc-nearest-near'))).elementId).toBe('near');
    await h.expectNoJobs(s.type('esc-nearest-far'), QUIET_MS);
  });

  it('an uncaught escalation raises no incident: the throw event goes on, the end event ends the instance', async () => {
    // given
    const s = h.scope();
    await s.deploy('escalation/uncaught.bpmn');

    // when
    const result = s.createWithResult('esc-uncaught', {});

    // then
    const after = await h.waitForJob(s.type('esc-uncaught-after'));
    const incidents = await h.incidents(after.processInstanceKey); // undefined against an external gateway
    if (incidents) expect(incidents).toEqual([]);
    await h.complete(after, { went: 'on' });
    expect((await result).variables).toEqual({ went: 'on' });
  });
});

describe('escalation event subprocess', () => {
  it('non-interrupting: the event subprocess runs while the subprocess and the thrower go on', async () => {
    // given
    const s = h.scope();
    await s.deploy('escalation/event-subprocess-non-interrupting.bpmn');

    // when
    const result = s.createWithResult('esc-esp-nonint', {});

    // then
    const caught = await h.waitForJob(s.type('esc-esp-nonint-caught'));
    const inner = await h.waitForJob(s.type('esc-esp-nonint-inner-work'));
    const after = await h.waitForJob(s.type('esc-esp-nonint-after-throw'));
    for (const job of [caught, inner, after]) await h.complete(job);
    expect((await result).variables).toEqual({});
  });

  it('interrupting: everything else in the process is terminated; the event subprocess completes the instance', async () => {
    // given
    const s = h.scope();
    await s.deploy('escalation/event-subprocess-interrupting.bpmn');

    // when
    const result = s.createWithResult('esc-esp-int', {});

    // then
    const caught = await h.waitForJob(s.type('esc-esp-int-caught'));
    await h.expectNoJobs(s.type('esc-esp-int-inner-work'), QUIET_MS);
    await h.expectNoJobs(s.type('esc-esp-int-after-throw'), QUIET_MS);
    await h.complete(caught, { escalated: true });
    expect((await result).variables).toEqual({ escalated: true });
  });
});

describe('escalation boundary event on a call activity', () => {
  it('non-interrupting: an escalation end event in the child is caught, the child goes on and the parent continues after it', async () => {
    // given
    const s = h.scope();
    await s.deploy('escalation/call-child.bpmn');
    await s.deploy('escalation/call-parent-non-interrupting.bpmn');

    // when
    await s.create('esc-call-nonint');

    // then
    expect((await h.waitForJob(s.type('esc-call-nonint-caught'))).elementId).toBe('caught');
    const childWork = await h.waitForJob(s.type('esc-child-work'));
    expect(childWork.bpmnProcessId).toBe(s.id('esc-child'));
    await h.expectNoJobs(s.type('esc-call-nonint-done'), QUIET_MS);
    await h.complete(childWork);
    expect((await h.waitForJob(s.type('esc-call-nonint-done'))).elementId).toBe('call_done');
  });

  it('interrupting: the child instance is terminated and the call activity does not complete', async () => {
    // given
    const s = h.scope();
    await s.deploy('escalation/call-child.bpmn');
    await s.deploy('escalation/call-parent-interrupting.bpmn');

    // when
    await s.create('esc-call-int');

    // then
    expect((await h.waitForJob(s.type('esc-call-int-caught'))).elementId).toBe('caught');
    await h.expectNoJobs(s.type('esc-child-work'), QUIET_MS);
    await h.expectNoJobs(s.type('esc-call-int-done'), QUIET_MS);
  });
});

describe('escalation deployment rules', () => {
  it('deploy rejects two escalation catch events with the same code on one scope', async () => {
    const s = h.scope();
    // when / then
    await expectGrpcError(s.deploy('escalation/deploy-duplicate-codes.bpmn'), 'INVALID_ARGUMENT');
  });

  it('deploy rejects two catch-all escalation catch events on one scope', async () => {
    const s = h.scope();
    // when / then
    await expectGrpcError(s.deploy('escalation/deploy-two-catch-alls.bpmn'), 'INVALID_ARGUMENT');
  });
});
