// CancelProcessInstance.
// Docs: https://docs.camunda.io/docs/apis-tools/zeebe-api/gateway-service/#cancelprocessinstance-rpc
//       https://docs.camunda.io/docs/components/modeler/bpmn/call-activities/
import { describe, expect, it } from 'vitest';
import { expectGrpcError, useHarness } from '../harness.js';

const h = useHarness();

const UNKNOWN_KEY = ((1n << 51n) + 987_654_321_987n).toString();

describe('CancelProcessInstance', () => {
  it('terminates the instance: its job disappears and cannot be completed', async () => {
    // given: the job is activated with a short timeout
    const s = h.scope();
    await s.deploy('cancel/one-task.bpmn');
    const created = await s.create('cancel-one');
    const job = await h.waitForJob(s.type('cancel-work'), { timeout: 1_000 });

    // when
    await h.zbc.cancelProcessInstance(created.processInstanceKey);

    // then: after the job timeout it does not come back, and it is gone
    await h.expectNoJobs(s.type('cancel-work'), 2_000);
    await expectGrpcError(h.complete(job), 'NOT_FOUND');
    const state = await h.instanceState(created.processInstanceKey).catch(() => undefined);
    if (state !== undefined) expect(state).toBe('TERMINATED');
  });

  it('cancelling an instance twice: the second is NOT_FOUND', async () => {
    // given
    const s = h.scope();
    await s.deploy('cancel/one-task.bpmn');
    const created = await s.create('cancel-one');
    await h.zbc.cancelProcessInstance(created.processInstanceKey);

    // when / then
    await expectGrpcError(h.zbc.cancelProcessInstance(created.processInstanceKey), 'NOT_FOUND');
  });

  it('an unknown process instance key is NOT_FOUND', async () => {
    await expectGrpcError(h.zbc.cancelProcessInstance(UNKNOWN_KEY), 'NOT_FOUND');
  });

  it('cancelling the parent cancels the call-activity child', async () => {
    // given
    const s = h.scope();
    await s.deploy('cancel/child.bpmn');
    await s.deploy('cancel/parent.bpmn');
    const parent = await s.create('cancel-parent');
    const childJob = await h.waitForJob(s.type('cancel-child-work'), { timeout: 1_000 });
    expect(childJob.processInstanceKey).not.toBe(parent.processInstanceKey);

    // when
    await h.zbc.cancelProcessInstance(parent.processInstanceKey);

    // then: the child's job is gone, and so is the child instance
    await h.expectNoJobs(s.type('cancel-child-work'), 2_000);
    await expectGrpcError(h.complete(childJob), 'NOT_FOUND');
    await expectGrpcError(h.zbc.cancelProcessInstance(childJob.processInstanceKey), 'NOT_FOUND');
    await h.expectNoJobs(s.type('cancel-parent-after'), 100);
  });
});
