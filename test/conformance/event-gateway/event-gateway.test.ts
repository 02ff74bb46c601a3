// Event-based gateway: the first event wins, the other subscriptions close.
// Docs: https://docs.camunda.io/docs/components/modeler/bpmn/event-based-gateways/
//       https://docs.camunda.io/docs/components/concepts/messages/ (buffered messages)
import { describe, expect, it } from 'vitest';
import { advanceClock, HOUR, pinClock, pinFreshStart, useClockReset } from '../clock.js';
import { EMBEDDED, expectGrpcError, useHarness, type TestScope } from '../harness.js';

const h = useHarness();
useClockReset(h);

const QUIET_MS = EMBEDDED ? 250 : 2_000;

function publish(s: TestScope, name: string, orderId: string, variables: Record<string, any>, timeToLive = 0) {
  return h.zbc.publishMessage({ name: s.msg(name), correlationKey: orderId, variables, timeToLive });
}

describe('event-based gateway', () => {
  it('a message before the timer wins; the timer never fires afterwards', async () => {
    // given: waiting at the gateway (PT1H timer, messages "paid" and "cancelled")
    const s = h.scope();
    await s.deploy('event-gateway/race.bpmn');
    await pinFreshStart(h);
    const orderId = `o-${s.suffix}`;
    await s.create('egw-race', { orderId });
    await h.expectNoJobs(s.type('egw-ship'), QUIET_MS);

    // when
    await publish(s, 'paid', orderId, { paid: true });

    // then: the message branch is taken, with the message variables
    expect((await h.waitForJob(s.type('egw-ship'))).variables).toEqual({ orderId, paid: true });
    await advanceClock(h, 2 * HOUR);
    await h.expectNoJobs(s.type('egw-chase'), QUIET_MS);
  });

  it('the timer wins when the clock passes it first; a later message does not correlate', async () => {
    // given
    const s = h.scope();
    await s.deploy('event-gateway/race.bpmn');
    const t0 = await pinFreshStart(h);
    const orderId = `o-${s.suffix}`;
    await s.create('egw-race', { orderId });

    // when: not yet due ... then due
    await pinClock(h, t0 + HOUR - 1);
    await h.expectNoJobs(s.type('egw-chase'), QUIET_MS);
    await pinClock(h, t0 + HOUR);

    // then
    expect((await h.waitForJob(s.type('egw-chase'))).elementId).toBe('chase');
    await publish(s, 'paid', orderId, { paid: true }, 60_000);
    await publish(s, 'cancelled', orderId, { cancelled: true }, 60_000);
    await h.expectNoJobs(s.type('egw-ship'), QUIET_MS);
    await h.expectNoJobs(s.type('egw-refund'), QUIET_MS);
  });

  it('of two messages the first one wins; the second does not open the other branch', async () => {
    // given
    const s = h.scope();
    await s.deploy('event-gateway/race.bpmn');
    await pinFreshStart(h);
    const orderId = `o-${s.suffix}`;
    await s.create('egw-race', { orderId });

    // when
    await publish(s, 'cancelled', orderId, { reason: 'no stock' });
    await publish(s, 'paid', orderId, { paid: true });

    // then
    expect((await h.waitForJob(s.type('egw-refund'))).variables).toEqual({ orderId, reason: 'no stock' });
    await h.expectNoJobs(s.type('egw-ship'), QUIET_MS);
  });

  it('a buffered message published before the instance reaches the gateway wins at once', async () => {
    // given: the message is buffered for an hour
    const s = h.scope();
    await s.deploy('event-gateway/race.bpmn');
    await pinFreshStart(h);
    const orderId = `o-${s.suffix}`;
    await publish(s, 'paid', orderId, { early: true }, HOUR);

    // when
    await s.create('egw-race', { orderId });

    // then
    expect((await h.waitForJob(s.type('egw-ship'))).variables).toEqual({ orderId, early: true });
    await advanceClock(h, 2 * HOUR);
    await h.expectNoJobs(s.type('egw-chase'), QUIET_MS);
  });

  it('deploy rejects two branches waiting for the same message', async () => {
    // given
    const s = h.scope();

    // when / then
    await expectGrpcError(s.deploy('event-gateway/duplicate-message.bpmn'), 'INVALID_ARGUMENT');
  });
});
