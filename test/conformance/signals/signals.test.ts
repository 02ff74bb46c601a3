// Signals: BroadcastSignal over gRPC reaches every waiting subscription (catch events, boundary
// events) and starts every process with a matching signal start event; signal throw and end
// events broadcast too. Signals are not buffered.
// Docs: https://docs.camunda.io/docs/components/modeler/bpmn/signal-events/
//       https://docs.camunda.io/docs/components/concepts/signals/
//       https://docs.camunda.io/docs/apis-tools/zeebe-api/gateway-service/#broadcastsignal-rpc
import { describe, expect, it } from 'vitest';
import { EMBEDDED, expectGrpcError, sleep, useHarness, type TestScope } from '../harness.js';

const h = useHarness();

const QUIET_MS = EMBEDDED ? 250 : 2_000;

/**
 * Signals are not buffered: before broadcasting, give an external broker time to open the
 * subscriptions of instances just created (the embedded engine opens them within the create call).
 */
const settle = () => sleep(EMBEDDED ? 0 : 1_000);

function broadcast(s: TestScope, name: string, variables: Record<string, any> = {}) {
  return h.zbc.broadcastSignal({ signalName: s.signal(name), variables });
}

describe('signal start event', () => {
  it('a broadcast starts an instance with the signal variables', async () => {
    // given
    const s = h.scope();
    await s.deploy('signals/signal-start.bpmn');
    await settle();

    // when
    const res = await broadcast(s, 'kickoff', { reason: 'drill' });

    // then
    expect(String(res.key)).toMatch(/^\d+$/);
    const job = await h.waitForJob(s.type('sig-started'));
    expect(job.bpmnProcessId).toBe(s.id('sig-start'));
    expect(job.variables).toEqual({ reason: 'drill' });
  });
});

describe('signal start event versions', () => {
  it('a new version without the signal start event closes the old version\'s subscription', async () => {
    // given
    const s = h.scope();
    await s.deploy('signals/signal-start.bpmn');
    await s.deployXml('signal-start-none.bpmn', s.xml('signals/signal-start-none.bpmn'));
    await settle();

    // when
    await broadcast(s, 'kickoff');

    // then
    await h.expectNoJobs(s.type('sig-started'), QUIET_MS);
  });
});

describe('intermediate signal catch event', () => {
  it('one broadcast reaches every waiting instance, with the signal variables', async () => {
    // given: two instances wait for "go"
    const s = h.scope();
    await s.deploy('signals/signal-catch.bpmn');
    await s.create('sig-catch', { n: 1 });
    await s.create('sig-catch', { n: 2 });
    await settle();

    // when
    await broadcast(s, 'go', { level: 'red' });

    // then
    const jobs = await h.waitForJobs(s.type('sig-after'), { count: 2 });
    expect(jobs.map((j) => j.variables).sort((a, b) => a.n - b.n)).toEqual([
      { n: 1, level: 'red' },
      { n: 2, level: 'red' },
    ]);
  });

  it('a signal broadcast before the instance waits is lost (signals are not buffered)', async () => {
    // given
    const s = h.scope();
    await s.deploy('signals/signal-catch.bpmn');
    await broadcast(s, 'go', { early: true });

    // when
    await s.create('sig-catch', { n: 1 });

    // then
    await h.expectNoJobs(s.type('sig-after'), QUIET_MS);
  });
});

describe('signal boundary events', () => {
  it('non-interrupting: each broadcast opens the boundary path once more; the task stays', async () => {
    // given
    const s = h.scope();
    await s.deploy('signals/signal-boundary.bpmn');
    const result = s.createWithResult('sig-boundary', {});
    const work = await h.waitForJob(s.type('sig-work'));

    // when
    await broadcast(s, 'poke');
    await broadcast(s, 'poke');

    // then
    const pokes = await h.waitForJobs(s.type('sig-poked'), { count: 2 });
    for (const p of pokes) await h.complete(p);
    await h.complete(work, { done: true });
    expect((await result).variables).toEqual({ done: true });
  });

  it('interrupting: the task is terminated and the boundary path is taken', async () => {
    // given
    const s = h.scope();
    await s.deploy('signals/signal-boundary.bpmn');
    await s.create('sig-boundary');
    const work = await h.waitForJob(s.type('sig-work'));

    // when
    await broadcast(s, 'abort', { why: 'recall' });

    // then
    expect((await h.waitForJob(s.type('sig-aborted'))).variables).toEqual({ why: 'recall' });
    await expectGrpcError(h.complete(work), 'NOT_FOUND');
  });
});

describe('signal throw and end events', () => {
  it('an intermediate throw event triggers waiting catch events; a signal end event starts signal start processes', async () => {
    // given: one instance waits for "go"; a process starts on "kickoff"
    const s = h.scope();
    await s.deploy('signals/signal-catch.bpmn');
    await s.deploy('signals/signal-start.bpmn');
    await s.deploy('signals/signal-throw.bpmn');
    await s.create('sig-catch', { n: 1 });
    const result = s.createWithResult('sig-throw', {});
    await settle();

    // when: the thrower passes its throw event and its end event
    await h.complete(await h.waitForJob(s.type('sig-throw-before')));

    // then
    expect((await h.waitForJob(s.type('sig-after'))).variables).toMatchObject({ n: 1 });
    expect((await h.waitForJob(s.type('sig-started'))).bpmnProcessId).toBe(s.id('sig-start'));
    await result; // the thrower completes: throwing a signal does not wait for anyone
  });
});
