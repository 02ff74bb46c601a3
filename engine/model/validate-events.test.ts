import { describe, expect, it } from 'vitest';
import { expectProblem, problemsOf } from './test-support.js';

describe('parseBpmn: event rules', () => {
  it('checks attachment, definition and flows of boundary events', async () => {
    // given
    const name = 'boundary-events.bpmn';

    // when
    const problems = await problemsOf(name);

    // then
    expectProblem(problems, 'detached', 'a boundary event must be attached to an activity (attachedToRef)');
    expectProblem(problems, 'on-gateway', "a boundary event must be attached to an activity, but 'fork' is not one");
    expectProblem(problems, 'no-definition', 'a boundary event must have exactly one event definition');
    expectProblem(problems, 'link-boundary', 'a boundary event must be one of: timer, message, error, signal, escalation');
    expectProblem(problems, 'non-interrupting-error', 'a non-interrupting error event is not allowed');
    expectProblem(problems, 'interrupting-cycle', 'an interrupting timer event cannot have a time cycle');
    expectProblem(problems, 'escalation-on-task', 'an escalation boundary event can only be attached to a subprocess or a call activity');
    expectProblem(problems, 'with-incoming', 'a boundary event cannot have incoming sequence flows');
    expectProblem(problems, 'end', 'an end event cannot have outgoing sequence flows');
    expectProblem(problems, 'outside-scope', "a boundary event must be in the same scope as its activity 'sub-task'");
    expect(problems).toHaveLength(10);
  });

  it('requires error codes on throw events, static codes on catch events and distinct catch events per scope', async () => {
    // given
    const name = 'error-events.bpmn';

    // when
    const problems = await problemsOf(name);

    // then
    expectProblem(problems, 'throw-nothing', 'an error throw event must reference an error (errorRef)');
    expectProblem(problems, 'throw-no-code', "the error code of error 'Error_no_code' must be present and not empty");
    expectProblem(problems, 'throw-bad-expression', "invalid error code 'code!!!' of error 'Error_bad_expression': unexpected '!!!'");
    expectProblem(problems, 'catch-expression', "the error code of an error catch event cannot be an expression ('=code')");
    expectProblem(problems, 'intermediate-error', 'an intermediate throw event must be one of: none, message, signal, escalation, link');
    expectProblem(problems, 'work', "more than one error catch event with the error code 'A'");
    expectProblem(problems, 'work', 'more than one error catch event without error code');
    expect(problems).toHaveLength(7);
  });

  it('requires escalation codes on throw events and distinct escalation catch events per activity and scope', async () => {
    // given
    const name = 'escalation-events.bpmn';

    // when
    const problems = await problemsOf(name);

    // then
    expectProblem(problems, 'throw-nothing', 'an escalation throw event must reference an escalation (escalationRef)');
    expectProblem(problems, 'throw-no-code', "the escalation code of escalation 'Escalation_no_code' must be present and not empty");
    expectProblem(problems, 'catch-expression', "the escalation code of an escalation catch event cannot be an expression ('=code')");
    expectProblem(problems, 'call', 'more than one escalation catch event without escalation code');
    expectProblem(problems, 'call', "more than one escalation catch event with the escalation code 'LATE'");
    expectProblem(problems, 'escalations', "more than one escalation catch event with the escalation code 'LATE'");
    expect(problems).toHaveLength(6);
  });

  it('requires messages with names, and correlation keys for catch events; start and boundary messages must differ', async () => {
    // given
    const name = 'message-events.bpmn';

    // when
    const problems = await problemsOf(name);

    // then
    expectProblem(problems, 'no-message', 'a message event must reference a message (messageRef)');
    expectProblem(problems, 'receive-nothing', 'a receive task must reference a message (messageRef)');
    expectProblem(problems, 'unknown-message', "the reference 'Message_missing' in bpmn:messageRef does not match any element");
    expectProblem(problems, 'nameless', "the message name of message 'Message_nameless' must be present and not empty");
    expectProblem(problems, 'start-by-nameless', "the message name of message 'Message_start_nameless' must be present and not empty");
    expectProblem(problems, 'no-subscription', "message 'Message_no_subscription' must have exactly one zeebe:subscription");
    expectProblem(problems, 'empty-key', "the correlation key of message 'Message_empty_key' must be present and not empty");
    expectProblem(problems, 'messages', "the message 'Message_start' is referenced by more than one start event");
    expectProblem(problems, 'messages', "more than one event waits for the message name 'start-me'");
    expectProblem(problems, 'receive-update', "more than one event waits for the message name 'update'");
    expectProblem(problems, 'receive-update', "a boundary event of the receive task waits for the same message name 'update'");
    // a message start event needs no correlation key
    expect(problems.some((p) => p.elementId === 'start-by-message' || p.elementId === 'start-by-same-name')).toBe(false);
    expect(problems).toHaveLength(11);
  });

  it('requires exactly one valid timer definition; static values must parse, FEEL is checked for syntax', async () => {
    // given
    const name = 'timer-events.bpmn';

    // when
    const problems = await problemsOf(name);

    // then
    expectProblem(problems, 'no-timer', 'a timer must have exactly one of: timeDate, timeDuration, timeCycle');
    expectProblem(problems, 'two-timers', 'a timer must have exactly one of: timeDate, timeDuration, timeCycle');
    expectProblem(problems, 'cycle-catch', 'an intermediate timer catch event must have a time duration or a time date');
    expectProblem(problems, 'bad-duration', "invalid timer duration: '10 minutes' is not an ISO-8601 duration");
    expectProblem(problems, 'bad-date', "invalid timer date: '2030-02-30T10:00:00Z' is not a valid date-time: the day is out of range");
    expectProblem(problems, 'date-without-offset', "invalid timer date: '2030-01-01T10:00:00' is not a valid date-time");
    expectProblem(problems, 'bad-cron-start', 'invalid timer cycle: hour value 25 is outside 0-23');
    expectProblem(problems, 'bad-repetition-start', "invalid timer cycle: 'R2/PT' has an invalid interval");
    expectProblem(problems, 'bad-expression', "invalid timer duration 'duration(delay': missing ')'");
    expectProblem(problems, 'empty-duration', 'the timer duration must be present and not empty');
    expect(problems.some((p) => p.elementId === 'good-cycle-start' || p.elementId === 'long-duration')).toBe(false);
    expect(problems).toHaveLength(10);
  });

  it('requires named signals and links, distinct signal start events, and a catch for every link throw', async () => {
    // given
    const name = 'signal-and-link-events.bpmn';

    // when
    const problems = await problemsOf(name);

    // then
    expectProblem(problems, 'no-signal', 'a signal event must reference a signal (signalRef)');
    expectProblem(problems, 'nameless-signal', "the signal name of signal 'Signal_nameless' must be present and not empty");
    expectProblem(problems, 'signals-and-links', "more than one event waits for the signal name 'alarm'");
    expectProblem(problems, 'nameless-link', 'a link event must have a name');
    expectProblem(problems, 'landing-2', "more than one link catch event has the link name 'landing'");
    expectProblem(problems, 'jump-nowhere', "there is no link catch event named 'nowhere' in the same scope");
    expectProblem(problems, 'jump-out', "there is no link catch event named 'landing' in the same scope");
    expect(problems).toHaveLength(7);
  });
});
