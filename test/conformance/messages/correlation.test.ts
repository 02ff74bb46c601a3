// Message correlation rules: buffering order, cardinality per BPMN process id, subscriptions
// evaluated once, message ids, message start events keyed by correlation key.
// Docs: https://docs.camunda.io/docs/components/concepts/messages/
//       https://docs.camunda.io/docs/components/modeler/bpmn/message-events/
//       https://docs.camunda.io/docs/components/modeler/bpmn/receive-tasks/
//       https://docs.camunda.io/docs/apis-tools/zeebe-api/gateway-service/#publishmessage-rpc
import { describe, expect, it } from 'vitest';
import { advanceClock, MINUTE, pinFreshStart, useClockReset } from '../clock.js';
import { EMBEDDED, expectGrpcError, itNeedsInspect, useHarness, type TestScope } from '../harness.js';

const h = useHarness();
useClockReset(h);

const QUIET_MS = EMBEDDED ? 250 : 2_000;
const HOUR_MS = 3_600_000;

function publish(s: TestScope, name: string, correlationKey: string, variables: Record<string, any> = {}, timeToLive = HOUR_MS, messageId?: string) {
  return h.zbc.publishMessage({ name: s.msg(name), correlationKey, variables, timeToLive, messageId });
}

describe('buffered messages', () => {
  it('correlate to an instance created later, first published first, each once per process id', async () => {
    // given: two buffered messages for the same key
    const s = h.scope();
    await s.deploy('messages/corr-catch-a.bpmn');
    const key = `k-${s.suffix}`;
    await publish(s, 'ping', key, { n: 1 });
    await publish(s, 'ping', key, { n: 2 });

    // when: instances of the same process open their subscriptions one after the other
    await s.create('corr-catch-a', { key });
    const first = await h.waitForJob(s.type('corr-after-a'));
    await s.create('corr-catch-a', { key });
    const second = await h.waitForJob(s.type('corr-after-a'));
    await s.create('corr-catch-a', { key });

    // then: the oldest message goes first; a message already correlated to this process id
    // is not correlated to it again, so the third instance keeps waiting
    expect(first.variables).toEqual({ key, n: 1 });
    expect(second.variables).toEqual({ key, n: 2 });
    await h.expectNoJobs(s.type('corr-after-a'), QUIET_MS);
  });

  it('a buffered message expires after its time to live (pinned clock)', async () => {
    // given: a message living 10 minutes
    const s = h.scope();
    await s.deploy('messages/corr-catch-a.bpmn');
    await pinFreshStart(h);
    const key = `k-${s.suffix}`;
    await publish(s, 'ping', key, { late: true }, 10 * MINUTE);

    // when: its time to live has passed before the subscription opens
    await advanceClock(h, 10 * MINUTE + 1);
    await s.create('corr-catch-a', { key });

    // then
    await h.expectNoJobs(s.type('corr-after-a'), QUIET_MS);
  });
});

describe('message cardinality', () => {
  it('one message correlates to one instance of a process, but to instances of different processes', async () => {
    // given: two instances of process A and one of process B wait for "ping" with the same key
    const s = h.scope();
    await s.deploy('messages/corr-catch-a.bpmn');
    await s.deploy('messages/corr-catch-b.bpmn');
    const key = `k-${s.suffix}`;
    await s.create('corr-catch-a', { key });
    await s.create('corr-catch-a', { key });
    await s.create('corr-catch-b', { key });
    await h.expectNoJobs(s.type('corr-after-a'), QUIET_MS);

    // when: one message, not buffered
    await publish(s, 'ping', key, { once: true }, 0);

    // then: exactly one instance of A and the instance of B
    expect((await h.waitForJob(s.type('corr-after-a'))).variables).toEqual({ key, once: true });
    expect((await h.waitForJob(s.type('corr-after-b'))).variables).toEqual({ key, once: true });
    await h.expectNoJobs(s.type('corr-after-a'), QUIET_MS);
  });

  it('a buffered message reaches a later instance of another process, but not a second instance of the same one', async () => {
    // given
    const s = h.scope();
    await s.deploy('messages/corr-catch-a.bpmn');
    await s.deploy('messages/corr-catch-b.bpmn');
    const key = `k-${s.suffix}`;
    await publish(s, 'ping', key, { buffered: true });
    await s.create('corr-catch-a', { key });
    await h.waitForJob(s.type('corr-after-a'));

    // when
    await s.create('corr-catch-b', { key });
    await s.create('corr-catch-a', { key });

    // then
    expect((await h.waitForJob(s.type('corr-after-b'))).variables).toEqual({ key, buffered: true });
    await h.expectNoJobs(s.type('corr-after-a'), QUIET_MS);
  });
});

