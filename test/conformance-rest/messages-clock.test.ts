// Messages, signals and the clock over REST v2, plus the answers every endpoint shares
// (unknown paths, methods, media types, oversized bodies).
// Docs: https://docs.camunda.io/docs/apis-tools/orchestration-cluster-api-rest/specifications/publish-a-message/
//       .../correlate-a-message/, .../broadcast-signal/, .../pin-internal-clock/, .../reset-internal-clock/,
//       .../get-clock/ and .../add-clock/ (8.11)

import { beforeAll, describe, expect, it } from 'vitest';
import { deploy, expectProblem, NOW, raw, unique, useHarness, type RawAnswer } from './harness.js';

const harness = useHarness();

/** true while the engine still answers "not supported yet" for messages or signals */
let messagesPending = false;
let signalsPending = false;
const pending = (answer: RawAnswer) => answer.status === 409 && /not supported/.test(answer.body?.detail ?? '');

beforeAll(async () => {
  const { client, address } = harness();
  await deploy(client, 'message-catch.bpmn', 'one-task.bpmn');
  messagesPending = pending(await raw(address, 'POST', '/v2/messages/publication', { name: 'probe', correlationKey: 'probe' }));
  signalsPending = pending(await raw(address, 'POST', '/v2/signals/broadcast', { signalName: 'probe' }));
});

describe('messages', () => {
  it('publishes a message (200) that correlates to a waiting catch event', async ({ skip }) => {
    if (messagesPending) skip('message publication is not implemented by the engine yet (answers 409)');
    // given
    const { client } = harness();
    const orderId = unique('order');
    const created = await client.createProcessInstance({ processDefinitionId: 'rest-message-catch' as never, variables: { orderId } });

    // when
    const published = await client.publishMessage({ name: 'rest-paid', correlationKey: orderId, timeToLive: 0, variables: { paid: true } });

    // then
    expect(published.messageKey).toMatch(/^\d+$/);
    expect(published.tenantId).toBe('<default>');
    const paid = await client.searchElementInstances({ filter: { processInstanceKey: created.processInstanceKey, elementId: 'paid' as never } }, NOW);
    expect(paid.items!.map((e) => e.state)).toEqual(['COMPLETED']);
  });

  it('correlates a message and answers the instance it reached; 404 when no subscription waits', async ({ skip }) => {
    if (messagesPending) skip('message correlation is not implemented by the engine yet (answers 409)');
    // given
    const { client, address } = harness();
    const orderId = unique('order');
    const created = await client.createProcessInstance({ processDefinitionId: 'rest-message-catch' as never, variables: { orderId } });

    // when
    const correlated = await client.correlateMessage({ name: 'rest-paid', correlationKey: orderId });
    const nobody = await raw(address, 'POST', '/v2/messages/correlation', { name: 'rest-paid', correlationKey: unique('none') });

    // then
    expect(correlated.processInstanceKey).toBe(created.processInstanceKey);
    expectProblem(nobody, 404, 'NOT_FOUND', '/v2/messages/correlation');
  });

  it('answers 400 INVALID_ARGUMENT for a message without a name, and never 500 for a message request', async () => {
    // given
    const { address } = harness();

    // when
    const publication = await raw(address, 'POST', '/v2/messages/publication', { correlationKey: 'x' });
    const correlation = await raw(address, 'POST', '/v2/messages/correlation', { name: '' });
    const wrongType = await raw(address, 'POST', '/v2/messages/publication', { name: 'm', timeToLive: 'soon' });
    const valid = await raw(address, 'POST', '/v2/messages/publication', { name: unique('m'), correlationKey: 'k', timeToLive: 1000 });

    // then
    expectProblem(publication, 400, 'INVALID_ARGUMENT', '/v2/messages/publication', ['No name provided.']);
    expectProblem(correlation, 400, 'INVALID_ARGUMENT', '/v2/messages/correlation', ['No name provided.']);
    expectProblem(wrongType, 400, 'Bad Request', '/v2/messages/publication', ['timeToLive']);
    expect([200, 409]).toContain(valid.status);
  });
});

