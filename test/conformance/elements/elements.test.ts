// BPMN elements: events and tasks.
// Docs: https://docs.camunda.io/docs/components/modeler/bpmn/bpmn-coverage/
import { describe, expect, it } from 'vitest';
import { expectGrpcError, sleep, useHarness } from '../harness.js';

const h = useHarness();

describe('events', () => {
  it('none start event to none end event: the instance completes at once with its variables', async () => {
    // Docs: components/modeler/bpmn/none-events/
    // given
    const s = h.scope();
    await s.deploy('elements/none-start-end.bpmn');

    // when
    const res = await s.createWithResult('el-none', { greeting: 'hello' });

    // then
    expect(res.variables).toEqual({ greeting: 'hello' });
  });

  it('a terminate end event terminates the other branch and the instance completes', async () => {
    // Docs: components/modeler/bpmn/terminate-events/ ("the process instance is completed")
    // given
    const s = h.scope();
    await s.deploy('elements/terminate-end.bpmn');
    const result = s.createWithResult('el-terminate', { x: 1 });
    const waiting = await h.waitForJob(s.type('el-terminate-waiting'));
    const quick = await h.waitForJob(s.type('el-terminate-quick'));

    // when
    await h.complete(quick, { done: true });

    // then: the instance completed (CreateProcessInstanceWithResult answers only on completion)
    expect((await result).variables).toEqual({ x: 1, done: true });
    // and the other branch's job was cancelled with it
    await expectGrpcError(h.complete(waiting), 'NOT_FOUND');
  });
});

