// Messages: publication, correlation, buffering.
// Docs: https://docs.camunda.io/docs/components/concepts/messages/
//       https://docs.camunda.io/docs/components/modeler/bpmn/message-events/
//       https://docs.camunda.io/docs/components/modeler/bpmn/receive-tasks/
//       https://docs.camunda.io/docs/apis-tools/zeebe-api/gateway-service/#publishmessage-rpc
import { describe, expect, it } from 'vitest';
import { expectGrpcError, useHarness } from '../harness.js';

const h = useHarness();

describe('message catch events', () => {
  it('correlate by name and correlation key; the message variables are merged into the instance', async () => {
    // given: the subscription's correlation key is "= orderId"
    const s = h.scope();
    await s.deploy('messages/catch-event.bpmn');
    const orderId = `order-${s.suffix}`;
    const result = s.createWithResult('msg-catch', { orderId });

    // when: a message for another key does not correlate...
    await h.zbc.publishMessage({ name: s.msg('paid'), correlationKey: `${orderId}-other`, timeToLive: 10_000, variables: { amount: -1 } });
    await h.expectNoJobs(s.type('msg-after'), 1_000);
    // ...the matching one does
    await h.zbc.publishMessage({ name: s.msg('paid'), correlationKey: orderId, timeToLive: 10_000, variables: { amount: 12 } });

    // then
    const after = await h.waitForJob(s.type('msg-after'));
    expect(after.variables).toEqual({ orderId, amount: 12 });
    await h.complete(after);
    expect((await result).variables).toEqual({ orderId, amount: 12 });
  });

  it('a buffered message (TTL > 0) published before the instance correlates when the subscription opens', async () => {
    // given
    const s = h.scope();
    await s.deploy('messages/catch-event.bpmn');
    const orderId = `order-${s.suffix}`;
    await h.zbc.publishMessage({ name: s.msg('paid'), correlationKey: orderId, timeToLive: 30_000, variables: { early: true } });

    // when
    await s.create('msg-catch', { orderId });

    // then
    expect((await h.waitForJob(s.type('msg-after'))).variables).toEqual({ orderId, early: true });
  });

  it('a message with TTL 0 and no open subscription is dropped', async () => {
    // given
    const s = h.scope();
    await s.deploy('messages/catch-event.bpmn');
    const orderId = `order-${s.suffix}`;
    await h.zbc.publishMessage({ name: s.msg('paid'), correlationKey: orderId, timeToLive: 0, variables: { lost: true } });

    // when
    await s.create('msg-catch', { orderId });

    // then: nothing correlates
    await h.expectNoJobs(s.type('msg-after'), 1_000);

    // when: published again while the subscription is open
    await h.zbc.publishMessage({ name: s.msg('paid'), correlationKey: orderId, timeToLive: 0, variables: { found: true } });

    // then
    expect((await h.waitForJob(s.type('msg-after'))).variables).toEqual({ orderId, found: true });
  });

  it('PublishMessage returns an int64 key; a duplicate messageId while buffered is ALREADY_EXISTS', async () => {
    // given
    const s = h.scope();
    const request = { name: s.msg('paid'), correlationKey: `k-${s.suffix}`, messageId: `id-${s.suffix}`, timeToLive: 60_000, variables: {} };

    // when
    const first = await h.zbc.publishMessage(request);

    // then
    expect(first.key).toMatch(/^\d+$/);
    await expectGrpcError(h.zbc.publishMessage(request), 'ALREADY_EXISTS');
  });
});

describe('receive task', () => {
  it('waits for its message, then continues with the message variables', async () => {
    // given
    const s = h.scope();
    await s.deploy('messages/receive-task.bpmn');
    const orderId = `order-${s.suffix}`;
    await s.create('msg-receive', { orderId });
    await h.expectNoJobs(s.type('msg-receive-after'), 500);

    // when
    await h.zbc.publishMessage({ name: s.msg('paid'), correlationKey: orderId, timeToLive: 10_000, variables: { via: 'receive' } });

    // then
    expect((await h.waitForJob(s.type('msg-receive-after'))).variables).toEqual({ orderId, via: 'receive' });
  });
});

describe('message start event', () => {
  it('a published message starts an instance with the message variables', async () => {
    // given
    const s = h.scope();
    await s.deploy('messages/start-event.bpmn');

    // when
    await h.zbc.publishStartMessage({ name: s.msg('order-placed'), variables: { item: 'tea' }, timeToLive: 0 });

    // then
    const job = await h.waitForJob(s.type('msg-start-work'));
    expect(job.bpmnProcessId).toBe(s.id('msg-start'));
    expect(job.variables).toEqual({ item: 'tea' });
  });
});

describe('message boundary events', () => {
  it('a non-interrupting boundary opens a parallel path and keeps the task; it can trigger again', async () => {
    // given
    const s = h.scope();
    await s.deploy('messages/boundary.bpmn');
    const orderId = `order-${s.suffix}`;
    const result = s.createWithResult('msg-boundary', { orderId });
    const work = await h.waitForJob(s.type('msg-boundary-work'));

    // when
    await h.zbc.publishMessage({ name: s.msg('remind'), correlationKey: orderId, timeToLive: 10_000, variables: {} });
    await h.zbc.publishMessage({ name: s.msg('remind'), correlationKey: orderId, timeToLive: 10_000, variables: {} });

    // then
    const reminders = await h.waitForJobs(s.type('msg-boundary-reminded'), { count: 2 });
    for (const r of reminders) await h.complete(r);
    await h.complete(work, { done: true });
    expect((await result).variables).toEqual({ orderId, done: true });
  });

  it('an interrupting boundary terminates the task and takes its own path', async () => {
    // given
    const s = h.scope();
    await s.deploy('messages/boundary.bpmn');
    const orderId = `order-${s.suffix}`;
    await s.create('msg-boundary', { orderId });
    const work = await h.waitForJob(s.type('msg-boundary-work'));

    // when
    await h.zbc.publishMessage({ name: s.msg('cancel-order'), correlationKey: orderId, timeToLive: 10_000, variables: { why: 'changed mind' } });

    // then
    const cancelled = await h.waitForJob(s.type('msg-boundary-cancelled'));
    expect(cancelled.variables).toEqual({ orderId, why: 'changed mind' });
    await expectGrpcError(h.complete(work), 'NOT_FOUND');
  });
});