describe('subscriptions', () => {
  it('the correlation key is evaluated once, when the catch event activates, and not updated afterwards', async () => {
    // given: key is "k1" at creation, but the job before the catch event changes it to "k2"
    const s = h.scope();
    await s.deploy('messages/corr-gate-then-catch.bpmn');
    const k1 = `k1-${s.suffix}`;
    const k2 = `k2-${s.suffix}`;
    const k3 = `k3-${s.suffix}`;
    const pi = await s.create('corr-gate', { key: k1 });
    await h.complete(await h.waitForJob(s.type('corr-gate-prepare')), { key: k2 });

    // when: the subscription is open (for k2); now the variable changes again to k3
    await h.zbc.setVariables({ elementInstanceKey: pi.processInstanceKey, variables: { key: k3 }, local: false });
    await publish(s, 'ping', k1, { via: 'k1' }, 0);
    await publish(s, 'ping', k3, { via: 'k3' }, 0);

    // then: neither the creation-time key nor the later one correlates
    await h.expectNoJobs(s.type('corr-gate-after'), QUIET_MS);

    // when
    await publish(s, 'ping', k2, { via: 'k2' }, 0);

    // then
    expect((await h.waitForJob(s.type('corr-gate-after'))).variables).toEqual({ key: k3, via: 'k2' });
  });
});

describe('correlation keys', () => {
  it('a number correlation key is matched as its string form', async () => {
    // given: key = 4711 (a number)
    const s = h.scope();
    await s.deploy('messages/corr-catch-a.bpmn');
    await s.create('corr-catch-a', { key: 4711, tag: s.suffix });

    // when
    await h.zbc.publishMessage({ name: s.msg('ping'), correlationKey: '4711', variables: {}, timeToLive: 0 });

    // then
    expect((await h.waitForJob(s.type('corr-after-a'))).variables).toEqual({ key: 4711, tag: s.suffix });
  });

  itNeedsInspect('a correlation key that evaluates to null raises an EXTRACT_VALUE_ERROR incident on the catch event', async () => {
    // given: no variable "key"
    const s = h.scope();
    await s.deploy('messages/corr-catch-a.bpmn');

    // when
    const pi = await s.create('corr-catch-a', {});

    // then
    const incidents = await h.waitForIncidents(pi.processInstanceKey);
    expect(incidents[0]).toMatchObject({ type: 'EXTRACT_VALUE_ERROR', elementId: 'wait_ping' });
  });

  it('two branches of one instance wait for the same message: one message reaches only one of them', async () => {
    // given
    const s = h.scope();
    await s.deploy('messages/corr-two-branches.bpmn');
    const key = `k-${s.suffix}`;
    await s.create('corr-two', { key });

    // when
    await publish(s, 'ping', key, { n: 1 }, 0);

    // then
    const first = await h.waitForJob(s.type('corr-two-after'));
    await h.expectNoJobs(s.type('corr-two-after'), QUIET_MS);

    // when: a second message
    await publish(s, 'ping', key, { n: 2 }, 0);

    // then: the other branch
    const second = await h.waitForJob(s.type('corr-two-after'));
    expect(new Set([first.elementId, second.elementId])).toEqual(new Set(['after_left', 'after_right']));
  });
});

describe('message id', () => {
  it('is unique per name and correlation key while buffered; free again once the message expired', async () => {
    // given
    const s = h.scope();
    await pinFreshStart(h);
    const id = `id-${s.suffix}`;
    await publish(s, 'ping', `k-${s.suffix}`, {}, 10 * MINUTE, id);

    // when / then: same id, same name and key -> ALREADY_EXISTS
    await expectGrpcError(publish(s, 'ping', `k-${s.suffix}`, {}, 10 * MINUTE, id), 'ALREADY_EXISTS');

    // same id with another correlation key is another message
    expect((await publish(s, 'ping', `other-${s.suffix}`, {}, 10 * MINUTE, id)).key).toMatch(/^\d+$/);

    // a message that was correlated is still buffered: the id stays taken
    await s.deploy('messages/corr-catch-a.bpmn');
    await s.create('corr-catch-a', { key: `k-${s.suffix}` });
    await h.waitForJob(s.type('corr-after-a'));
    await expectGrpcError(publish(s, 'ping', `k-${s.suffix}`, {}, 10 * MINUTE, id), 'ALREADY_EXISTS');

    // after the time to live the id is free again
    await advanceClock(h, 10 * MINUTE + 1);
    expect((await publish(s, 'ping', `k-${s.suffix}`, {}, 10 * MINUTE, id)).key).toMatch(/^\d+$/);
  });
});

