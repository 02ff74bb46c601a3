import { describe, expect, it } from 'vitest';
import { element, parseValid } from './test-support.js';

describe('parseBpmn: event definitions', () => {
  it('resolves a message catch event to its (FEEL) message name and correlation key', async () => {
    // given
    const fixture = 'events.bpmn';

    // when
    const [process] = await parseValid(fixture);

    // then
    expect(element(process!, 'wait-paid').eventDefinition).toEqual({
      kind: 'message',
      messageName: { kind: 'feel', source: '"paid-" + region' },
      correlationKey: { kind: 'feel', source: 'orderId' },
    });
  });

  it('maps timer dates (static) and durations (FEEL)', async () => {
    // given
    const fixture = 'events.bpmn';

    // when
    const [process] = await parseValid(fixture);

    // then
    expect(element(process!, 'wait-date').eventDefinition).toEqual({
      kind: 'timer',
      timeDate: { kind: 'static', value: '2030-01-01T09:00:00+08:00[Asia/Shanghai]' },
    });
    expect(element(process!, 'wait-duration').eventDefinition).toEqual({ kind: 'timer', timeDuration: { kind: 'feel', source: 'delay' } });
  });

  it('maps signal, link, escalation and terminate events', async () => {
    // given
    const fixture = 'events.bpmn';

    // when
    const [process] = await parseValid(fixture);

    // then
    expect(element(process!, 'wait-signal').eventDefinition).toEqual({ kind: 'signal', signalName: { kind: 'static', value: 'stop' } });
    expect(element(process!, 'broadcast').eventDefinition).toEqual({ kind: 'signal', signalName: { kind: 'static', value: 'stop' } });
    expect(element(process!, 'go-to-b').eventDefinition).toEqual({ kind: 'link', linkName: 'B' });
    expect(element(process!, 'from-a').eventDefinition).toEqual({ kind: 'link', linkName: 'B' });
    expect(element(process!, 'escalate').eventDefinition).toEqual({ kind: 'escalation', escalationCode: { kind: 'static', value: 'LATE' } });
    expect(element(process!, 'catch-late')).toMatchObject({
      interrupting: false,
      eventDefinition: { kind: 'escalation', escalationCode: { kind: 'static', value: 'LATE' } },
    });
    expect(element(process!, 'stop-all').eventDefinition).toEqual({ kind: 'terminate' });
    expect(element(process!, 'plain-end').eventDefinition).toEqual({ kind: 'none' });
  });

  it('maps error events: a code (static or FEEL) on throw events, a code or catch-all on catch events', async () => {
    // given
    const fixture = 'events.bpmn';

    // when
    const [process] = await parseValid(fixture);

    // then
    expect(element(process!, 'fail').eventDefinition).toEqual({ kind: 'error', errorCode: { kind: 'feel', source: 'errorCode' } });
    expect(element(process!, 'catch-failed').eventDefinition).toEqual({ kind: 'error', errorCode: { kind: 'static', value: 'FAILED' } });
    expect(element(process!, 'catch-any-error').eventDefinition).toEqual({ kind: 'error' });
    expect(element(process!, 'work').boundaryEventIds).toEqual(['catch-failed', 'catch-any-error', 'catch-late']);
  });

  it('makes message throw events jobs', async () => {
    // given
    const fixture = 'events.bpmn';

    // when
    const [process] = await parseValid(fixture);

    // then
    expect(element(process!, 'notify')).toMatchObject({
      job: { type: { kind: 'static', value: 'notifier' }, retries: { kind: 'static', value: '5' } },
      eventDefinition: { kind: 'message', messageName: { kind: 'static', value: 'notify' } },
    });
    expect(element(process!, 'reply-end')).toMatchObject({
      job: { type: { kind: 'feel', source: 'replyType' }, retries: { kind: 'static', value: '3' } },
      eventDefinition: { kind: 'message', messageName: { kind: 'static', value: '' } },
    });
    expect(element(process!, 'broadcast').job).toBeUndefined();
  });

  it('gives a receive task the message it waits for', async () => {
    // given
    const fixture = 'events.bpmn';

    // when
    const [process] = await parseValid(fixture);

    // then
    expect(element(process!, 'wait-reply')).toMatchObject({
      type: 'receiveTask',
      eventDefinition: { kind: 'message', messageName: { kind: 'static', value: 'reply' }, correlationKey: { kind: 'feel', source: 'ticketId' } },
    });
  });
});
