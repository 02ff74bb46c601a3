import { describe, expect, it } from 'vitest';
import { element, parseValid } from './test-support.js';

describe('parseBpmn: tasks', () => {
  it('maps a Camunda user task (zeebe:userTask) without a job', async () => {
    // given
    const fixture = 'user-tasks.bpmn';

    // when
    const [process] = await parseValid(fixture);

    // then
    const review = element(process!, 'review');
    expect(review.job).toBeUndefined();
    expect(review.userTask).toEqual({
      camundaUserTask: true,
      assignee: { kind: 'feel', source: 'initiator' },
      candidateGroups: { kind: 'static', value: 'clerks, supervisors' },
      dueDate: { kind: 'static', value: '2030-05-01T12:00:00Z' },
      followUpDate: { kind: 'feel', source: 'followUp' },
      formId: 'review-form',
      formBindingType: 'versionTag',
      formVersionTag: 'v3',
      priority: { kind: 'static', value: '75' },
    });
    expect(review.taskHeaders).toEqual({ department: 'housing' });
  });

  it('maps a job-worker user task to a job with the static properties as headers', async () => {
    // given
    const fixture = 'user-tasks.bpmn';

    // when
    const [process] = await parseValid(fixture);

    // then
    const approve = element(process!, 'approve');
    expect(approve.job).toEqual({
      type: { kind: 'static', value: 'io.camunda.zeebe:userTask' },
      retries: { kind: 'static', value: '1' },
    });
    expect(approve.userTask).toEqual({
      camundaUserTask: false,
      assignee: { kind: 'static', value: 'demo' },
      candidateGroups: { kind: 'feel', source: 'groups' },
      candidateUsers: { kind: 'static', value: 'anna,ben' },
      dueDate: { kind: 'feel', source: 'dueAt' },
      followUpDate: { kind: 'static', value: '2030-04-30T08:00:00+08:00' },
      formKey: 'camunda-forms:bpmn:approve-form',
    });
    // FEEL values (candidate groups, due date) are evaluated by the runtime, so they are no headers
    expect(approve.taskHeaders).toEqual({
      department: 'housing',
      'io.camunda.zeebe:assignee': 'demo',
      'io.camunda.zeebe:candidateUsers': '["anna","ben"]',
      'io.camunda.zeebe:followUpDate': '2030-04-30T08:00:00+08:00',
      'io.camunda.zeebe:formKey': 'camunda-forms:bpmn:approve-form',
    });
  });

  it('keeps an external form reference expression apart from a static one', async () => {
    // given
    const fixture = 'user-tasks.bpmn';

    // when
    const [process] = await parseValid(fixture);

    // then
    expect(element(process!, 'external').userTask).toEqual({ camundaUserTask: true, externalFormReferenceExpression: 'formUrl' });
    expect(element(process!, 'plain').userTask).toEqual({ camundaUserTask: false });
    expect(element(process!, 'plain').taskHeaders).toEqual({});
  });

  it('maps script tasks: a FEEL script, or a job without zeebe:script', async () => {
    // given
    const fixture = 'activities.bpmn';

    // when
    const [process] = await parseValid(fixture);

    // then
    expect(element(process!, 'compute')).toMatchObject({ script: { expression: 'a + b', resultVariable: 'sum' } });
    expect(element(process!, 'compute').job).toBeUndefined();
    expect(element(process!, 'external-script').job).toEqual({
      type: { kind: 'static', value: 'script-runner' },
      retries: { kind: 'static', value: '3' },
    });
    expect(element(process!, 'external-script').script).toBeUndefined();
  });

  it('maps business rule and send tasks with a task definition to jobs', async () => {
    // given
    const fixture = 'activities.bpmn';

    // when
    const [process] = await parseValid(fixture);

    // then
    expect(element(process!, 'decide').job).toEqual({ type: { kind: 'static', value: 'rules' }, retries: { kind: 'static', value: '1' } });
    expect(element(process!, 'send').job).toEqual({ type: { kind: 'static', value: 'mailer' }, retries: { kind: 'static', value: '3' } });
  });

  it('maps call activities with their defaults and explicit settings', async () => {
    // given
    const fixture = 'activities.bpmn';

    // when
    const [process] = await parseValid(fixture);

    // then
    expect(element(process!, 'call-default').callActivity).toEqual({
      processId: { kind: 'static', value: 'child-process' },
      propagateAllChildVariables: true,
      propagateAllParentVariables: true,
      bindingType: 'latest',
    });
    expect(element(process!, 'call-explicit').callActivity).toEqual({
      processId: { kind: 'feel', source: 'childId' },
      propagateAllChildVariables: false,
      propagateAllParentVariables: false,
      bindingType: 'versionTag',
      versionTag: 'v2',
    });
  });

  it('maps multi-instance characteristics', async () => {
    // given
    const fixture = 'activities.bpmn';

    // when
    const [process] = await parseValid(fixture);

    // then
    expect(element(process!, 'each').multiInstance).toEqual({
      sequential: true,
      inputCollection: 'items',
      inputElement: 'item',
      outputCollection: 'results',
      outputElement: 'result',
      completionCondition: 'count(results) >= 3',
    });
    expect(element(process!, 'parallel-each').multiInstance).toEqual({ sequential: false, inputCollection: 'regions' });
    expect(element(process!, 'parallel-each').childIds).toEqual(['pe-start', 'pe-end']);
  });

  it('maps manual tasks, plain tasks and gateways as pass-through elements', async () => {
    // given
    const fixture = 'activities.bpmn';

    // when
    const [process] = await parseValid(fixture);

    // then
    expect(element(process!, 'manual')).toMatchObject({ type: 'manualTask', incoming: ['f10'], outgoing: ['f12'] });
    expect(element(process!, 'plain')).toMatchObject({ type: 'task' });
    expect(element(process!, 'fork')).toMatchObject({ type: 'parallelGateway', outgoing: ['f10', 'f11'] });
    expect(element(process!, 'choose')).toMatchObject({ type: 'inclusiveGateway', incoming: ['f12', 'f13'] });
    expect(element(process!, 'manual').job).toBeUndefined();
  });
});