describe('tasks', () => {
  it('a service task creates a job with type, custom headers, retries, elementId and the visible variables', async () => {
    // Docs: components/modeler/bpmn/service-tasks/ (task definition, task headers)
    // given
    const s = h.scope();
    const deployed = await s.deploy('elements/service-task.bpmn');

    // when
    const created = await s.create('el-service', { amount: 42, customer: { name: 'Li' } });
    const job = await h.waitForJob(s.type('el-service-charge'));

    // then
    expect(job).toMatchObject({
      type: s.type('el-service-charge'),
      elementId: 'charge',
      bpmnProcessId: s.id('el-service'),
      processDefinitionVersion: 1,
      processInstanceKey: created.processInstanceKey,
      retries: 5,
      worker: 'conformance',
    });
    expect(String((job as any).processDefinitionKey)).toBe(deployed.processDefinitionKey);
    expect(job.customHeaders).toEqual({ method: 'card', region: 'bazhou' });
    expect(job.variables).toEqual({ amount: 42, customer: { name: 'Li' } });
    expect(job.elementInstanceKey).toMatch(/^\d+$/);
  });

  it('a script task with a FEEL expression sets resultVariable', async () => {
    // Docs: components/modeler/bpmn/script-tasks/ (zeebe:script expression + resultVariable)
    // given
    const s = h.scope();
    await s.deploy('elements/script-task.bpmn');

    // when
    const res = await s.createWithResult('el-script', { a: 41 });

    // then
    expect(res.variables).toEqual({ a: 41, b: 42 });
  });

  it('a send task, an intermediate message throw event and a message end event are jobs', async () => {
    // Docs: components/modeler/bpmn/send-tasks/, components/modeler/bpmn/message-events/
    // ("message throw events ... behave like service tasks")
    // given
    const s = h.scope();
    await s.deploy('elements/message-throw-jobs.bpmn');
    const result = s.createWithResult('el-message-jobs');

    // when / then: each element waits for its job in turn
    const send = await h.waitForJob(s.type('el-send'));
    expect(send.elementId).toBe('send');
    await h.complete(send, { sent: 1 });

    const thrown = await h.waitForJob(s.type('el-throw'));
    expect(thrown.elementId).toBe('throw');
    await h.complete(thrown, { thrown: 1 });

    const end = await h.waitForJob(s.type('el-message-end'));
    expect(end.elementId).toBe('message_end');
    await h.complete(end, { ended: 1 });

    expect((await result).variables).toEqual({ sent: 1, thrown: 1, ended: 1 });
  });

  it('a business rule task with a task definition is a job', async () => {
    // Docs: components/modeler/bpmn/business-rule-tasks/ (job worker implementation)
    // given
    const s = h.scope();
    await s.deploy('elements/business-rule-task.bpmn');
    const result = s.createWithResult('el-rule', { score: 7 });

    // when
    const job = await h.waitForJob(s.type('el-rule-decide'));
    await h.complete(job, { decision: 'accept' });

    // then
    expect(job.elementId).toBe('decide');
    expect(job.variables).toEqual({ score: 7 });
    expect((await result).variables).toEqual({ score: 7, decision: 'accept' });
  });

  it('a manual task and an undefined task pass straight through', async () => {
    // Docs: components/modeler/bpmn/manual-tasks/, components/modeler/bpmn/undefined-tasks/
    // given
    const s = h.scope();
    await s.deploy('elements/manual-and-undefined-task.bpmn');

    // when
    const res = await s.createWithResult('el-passthrough', { n: 1 });

    // then
    expect(res.variables).toEqual({ n: 1 });
  });

  it('a job-worker user task is a job of type io.camunda.zeebe:userTask with assignment headers', async () => {
    // Docs: components/modeler/bpmn/user-tasks/#job-worker-implementation; the assignment
    // lands in headers io.camunda.zeebe:assignee / candidateGroups / candidateUsers, the
    // lists as JSON arrays.
    // given
    const s = h.scope();
    await s.deploy('elements/job-worker-user-task.bpmn');
    const result = s.createWithResult('el-jw-user-task', { form: 'x' });

    // when: the type is shared by every job-worker user task, so pick ours
    let job: Awaited<ReturnType<typeof h.waitForJob>> | undefined;
    const deadline = Date.now() + 10_000;
    while (!job && Date.now() < deadline) {
      const jobs = await h.activate('io.camunda.zeebe:userTask', { maxJobsToActivate: 100, timeout: 30_000 });
      job = jobs.find((j) => j.bpmnProcessId === s.id('el-jw-user-task'));
      if (!job) await sleep(50);
    }

    // then
    expect(job, 'a job of type io.camunda.zeebe:userTask for this instance').toBeDefined();
    expect(job!.elementId).toBe('review');
    const headers = job!.customHeaders as Record<string, string>;
    expect(headers['io.camunda.zeebe:assignee']).toBe('alice');
    expect(JSON.parse(headers['io.camunda.zeebe:candidateGroups']!)).toEqual(['sales', 'support']);
    expect(JSON.parse(headers['io.camunda.zeebe:candidateUsers']!)).toEqual(['bob', 'carol']);
    expect(headers['purpose']).toBe('review');
    await h.complete(job!, { approved: true });
    expect((await result).variables).toEqual({ form: 'x', approved: true });
  });

  it('a Camunda user task (zeebe:userTask) waits without creating a job, and can be cancelled', async () => {
    // Docs: components/modeler/bpmn/user-tasks/#camunda-user-tasks (managed by the engine,
    // completed over REST: part 2 of the suite)
    // given
    const s = h.scope();
    await s.deploy('elements/camunda-user-task.bpmn');

    // when
    const created = await s.create('el-camunda-user-task', { form: 'y' });
    await sleep(500);

    // then: no job-worker job for this instance
    const jobs = await h.activate('io.camunda.zeebe:userTask', { maxJobsToActivate: 100, timeout: 1_000 });
    expect(jobs.filter((j) => j.processInstanceKey === created.processInstanceKey)).toEqual([]);
    // the instance is still active (cancel succeeds), then gone
    const state = await h.instanceState(created.processInstanceKey).catch(() => undefined);
    if (state !== undefined) expect(state).toBe('ACTIVE');
    await h.zbc.cancelProcessInstance(created.processInstanceKey);
    await expectGrpcError(h.zbc.cancelProcessInstance(created.processInstanceKey), 'NOT_FOUND');
  });
});