describe('signals', () => {
  it('broadcasts a signal (200) that a waiting catch event receives', async ({ skip }) => {
    if (signalsPending || messagesPending) skip('signals (or the message before them) are not implemented by the engine yet (answer 409)');
    // given
    const { client } = harness();
    const orderId = unique('order');
    const created = await client.createProcessInstance({ processDefinitionId: 'rest-message-catch' as never, variables: { orderId } });
    await client.publishMessage({ name: 'rest-paid', correlationKey: orderId });

    // when
    const broadcast = await client.broadcastSignal({ signalName: 'rest-go' });

    // then
    expect(broadcast.signalKey).toMatch(/^\d+$/);
    expect((await client.getProcessInstance({ processInstanceKey: created.processInstanceKey }, NOW)).state).toBe('COMPLETED');
  });

  it('answers 400 INVALID_ARGUMENT for a signal without a name', async () => {
    // given
    const { address } = harness();

    // when
    const answer = await raw(address, 'POST', '/v2/signals/broadcast', { variables: {} });

    // then
    expectProblem(answer, 400, 'INVALID_ARGUMENT', '/v2/signals/broadcast', ['No signalName provided.']);
  });
});

describe('clock', () => {
  it('pins the clock (204): new instances start at the pinned time; reset (204) returns to system time', async () => {
    // given
    const { client, address } = harness();
    const pinned = Date.parse('2030-01-01T12:00:00Z');

    // when
    await client.pinClock({ timestamp: pinned });
    const clock = await raw(address, 'GET', '/v2/clock');
    const created = await client.createProcessInstance({ processDefinitionId: 'rest-one-task' as never });
    await client.resetClock();
    const afterReset = await raw(address, 'GET', '/v2/clock');

    // then
    expect(clock.body).toEqual({ timestamp: '2030-01-01T12:00:00.000Z' });
    expect((await client.getProcessInstance({ processInstanceKey: created.processInstanceKey }, NOW)).startDate).toBe('2030-01-01T12:00:00.000Z');
    expect(Math.abs(Date.parse(afterReset.body.timestamp) - Date.now())).toBeLessThan(5_000);
  });

  it('adds an ISO 8601 duration to the clock (8.11): answers the new time', async () => {
    // given
    const { client, address } = harness();
    await client.pinClock({ timestamp: Date.parse('2030-01-01T00:00:00Z') });

    // when
    const forward = await raw(address, 'POST', '/v2/clock/add', { duration: 'P1DT2H' });
    const backward = await raw(address, 'POST', '/v2/clock/add', { duration: '-PT30M' });
    await client.resetClock();

    // then
    expect(forward.status).toBe(200);
    expect(forward.body).toEqual({ timestamp: '2030-01-02T02:00:00.000Z' });
    expect(backward.body).toEqual({ timestamp: '2030-01-02T01:30:00.000Z' });
  });

  it('answers 400 INVALID_ARGUMENT for a missing or negative timestamp, or a bad duration', async () => {
    // given
    const { address } = harness();

    // when
    const missing = await raw(address, 'PUT', '/v2/clock', {});
    const negative = await raw(address, 'PUT', '/v2/clock', { timestamp: -1 });
    const duration = await raw(address, 'POST', '/v2/clock/add', { duration: 'one hour' });

    // then
    expectProblem(missing, 400, 'INVALID_ARGUMENT', '/v2/clock', ['No timestamp provided.']);
    expectProblem(negative, 400, 'INVALID_ARGUMENT', '/v2/clock', ["The value for timestamp is '-1' but must be not negative."]);
    expectProblem(duration, 400, 'INVALID_ARGUMENT', '/v2/clock/add', ["'one hour'"]);
  });
});

describe('answers every endpoint shares', () => {
  it('answers problem+json for unknown paths (404), wrong methods (405), wrong media types (415), huge bodies (413)', async () => {
    // given
    const { address } = harness();

    // when
    const unknown = await raw(address, 'GET', '/v2/nothing-here');
    const method = await raw(address, 'DELETE', '/v2/topology');
    const media = await raw(address, 'POST', '/v2/process-instances', 'processDefinitionId=x', { 'content-type': 'text/plain' });
    const huge = await raw(address, 'POST', '/v2/process-instances', { processDefinitionId: 'x', variables: { big: 'x'.repeat(9 * 1024 * 1024) } });

    // then
    expectProblem(unknown, 404, 'Not Found', '/v2/nothing-here');
    expectProblem(method, 405, 'Method Not Allowed', '/v2/topology');
    expectProblem(media, 415, 'Unsupported Media Type', '/v2/process-instances');
    expectProblem(huge, 413, 'Payload Too Large', '/v2/process-instances');
  });

  it('ignores unknown body fields, as Camunda\'s JSON mapper does', async () => {
    // given
    const { address } = harness();

    // when
    const answer = await raw(address, 'POST', '/v2/process-instances', { processDefinitionId: 'rest-one-task', color: 'blue' });

    // then
    expect(answer.status).toBe(200);
    expect(answer.body.processDefinitionId).toBe('rest-one-task');
  });
});
