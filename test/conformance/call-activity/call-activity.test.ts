// Call activities.
// Docs: https://docs.camunda.io/docs/components/modeler/bpmn/call-activities/
import { describe, expect, it } from 'vitest';
import { useHarness } from '../harness.js';

const h = useHarness();

describe('call activity', () => {
  it('starts the child with the parent variables; child variables come back by default', async () => {
    // given: propagateAllParentVariables and propagateAllChildVariables default to true
    const s = h.scope();
    await s.deploy('call-activity/child.bpmn');
    await s.deploy('call-activity/parent.bpmn');
    const parent = await s.create('ca-parent', { p: 1, q: 'two' });

    // when
    const childJob = await h.waitForJob(s.type('ca-child-work'));

    // then: a separate instance of the child process, seeing the parent's variables
    expect(childJob.bpmnProcessId).toBe(s.id('ca-child'));
    expect(childJob.processInstanceKey).not.toBe(parent.processInstanceKey);
    expect(childJob.variables).toEqual({ p: 1, q: 'two' });

    // when the child completes
    await h.complete(childJob, { c: 3, p: 10 });

    // then its variables are merged into the parent
    const after = await h.waitForJob(s.type('ca-after'));
    expect(after.processInstanceKey).toBe(parent.processInstanceKey);
    expect(after.variables).toEqual({ p: 10, q: 'two', c: 3 });
  });

  it('CreateProcessInstanceWithResult of the parent returns the child results', async () => {
    // given
    const s = h.scope();
    await s.deploy('call-activity/child.bpmn');
    await s.deploy('call-activity/parent.bpmn');
    const result = s.createWithResult('ca-parent', { p: 1 });

    // when
    await h.complete(await h.waitForJob(s.type('ca-child-work')), { c: 3 });
    await h.complete(await h.waitForJob(s.type('ca-after')));

    // then
    expect((await result).variables).toEqual({ p: 1, c: 3 });
  });

  it('propagateAllChildVariables=false with output mappings: only the mapped values come back', async () => {
    // given
    const s = h.scope();
    await s.deploy('call-activity/child.bpmn');
    await s.deploy('call-activity/parent-child-outputs.bpmn');
    await s.create('ca-parent-outputs', { p: 1 });

    // when
    await h.complete(await h.waitForJob(s.type('ca-child-work')), { c: 3, noise: true });

    // then
    const after = await h.waitForJob(s.type('ca-after'));
    expect(after.variables).toEqual({ p: 1, mapped: 3 });
  });

  it('propagateAllChildVariables=false without output mappings: nothing comes back', async () => {
    // given: "the variables of the created process instance are discarded"
    const s = h.scope();
    await s.deploy('call-activity/child.bpmn');
    await s.deploy('call-activity/parent-discard-child.bpmn');
    await s.create('ca-parent-discard', { p: 1 });

    // when
    await h.complete(await h.waitForJob(s.type('ca-child-work')), { c: 3, p: 99 });

    // then
    const after = await h.waitForJob(s.type('ca-after'));
    expect(after.variables).toEqual({ p: 1 });
  });

  it('propagateAllParentVariables=false: the child receives only the input mappings', async () => {
    // given
    const s = h.scope();
    await s.deploy('call-activity/child.bpmn');
    await s.deploy('call-activity/parent-inputs-only.bpmn');
    await s.create('ca-parent-inputs', { p: 1, q: 'secret' });

    // when
    const childJob = await h.waitForJob(s.type('ca-child-work'));

    // then
    expect(childJob.variables).toEqual({ onlyThis: 1 });
  });

  it('binding "latest" instantiates the latest child version at activation time', async () => {
    // given: child v1, the parent, then child v2
    const s = h.scope();
    const v1 = await s.deploy('call-activity/child-v1.bpmn');
    await s.deploy('call-activity/parent-latest.bpmn');
    const v2 = await s.deploy('call-activity/child-v2.bpmn');
    expect([v1.version, v2.version]).toEqual([1, 2]);

    // when
    await s.create('ca-parent-latest');

    // then
    const childJob = await h.waitForJob(s.type('ca-versioned-v2'));
    expect(childJob.processDefinitionVersion).toBe(2);
    expect(childJob.bpmnProcessId).toBe(s.id('ca-versioned'));
    await h.expectNoJobs(s.type('ca-versioned-v1'), 300);
  });

  it('an unknown called process raises an incident: the call activity does not complete', async () => {
    // given
    const s = h.scope();
    await s.deploy('call-activity/parent-missing-child.bpmn');

    // when
    const parent = await s.create('ca-parent-missing');

    // then
    await h.expectNoJobs(s.type('ca-missing-after'), 1_000);
    const incidents = await h.incidents(parent.processInstanceKey).catch(() => undefined);
    if (incidents !== undefined) {
      expect(incidents).toHaveLength(1);
      expect(incidents[0]).toMatchObject({ type: 'CALLED_ELEMENT_ERROR', elementId: 'call' });
    }
  });
});
