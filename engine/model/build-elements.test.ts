import { describe, expect, it } from 'vitest';
import { element, parseValid } from './test-support.js';

describe('parseBpmn: process structure', () => {
  it('maps a process with its elements, flows, job, headers and mappings', async () => {
    // given
    const fixture = 'service-task.bpmn';

    // when
    const [process] = await parseValid(fixture);

    // then
    expect(process!.bpmnProcessId).toBe('order-process');
    expect(process!.name).toBe('Order process');
    expect(process!.versionTag).toBe('v1.2');
    expect([...process!.elements.keys()]).toEqual(['order-process', 'start', 'charge', 'ship', 'check', 'done', 'big']);

    const root = element(process!, 'order-process');
    expect(root.type).toBe('process');
    expect(root.flowScopeId).toBeUndefined();
    expect(root.childIds).toEqual(['start', 'charge', 'ship', 'check', 'done', 'big']);
    expect(root.noneStartEventId).toBe('start');
    expect(root.eventSubProcessIds).toEqual([]);

    const start = element(process!, 'start');
    expect(start).toMatchObject({ type: 'startEvent', name: 'Order received', flowScopeId: 'order-process', eventDefinition: { kind: 'none' } });
    expect(start.incoming).toEqual([]);
    expect(start.outgoing).toEqual(['to-charge']);
  });

  it('maps a job with the default retries, headers in document order and variable mappings', async () => {
    // given
    const fixture = 'service-task.bpmn';

    // when
    const [process] = await parseValid(fixture);

    // then
    const charge = element(process!, 'charge');
    expect(charge.job).toEqual({ type: { kind: 'static', value: 'payment' }, retries: { kind: 'static', value: '3' } });
    expect(Object.entries(charge.taskHeaders)).toEqual([
      ['zeta', 'last'],
      ['alpha', 'first'],
    ]);
    expect(charge.inputMappings).toEqual([
      { source: 'order.total', target: 'amount' },
      { source: '"say \\"hi\\" \\\\ bye"', target: 'greeting' },
      { source: 'customer.id', target: 'customer.ref' },
    ]);
    expect(charge.outputMappings).toEqual([{ source: 'receipt', target: 'payment.receipt' }]);
    expect(charge.incoming).toEqual(['to-charge']);
    expect(charge.outgoing).toEqual(['to-ship']);
  });

  it('keeps FEEL job type and retries as expressions', async () => {
    // given
    const fixture = 'service-task.bpmn';

    // when
    const [process] = await parseValid(fixture);

    // then
    expect(element(process!, 'ship').job).toEqual({
      type: { kind: 'feel', source: '"ship-" + region' },
      retries: { kind: 'feel', source: 'retryCount' },
    });
  });

  it('maps gateway default flows and flow conditions without the leading =', async () => {
    // given
    const fixture = 'service-task.bpmn';

    // when
    const [process] = await parseValid(fixture);

    // then
    expect(element(process!, 'check').defaultFlowId).toBe('to-done');
    expect(process!.flows.get('to-done')).toEqual({ id: 'to-done', name: 'normal', sourceId: 'check', targetId: 'done' });
    expect(process!.flows.get('to-big')).toEqual({ id: 'to-big', sourceId: 'check', targetId: 'big', condition: 'order.total > 1000' });
    expect([...process!.flows.keys()]).toEqual(['to-charge', 'to-ship', 'to-check', 'to-done', 'to-big']);
  });

  it('flattens subprocesses and records scopes, boundary events and event subprocesses', async () => {
    // given
    const fixture = 'scopes.bpmn';

    // when
    const [process] = await parseValid(fixture);

    // then
    const root = element(process!, 'scopes');
    expect(root.childIds).toEqual(['start', 'handle', 'timeout', 'reminder', 'end', 'timed-out', 'remind', 'on-cancel', 'on-error']);
    expect(root.eventSubProcessIds).toEqual(['on-cancel', 'on-error']);
    expect(root.noneStartEventId).toBe('start');

    const handle = element(process!, 'handle');
    expect(handle).toMatchObject({ type: 'subProcess', flowScopeId: 'scopes', triggeredByEvent: false, noneStartEventId: 'handle-start' });
    expect(handle.childIds).toEqual(['handle-start', 'inner-task', 'handle-end']);
    expect(handle.boundaryEventIds).toEqual(['timeout', 'reminder']);
    expect(element(process!, 'inner-task').flowScopeId).toBe('handle');
    expect(process!.flows.get('inner-1')).toEqual({ id: 'inner-1', sourceId: 'handle-start', targetId: 'inner-task' });
  });

  it('maps boundary events with their attachment and interrupting flag (default true)', async () => {
    // given
    const fixture = 'scopes.bpmn';

    // when
    const [process] = await parseValid(fixture);

    // then
    expect(element(process!, 'timeout')).toMatchObject({
      type: 'boundaryEvent',
      attachedToId: 'handle',
      interrupting: true,
      eventDefinition: { kind: 'timer', timeDuration: { kind: 'static', value: 'PT1H' } },
    });
    expect(element(process!, 'reminder')).toMatchObject({ attachedToId: 'handle', interrupting: false });
  });

  it('maps event subprocesses and the interrupting flag of their start events (default true)', async () => {
    // given
    const fixture = 'scopes.bpmn';

    // when
    const [process] = await parseValid(fixture);

    // then
    const onCancel = element(process!, 'on-cancel');
    expect(onCancel).toMatchObject({ type: 'subProcess', triggeredByEvent: true, childIds: ['cancel-start', 'cancel-end'] });
    expect(onCancel.noneStartEventId).toBeUndefined();
    expect(element(process!, 'cancel-start')).toMatchObject({
      interrupting: false,
      eventDefinition: { kind: 'message', messageName: { kind: 'static', value: 'cancel' }, correlationKey: { kind: 'feel', source: 'orderId' } },
    });
    expect(element(process!, 'error-start')).toMatchObject({ interrupting: true, eventDefinition: { kind: 'error' } });
    expect(element(process!, 'start').interrupting).toBeUndefined();
  });

  it('accepts a process whose only start events are message, timer and signal start events', async () => {
    // given
    const fixture = 'start-events-only-triggers.bpmn';

    // when
    const [process] = await parseValid(fixture);

    // then: no none start event, so creating an instance directly is not possible
    const root = element(process!, 'triggered-only');
    expect(root.noneStartEventId).toBeUndefined();
    expect(root.childIds.filter((id) => element(process!, id).type === 'startEvent')).toEqual(['by-message', 'by-timer', 'by-signal']);
    expect(element(process!, 'by-message').eventDefinition).toEqual({ kind: 'message', messageName: { kind: 'static', value: 'request-received' } });
    expect(element(process!, 'by-timer').eventDefinition).toEqual({ kind: 'timer', timeCycle: { kind: 'static', value: '0 0 8 * * MON-FRI' } });
    expect(element(process!, 'by-signal').eventDefinition).toEqual({ kind: 'signal', signalName: { kind: 'static', value: 'audit' } });
  });

  it('builds one model per executable process and ignores the others', async () => {
    // given
    const fixture = 'collaboration.bpmn';

    // when
    const processes = await parseValid(fixture);

    // then
    expect(processes.map((p) => p.bpmnProcessId)).toEqual(['citizen-process', 'office-process']);
    expect([...processes[1]!.elements.keys()]).toEqual(['office-process', 'office-start', 'office-end']);
  });

  it('ignores data objects and data object references', async () => {
    // given
    const fixture = 'activities.bpmn';

    // when
    const [process] = await parseValid(fixture);

    // then
    expect(process!.elements.has('data')).toBe(false);
    expect(process!.elements.has('data-ref')).toBe(false);
  });

  it('returns a deeply frozen model', async () => {
    // given
    const [process] = await parseValid('service-task.bpmn');
    const charge = element(process!, 'charge');

    // when / then
    expect(Object.isFrozen(process)).toBe(true);
    expect(Object.isFrozen(charge)).toBe(true);
    expect(Object.isFrozen(charge.inputMappings)).toBe(true);
    expect(Object.isFrozen(charge.job!.type)).toBe(true);
    expect(() => {
      (charge.outgoing as string[]).push('x');
    }).toThrow(TypeError);
    expect(() => (process!.elements as Map<string, unknown>).set('x', {})).toThrow(TypeError);
    expect(() => (process!.flows as Map<string, unknown>).delete('to-done')).toThrow(TypeError);
  });
});