describe('message start event', () => {
  it('no second instance while one started with the same correlation key is active; the buffered message starts the next', async () => {
    // given: an instance started by a message with key k1 is active
    const s = h.scope();
    await s.deploy('messages/corr-start.bpmn');
    const k1 = `k1-${s.suffix}`;
    await publish(s, 'open-case', k1, { n: 1 });
    const first = await h.waitForJob(s.type('corr-start-handle'));
    expect(first.variables).toEqual({ n: 1 });

    // when: a second message with the same key (buffered) and one with another key
    await publish(s, 'open-case', k1, { n: 2 });
    await publish(s, 'open-case', `k2-${s.suffix}`, { n: 3 });

    // then: only the other key starts an instance
    expect((await h.waitForJob(s.type('corr-start-handle'))).variables).toEqual({ n: 3 });
    await h.expectNoJobs(s.type('corr-start-handle'), QUIET_MS);

    // when: the first instance ends
    await h.complete(first);

    // then: the buffered message starts the next instance
    const next = await h.waitForJob(s.type('corr-start-handle'));
    expect(next.variables).toEqual({ n: 2 });

    // when: that one ends too
    await h.complete(next);

    // then: the messages already used (n: 1, n: 2, still buffered) start nothing more
    await h.expectNoJobs(s.type('corr-start-handle'), QUIET_MS);
  });

  it('without a correlation key every message starts a new instance', async () => {
    // given
    const s = h.scope();
    await s.deploy('messages/corr-start.bpmn');

    // when
    await publish(s, 'open-case', '', { n: 1 }, 0);
    await publish(s, 'open-case', '', { n: 2 }, 0);

    // then
    const jobs = await h.waitForJobs(s.type('corr-start-handle'), { count: 2 });
    expect(jobs.map((j) => j.variables.n).sort()).toEqual([1, 2]);
    expect(jobs[0]!.processInstanceKey).not.toBe(jobs[1]!.processInstanceKey);
  });

  it('a message published before the process was deployed does not start an instance', async () => {
    // given: a buffered message, then the deployment
    const s = h.scope();
    await publish(s, 'open-case', `k-${s.suffix}`, { early: true });

    // when
    await s.deploy('messages/corr-start.bpmn');

    // then
    await h.expectNoJobs(s.type('corr-start-handle'), QUIET_MS);
  });
  it('a new version without the message start event closes the old version\'s subscription', async () => {
    // given
    const s = h.scope();
    await s.deploy('messages/corr-start.bpmn');
    await s.deployXml('corr-start-none.bpmn', s.xml('messages/corr-start-none.bpmn'));

    // when
    await publish(s, 'open-case', `k-${s.suffix}`, {}, 0);

    // then
    await h.expectNoJobs(s.type('corr-start-handle'), QUIET_MS);
  });
});

describe('receive task with a non-interrupting message boundary', () => {
  it('the boundary correlates twice while the receive task keeps waiting for its own message', async () => {
    // given
    const s = h.scope();
    await s.deploy('messages/corr-receive-boundary.bpmn');
    const key = `k-${s.suffix}`;
    const result = s.createWithResult('corr-receive', { key });
    await h.expectNoJobs(s.type('corr-receive-answered'), QUIET_MS);

    // when
    await publish(s, 'nudge', key, { nudge: 1 }, 0);
    const firstNudge = await h.waitForJob(s.type('corr-receive-nudge'));
    await publish(s, 'nudge', key, { nudge: 2 }, 0);
    const secondNudge = await h.waitForJob(s.type('corr-receive-nudge'));

    // then
    expect([firstNudge.variables.nudge, secondNudge.variables.nudge]).toEqual([1, 2]);
    await h.expectNoJobs(s.type('corr-receive-answered'), QUIET_MS);

    // when: the receive task's own message arrives
    await publish(s, 'answer', key, { answer: 42 }, 0);
    const answered = await h.waitForJob(s.type('corr-receive-answered'));
    await h.complete(firstNudge);
    await h.complete(secondNudge);
    await h.complete(answered);

    // then
    expect((await result).variables).toMatchObject({ key, answer: 42 });
  });
});
