import { describe, expect, it } from 'vitest';
import { expectProblem, problemsOf } from './test-support.js';

describe('parseBpmn: structure rules', () => {
  it('requires a start event in a process and at most one none start event', async () => {
    // given
    const name = 'process-start-events.bpmn';

    // when
    const problems = await problemsOf(name);

    // then
    expectProblem(problems, 'no-start', 'a process must have at least one start event');
    expectProblem(problems, 'two-none-starts', 'a process can have only one none start event');
    expectProblem(problems, 'error-start', 'a process start event must be one of: none, message, timer, signal');
    expectProblem(problems, 'double-start', 'can have at most one event definition');
    expectProblem(problems, 'public-form', 'start event forms with public access are not supported');
    expect(problems).toHaveLength(5);
  });

  it('requires exactly one start event in subprocesses, none for embedded ones, a trigger for event subprocesses', async () => {
    // given
    const name = 'subprocess-start-events.bpmn';

    // when
    const problems = await problemsOf(name);

    // then
    expectProblem(problems, 'no-start', 'an embedded subprocess must have exactly one start event');
    expectProblem(problems, 'two-starts', 'an embedded subprocess must have exactly one start event');
    expectProblem(problems, 'timer-start-event', 'an embedded subprocess start event must be a none start event');
    expectProblem(problems, 'event-no-start', 'an event subprocess must have exactly one start event');
    expectProblem(problems, 'event-none-start-event', 'an event subprocess start event must have exactly one event definition');
    expectProblem(problems, 'event-link-start-event', 'an event subprocess start event must be one of: message, timer, error, signal, escalation');
    expectProblem(problems, 'non-interrupting-error-start', 'a non-interrupting error event is not allowed');
    expectProblem(problems, 'interrupting-cycle-start', 'an interrupting timer event cannot have a time cycle');
    expect(problems).toHaveLength(8);
  });

  it('requires ids on processes, flow nodes and sequence flows', async () => {
    // given
    const name = 'missing-ids.bpmn';

    // when
    const problems = await problemsOf(name);

    // then
    expect(problems).toEqual([
      { message: "a task in 'ids' has no id" },
      { message: "a sequence flow in 'ids' has no id" },
      { message: 'an executable process must have an id' },
    ]);
  });

  it('reports element types, event types and Zeebe features the engine does not execute', async () => {
    // given
    const name = 'unsupported-elements.bpmn';

    // when
    const problems = await problemsOf(name);

    // then
    expectProblem(problems, 'complex', "element type 'complexGateway' is not supported");
    expectProblem(problems, 'booking', "element type 'transaction' is not supported");
    expectProblem(problems, 'free-form', "element type 'adHocSubProcess' is not supported yet");
    expectProblem(problems, 'compensate-charge', 'compensation events are not supported');
    expectProblem(problems, 'compensate-all', 'compensation events are not supported');
    expectProblem(problems, 'undo', 'compensation handlers (isForCompensation) are not supported');
    expectProblem(problems, 'wait-until', 'conditional events are not supported');
    expectProblem(problems, 'cancel-end', 'an end event must be one of: none, error, message, terminate, signal, escalation');
    expectProblem(problems, 'looping', 'standard loops are not supported');
    expectProblem(problems, 'listened', 'execution listeners (zeebe:executionListeners) are not supported yet');
    expectProblem(problems, 'task-listened', 'task listeners (zeebe:taskListeners) are not supported yet');
    expectProblem(problems, 'dmn', 'zeebe:calledDecision) are not supported yet');
    // nothing is reported from inside the unsupported subprocesses
    expect(problems.some((p) => p.elementId === 'booking-start' || p.elementId === 'free-task')).toBe(false);
    expect(problems).toHaveLength(12);
  });

  it('requires conditions (FEEL, starting with =) on the flows leaving exclusive and inclusive gateways', async () => {
    // given
    const name = 'gateways.bpmn';

    // when
    const problems = await problemsOf(name);

    // then
    expectProblem(problems, 'xor-unconditional', "a sequence flow leaving exclusiveGateway 'xor' must have a condition or be its default flow");
    expectProblem(problems, 'or-unconditional', "a sequence flow leaving inclusiveGateway 'or' must have a condition or be its default flow");
    expectProblem(problems, 'xor-static', "the condition expression must be an expression starting with '=', but is the static value 'amount > 10'");
    expectProblem(problems, 'xor-broken', "invalid condition expression '(amount > 10': missing ')'");
    expectProblem(problems, 'xor-empty', 'the condition expression must be present and not empty');
    expectProblem(problems, 'after', 'conditional sequence flows are only supported at exclusive and inclusive gateways');
    expectProblem(problems, 'foreign-default', "the default flow 'to-g' must start at this element");
    // a default flow may carry a condition; a gateway with one outgoing flow needs none
    expect(problems.some((p) => p.elementId === 'xor-default' || p.elementId === 'single' || p.elementId === 'single-out')).toBe(false);
    expect(problems).toHaveLength(7);
  });

  it('checks the outgoing flows and target events of event-based gateways', async () => {
    // given
    const name = 'event-based-gateways.bpmn';

    // when
    const problems = await problemsOf(name);

    // then
    expectProblem(problems, 'one-way', 'an event-based gateway must have at least 2 outgoing sequence flows');
    expectProblem(problems, 'mixed', 'an event-based gateway can only lead to message, timer or signal intermediate catch events');
    expectProblem(problems, 'mixed', 'the events after an event-based gateway cannot have other incoming sequence flows');
    expectProblem(problems, 'mixed', "more than one event waits for the message name 'answer'");
    expect(problems).toHaveLength(4);
  });

  it('requires sequence flows to connect two flow nodes of their own scope', async () => {
    // given
    const name = 'sequence-flows.bpmn';

    // when
    const problems = await problemsOf(name);

    // then
    expectProblem(problems, 'no-source', 'a sequence flow must have a source (sourceRef)');
    expectProblem(problems, 'no-target', 'a sequence flow must have a target (targetRef)');
    expectProblem(problems, 'into-sub', "the target 'inner' is not in the same scope ('flows') as the sequence flow");
    expectProblem(problems, 'into-outer', "the target 'outer' is not in the same scope ('sub') as the sequence flow");
    // elements without incoming flows (e.g. 'unreachable') are fine
    expect(problems).toHaveLength(4);
  });
});
