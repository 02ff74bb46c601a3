// BPMN errors: thrown by a job worker (ThrowError) or an error end event; caught by error
// boundary events (by code or catch-all) and error event subprocesses; unmatched -> incident.
// Docs: https://docs.camunda.io/docs/components/modeler/bpmn/error-events/
//       https://docs.camunda.io/docs/components/best-practices/development/dealing-with-problems-and-exceptions/
//       https://docs.camunda.io/docs/apis-tools/zeebe-api/gateway-service/#throwerror-rpc
//       https://docs.camunda.io/docs/components/concepts/incidents/
import { describe, expect, it } from 'vitest';
import { EMBEDDED, expectGrpcError, itNeedsInspect, useHarness } from '../harness.js';

const h = useHarness();

const QUIET_MS = EMBEDDED ? 250 : 2_000;

function throwError(job: { key: string }, errorCode: string, errorMessage = 'failed') {
  return h.zbc.throwError({ jobKey: job.key, errorCode, errorMessage });
}

describe('error boundary events', () => {
  it('an error no inner scope catches reaches the outer subprocess; its boundary with the code beats its catch-all', async () => {
    // given: work inside "inner" (catches INNER_ONLY) inside "outer" (E_SPECIFIC + catch-all)
    const s = h.scope();
    await s.deploy('errors/nested-boundaries.bpmn');
    await s.create('err-nested');
    const work = await h.waitForJob(s.type('err-nested-work'));

    // when
    await throwError(work, 'E_SPECIFIC');

    // then
    expect((await h.waitForJob(s.type('err-nested-specific'))).elementId).toBe('specific');
    await h.expectNoJobs(s.type('err-nested-any'), QUIET_MS);
    await h.expectNoJobs(s.type('err-nested-inner'), QUIET_MS);
    await expectGrpcError(h.complete(work), 'NOT_FOUND');
  });

  it('an error code nobody names is caught by the catch-all', async () => {
    // given
    const s = h.scope();
    await s.deploy('errors/nested-boundaries.bpmn');
    await s.create('err-nested');
    const work = await h.waitForJob(s.type('err-nested-work'));

    // when
    await throwError(work, 'SOMETHING_ELSE');

    // then
    expect((await h.waitForJob(s.type('err-nested-any'))).elementId).toBe('any');
    await h.expectNoJobs(s.type('err-nested-specific'), QUIET_MS);
  });

  it('the nearest matching catch wins: INNER_ONLY is caught on the inner subprocess, the outer one goes on', async () => {
    // given
    const s = h.scope();
    await s.deploy('errors/nested-boundaries.bpmn');
    const result = s.createWithResult('err-nested', {});
    const work = await h.waitForJob(s.type('err-nested-work'));

    // when
    await throwError(work, 'INNER_ONLY');

    // then
    const handler = await h.waitForJob(s.type('err-nested-inner'));
    expect(handler.elementId).toBe('inner_handler');
    await h.expectNoJobs(s.type('err-nested-any'), QUIET_MS);
    await h.complete(handler, { recovered: true });
    expect((await result).variables).toMatchObject({ recovered: true });
  });

  it('an error thrown in a called child is caught by the boundary on the call activity; the child is terminated', async () => {
    // given
    const s = h.scope();
    await s.deploy('errors/call-child.bpmn');
    await s.deploy('errors/call-parent.bpmn');
    await s.create('err-call');
    const childWork = await h.waitForJob(s.type('err-child-work'));
    expect(childWork.bpmnProcessId).toBe(s.id('err-child'));

    // when
    await throwError(childWork, 'CHILD_FAILED');

    // then
    const caught = await h.waitForJob(s.type('err-call-caught'));
    expect(caught.bpmnProcessId).toBe(s.id('err-call'));
    await expectGrpcError(h.complete(childWork), 'NOT_FOUND');
    await h.expectNoJobs(s.type('err-call-done'), QUIET_MS);
  });
});

describe('error event subprocess', () => {
  it('ThrowError is caught by the interrupting error event subprocess; every other task of the scope is terminated', async () => {
    // given: two parallel tasks
    const s = h.scope();
    await s.deploy('errors/event-subprocess.bpmn');
    const result = s.createWithResult('err-esp', { order: 7 });
    const work = await h.waitForJob(s.type('err-esp-work'));
    const other = await h.waitForJob(s.type('err-esp-other'));

    // when
    await throwError(work, 'BOOM', 'it exploded');

    // then
    const handle = await h.waitForJob(s.type('err-esp-handle'));
    expect(handle.elementId).toBe('handle');
    expect(handle.variables).toMatchObject({ order: 7 });
    await expectGrpcError(h.complete(other), 'NOT_FOUND');
    await h.complete(handle, { compensated: true });
    expect((await result).variables).toMatchObject({ order: 7, compensated: true });
  });

  it('an error end event in a subprocess is caught by the process\'s catch-all error event subprocess', async () => {
    // given
    const s = h.scope();
    await s.deploy('errors/end-event-to-event-subprocess.bpmn');

    // when
    const result = s.createWithResult('err-end-esp', {});

    // then: the subprocess does not complete normally
    const handle = await h.waitForJob(s.type('err-end-esp-handle'));
    expect(handle.elementId).toBe('handle');
    await h.expectNoJobs(s.type('err-end-esp-after'), QUIET_MS);
    await h.complete(handle, { handled: true });
    expect((await result).variables).toEqual({ handled: true });
  });
});

describe('unmatched errors', () => {
  itNeedsInspect('an error end event nobody catches raises an UNHANDLED_ERROR_EVENT incident on the end event', async () => {
    // given
    const s = h.scope();
    await s.deploy('errors/unmatched-end.bpmn');

    // when
    const pi = await s.create('err-unmatched');

    // then
    const incidents = await h.waitForIncidents(pi.processInstanceKey);
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ type: 'UNHANDLED_ERROR_EVENT', elementId: 'end_error' });
    expect(await h.instanceState(pi.processInstanceKey)).toBe('ACTIVE');
  });

  itNeedsInspect('ThrowError with a code nothing catches raises an incident on the task, and the instance stays active', async () => {
    // given: only the process's event subprocess for BOOM exists
    const s = h.scope();
    await s.deploy('errors/event-subprocess.bpmn');
    const pi = await s.create('err-esp');
    const work = await h.waitForJob(s.type('err-esp-work'));

    // when
    await throwError(work, 'NOT_BOOM', 'nobody listens');

    // then
    const incidents = await h.waitForIncidents(pi.processInstanceKey);
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ type: 'UNHANDLED_ERROR_EVENT', elementId: 'work' });
    expect(incidents[0]!.message).toContain('NOT_BOOM');
    await h.expectNoJobs(s.type('err-esp-handle'), QUIET_MS);
    expect(await h.instanceState(pi.processInstanceKey)).toBe('ACTIVE');
  });
});

describe('error deployment rules', () => {
  it('deploy rejects a non-interrupting error boundary event', async () => {
    const s = h.scope();
    // when / then
    await expectGrpcError(s.deploy('errors/invalid-non-interrupting-boundary.bpmn'), 'INVALID_ARGUMENT');
  });
});
