import { describe, expect, it } from 'vitest';
import { expectProblem, problemsOf } from './test-support.js';

describe('parseBpmn: task rules', () => {
  it('requires a job type on every job-based element and checks task definitions and headers', async () => {
    // given
    const name = 'job-types.bpmn';

    // when
    const problems = await problemsOf(name);

    // then
    expectProblem(problems, 'no-definition', 'a serviceTask must have a zeebe:taskDefinition with a job type');
    expectProblem(problems, 'send-no-definition', 'a sendTask must have a zeebe:taskDefinition with a job type');
    expectProblem(problems, 'rule-no-definition', 'a businessRuleTask must have a zeebe:taskDefinition with a job type');
    expectProblem(problems, 'script-nothing', 'a scriptTask must have a zeebe:script expression or a zeebe:taskDefinition');
    expectProblem(problems, 'message-throw-no-definition', 'a message throw event must have a zeebe:taskDefinition with a job type');
    expectProblem(problems, 'message-end-no-definition', 'a message throw event must have a zeebe:taskDefinition with a job type');
    expectProblem(problems, 'empty-type', 'the job type must be present and not empty');
    expectProblem(problems, 'empty-retries', 'the job retries must be present and not empty');
    expectProblem(problems, 'bad-type-expression', `invalid job type 'concat("a"': missing ')'`);
    expectProblem(problems, 'bad-type-expression', "invalid job retries 'retries!!!': unexpected '!!!'");
    expectProblem(problems, 'two-definitions', 'there can be only one zeebe:taskDefinition extension element');
    expectProblem(problems, 'two-definitions', 'there can be only one zeebe:ioMapping extension element');
    expectProblem(problems, 'headers', "the task header key 'io.camunda.zeebe:assignee' is reserved");
    expectProblem(problems, 'headers', "the task header key 'mode' is used more than once");
    expect(problems).toHaveLength(14);
  });

  it('requires a FEEL expression and a result variable for zeebe:script, and no job besides', async () => {
    // given
    const name = 'script-tasks.bpmn';

    // when
    const problems = await problemsOf(name);

    // then
    expectProblem(problems, 'no-result', 'the script result variable must be present and not empty');
    expectProblem(problems, 'static-script', "the script expression must be an expression starting with '=', but is the static value '1 + 1'");
    expectProblem(problems, 'bad-script', "invalid script expression '(1 + 1': missing ')'");
    expectProblem(problems, 'script-and-job', 'either a zeebe:script or a zeebe:taskDefinition, not both');
    expect(problems).toHaveLength(4);
  });

  it('requires a called process id and a consistent binding on call activities', async () => {
    // given
    const name = 'call-activities.bpmn';

    // when
    const problems = await problemsOf(name);

    // then
    expectProblem(problems, 'no-called-element', 'a call activity must have a zeebe:calledElement with a processId');
    expectProblem(problems, 'empty-process-id', 'the called process id must be present and not empty');
    expectProblem(problems, 'bad-binding', 'the call activity binding type must be one of: latest, deployment, versionTag');
    expectProblem(problems, 'tag-without-binding', "a call activity versionTag can only be used with the binding type 'versionTag'");
    expectProblem(problems, 'binding-without-tag', "the call activity binding type 'versionTag' needs a versionTag");
    expectProblem(problems, 'bad-process-expression', "invalid called process id 'lookup(kind': missing ')'");
    expect(problems).toHaveLength(6);
  });

  it('requires an input collection expression and paired, FEEL outputs for multi-instance activities', async () => {
    // given
    const name = 'multi-instance.bpmn';

    // when
    const problems = await problemsOf(name);

    // then
    expectProblem(problems, 'no-zeebe-loop', 'a multi-instance activity must have exactly one zeebe:loopCharacteristics');
    expectProblem(problems, 'no-input', 'the multi-instance input collection must be present and not empty');
    expectProblem(problems, 'static-input', "the multi-instance input collection must be an expression starting with '='");
    expectProblem(problems, 'half-output', 'multi-instance outputCollection and outputElement must be set together');
    expectProblem(problems, 'static-output', "the multi-instance output element must be an expression starting with '='");
    expectProblem(problems, 'bad-expressions', "invalid multi-instance input collection 'items!!!'");
    expectProblem(problems, 'bad-expressions', "invalid multi-instance output element '(x'");
    expectProblem(problems, 'bad-expressions', "the completion condition must be an expression starting with '=', but is the static value 'done'");
    expectProblem(problems, 'bad-completion', "invalid completion condition 'count(results': missing ')'");
    expect(problems).toHaveLength(9);
  });

  it('checks user task assignment, schedule, priority and form', async () => {
    // given
    const name = 'user-task-rules.bpmn';

    // when
    const problems = await problemsOf(name);

    // then
    expectProblem(problems, 'bad-candidates', "the candidate groups must be an expression or a comma-separated list such as 'a,b,c', but is 'a,,b'");
    expectProblem(problems, 'bad-candidates', "the candidate users must be an expression or a comma-separated list such as 'a,b,c', but is 'x, ,y'");
    expectProblem(problems, 'bad-dates', "the due date must be an expression or a date-time: 'tomorrow' is not a valid date-time");
    expectProblem(problems, 'bad-dates', "invalid follow-up date '(soon': missing ')'");
    expectProblem(problems, 'bad-priority', "the priority must be a number between 0 and 100, but is '101'");
    expectProblem(problems, 'two-forms', 'the form of a job-worker user task needs exactly one of formId and formKey');
    expectProblem(problems, 'key-with-binding', 'a form binding type cannot be combined with a formKey');
    expectProblem(problems, 'camunda-task-without-form-id', 'the form of a Camunda user task needs exactly one of formId and externalReference');
    expectProblem(problems, 'bad-form-binding', 'the form binding type must be one of: latest, deployment, versionTag');
    expectProblem(problems, 'two-assignments', 'there can be only one zeebe:assignmentDefinition extension element');
    expect(problems).toHaveLength(10);
  });

  it('checks every FEEL expression and every mapping, naming the property', async () => {
    // given
    const name = 'expressions.bpmn';

    // when
    const problems = await problemsOf(name);

    // then
    expectProblem(problems, 'mappings', "invalid input mapping source 'a!!!' for target 'a': unexpected '!!!'");
    expectProblem(problems, 'mappings', "the input mapping source for target 'missingSource' must be present and not empty");
    expectProblem(problems, 'mappings', "input mapping: the target 'not a path' is not a variable name or a path like 'a.b'");
    expectProblem(problems, 'mappings', "input mapping: the target 'null' is a reserved word");
    expectProblem(problems, 'mappings', "the output mapping source for target 'result' must be an expression starting with '=', but is the static value 'static'");
    expectProblem(problems, 'mappings', "invalid output mapping source '(d' for target 'd': missing ')'");
    expectProblem(problems, 'mappings', 'output mapping: the target is missing');
    expectProblem(problems, 'bad-message-name', `invalid message name '"order-" + (kind' of message 'Message_bad_name': missing ')'`);
    expectProblem(problems, 'bad-message-name', "the correlation key of message 'Message_bad_name' must be an expression starting with '='");
    expectProblem(problems, 'bad-correlation-key', "invalid correlation key 'key!!!' of message 'Message_bad_key': unexpected '!!!'");
    expectProblem(problems, 'bad-signal', "invalid signal name 'signalName!!!' of signal 'Signal_bad'");
    expectProblem(problems, 'bad-assignee', "invalid assignee 'upper(owner': missing ')'");
    expect(problems).toHaveLength(12);
  });
});
