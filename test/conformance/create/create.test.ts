// CreateProcessInstance and CreateProcessInstanceWithResult.
// Docs: https://docs.camunda.io/docs/apis-tools/zeebe-api/gateway-service/#createprocessinstance-rpc
//       https://docs.camunda.io/docs/apis-tools/zeebe-api/gateway-service/#createprocessinstancewithresult-rpc
//       https://docs.camunda.io/docs/components/concepts/process-instance-creation/
import { describe, expect, it } from 'vitest';
import { expectGrpcError, useHarness } from '../harness.js';

const h = useHarness();

/** A process definition key in partition 1's key space that no deployment produced. */
const UNKNOWN_KEY = ((1n << 51n) + 987_654_321_987n).toString();

describe('CreateProcessInstance', () => {
  it('an unknown bpmnProcessId is NOT_FOUND', async () => {
    // given
    const s = h.scope();

    // when / then
    await expectGrpcError(s.create('create-never-deployed'), 'NOT_FOUND');
  });

  it('an unknown processDefinitionKey is NOT_FOUND', async () => {
    // given: the SDK cannot send processDefinitionKey, so this goes through the raw proto
    // when / then
    await expectGrpcError(
      h.raw.unary('CreateProcessInstance', { processDefinitionKey: UNKNOWN_KEY, variables: '{}' }),
      'NOT_FOUND',
    );
  });

  it('a process without a none start event cannot be created: FAILED_PRECONDITION', async () => {
    // given: the process only has a message start event (proto CreateProcessInstance errors)
    const s = h.scope();
    await s.deploy('create/message-start-only.bpmn');

    // when / then
    await expectGrpcError(s.create('create-message-start-only'), 'FAILED_PRECONDITION');
  });

  it('an existing processDefinitionKey creates an instance of that definition', async () => {
    // given
    const s = h.scope();
    const deployed = await s.deploy('create/one-task.bpmn');

    // when
    const res = await h.raw.unary('CreateProcessInstance', {
      processDefinitionKey: deployed.processDefinitionKey,
      variables: '{}',
    });

    // then
    expect(res).toMatchObject({
      processDefinitionKey: deployed.processDefinitionKey,
      bpmnProcessId: s.id('create-one-task'),
      version: 1,
    });
    expect(res.processInstanceKey).toMatch(/^\d+$/);
  });

  it('variables that are a JSON array (not an object) are INVALID_ARGUMENT', async () => {
    // given: the SDK refuses arrays client-side, so the raw proto is used
    const s = h.scope();
    await s.deploy('create/one-task.bpmn');

    // when / then
    await expectGrpcError(
      h.raw.unary('CreateProcessInstance', { bpmnProcessId: s.id('create-one-task'), version: -1, variables: '[1,2]' }),
      'INVALID_ARGUMENT',
    );
  });

  it('variables that are not JSON at all are INVALID_ARGUMENT', async () => {
    // given
    const s = h.scope();
    await s.deploy('create/one-task.bpmn');

    // when / then
    await expectGrpcError(
      h.raw.unary('CreateProcessInstance', { bpmnProcessId: s.id('create-one-task'), version: -1, variables: '{nope' }),
      'INVALID_ARGUMENT',
    );
  });

  it('the created instance starts with the given variables (visible to the first job)', async () => {
    // given
    const s = h.scope();
    await s.deploy('create/one-task.bpmn');

    // when
    const created = await s.create('create-one-task', { a: 1, nested: { b: 'x' } });

    // then
    const job = await h.waitForJob(s.type('create-work'));
    expect(job.processInstanceKey).toBe(created.processInstanceKey);
    expect(job.variables).toEqual({ a: 1, nested: { b: 'x' } });
  });
});

describe('start instructions', () => {
  it('start at the given element instead of the none start event', async () => {
    // Docs: components/concepts/process-instance-creation/#process-instance-creation-at-an-arbitrary-element
    // given
    const s = h.scope();
    await s.deploy('create/two-tasks.bpmn');

    // when
    const created = await h.zbc.createProcessInstance({
      bpmnProcessId: s.id('create-two-tasks'),
      variables: { a: 1 },
      startInstructions: [{ elementId: 'second' }],
    });

    // then
    const job = await h.waitForJob(s.type('create-second'));
    expect(job.processInstanceKey).toBe(created.processInstanceKey);
    expect(job.variables).toEqual({ a: 1 });
    await h.expectNoJobs(s.type('create-first'), 500);
  });
});

describe('CreateProcessInstanceWithResult', () => {
  it('answers when the instance completes, with the final root variables', async () => {
    // given
    const s = h.scope();
    await s.deploy('create/one-task.bpmn');

    // when
    const result = s.createWithResult('create-one-task', { a: 1 });
    const job = await h.waitForJob(s.type('create-work'));
    await h.complete(job, { b: 2 });

    // then
    const res = await result;
    expect(res.variables).toEqual({ a: 1, b: 2 });
    expect(res.bpmnProcessId).toBe(s.id('create-one-task'));
    expect(res.processInstanceKey).toBe(job.processInstanceKey);
    expect(res.version).toBe(1);
  });

  it('honours fetchVariables: only the named root variables are returned', async () => {
    // given
    const s = h.scope();
    await s.deploy('create/one-task.bpmn');

    // when
    const result = s.createWithResult('create-one-task', { a: 1, c: 3 }, { fetchVariables: ['b', 'c'] });
    await h.complete(await h.waitForJob(s.type('create-work')), { b: 2 });

    // then
    expect((await result).variables).toEqual({ b: 2, c: 3 });
  });

  it('a requestTimeout that elapses before completion is DEADLINE_EXCEEDED; the instance keeps running', async () => {
    // given: the gateway maps its own timeout to DEADLINE_EXCEEDED (Zeebe GrpcErrorMapper,
    // "Time out between gateway and broker"). The SDK would retry DEADLINE_EXCEEDED when
    // retries are on, so the raw proto is used with a generous client deadline (15 s).
    const s = h.scope();
    await s.deploy('create/one-task.bpmn');
    const started = Date.now();

    // when
    const call = h.raw.unary(
      'CreateProcessInstanceWithResult',
      { request: { bpmnProcessId: s.id('create-one-task'), version: -1, variables: '{}' }, requestTimeout: 1000 },
      15_000,
    );

    // then: answered by the server around the requestTimeout, not by the client deadline
    await expectGrpcError(call, 'DEADLINE_EXCEEDED');
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(900);
    expect(elapsed).toBeLessThan(14_000);
    // and the instance was created and waits for its job
    const job = await h.waitForJob(s.type('create-work'));
    expect(job.bpmnProcessId).toBe(s.id('create-one-task'));
  });
});
