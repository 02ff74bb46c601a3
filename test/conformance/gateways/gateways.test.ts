// Gateways: exclusive, parallel, inclusive.
// Docs: https://docs.camunda.io/docs/components/modeler/bpmn/exclusive-gateways/
//       https://docs.camunda.io/docs/components/modeler/bpmn/parallel-gateways/
//       https://docs.camunda.io/docs/components/modeler/bpmn/inclusive-gateways/
import { describe, expect, it } from 'vitest';
import { itNeedsInspect, useHarness } from '../harness.js';

const h = useHarness();

describe('exclusive gateway', () => {
  it('takes the first flow (in XML order) whose condition holds', async () => {
    // given: x = 5 satisfies both "x > 0" (first) and "x > 1" (second)
    const s = h.scope();
    await s.deploy('gateways/exclusive-default.bpmn');

    // when
    await s.create('gw-xor-default', { x: 5 });

    // then
    const job = await h.waitForJob(s.type('gw-xor-a'));
    expect(job.elementId).toBe('a');
    await h.expectNoJobs(s.type('gw-xor-b'), 500);
    await h.expectNoJobs(s.type('gw-xor-c'), 100);
  });

  it('takes the default flow when no condition holds', async () => {
    // given
    const s = h.scope();
    await s.deploy('gateways/exclusive-default.bpmn');

    // when
    await s.create('gw-xor-default', { x: 0 });

    // then
    expect((await h.waitForJob(s.type('gw-xor-c'))).elementId).toBe('c');
    await h.expectNoJobs(s.type('gw-xor-a'), 500);
    await h.expectNoJobs(s.type('gw-xor-b'), 100);
  });

  it('with no true condition and no default flow, the instance stops (incident) and takes no flow', async () => {
    // given
    const s = h.scope();
    await s.deploy('gateways/exclusive-no-default.bpmn');

    // when
    const created = await s.create('gw-xor-no-default', { x: 0 });

    // then
    await h.expectNoJobs(s.type('gw-xor-nd-a'), 1_000);
    await h.expectNoJobs(s.type('gw-xor-nd-b'), 100);
    const incidents = await h.incidents(created.processInstanceKey).catch(() => undefined);
    if (incidents !== undefined) {
      expect(incidents).toHaveLength(1);
      expect(incidents[0]).toMatchObject({ type: 'CONDITION_ERROR', elementId: 'xor' });
    }
  });

  itNeedsInspect('the no-match incident is resolved after SetVariables: the gateway is evaluated again', async () => {
    // Docs: components/concepts/incidents/ (fix the data, then resolve the incident)
    // given
    const s = h.scope();
    await s.deploy('gateways/exclusive-no-default.bpmn');
    const created = await s.create('gw-xor-no-default', { x: 0 });
    const [incident] = await h.waitForIncidents(created.processInstanceKey);
    expect(incident).toMatchObject({ type: 'CONDITION_ERROR', elementId: 'xor' });

    // when
    await h.zbc.setVariables({ elementInstanceKey: created.processInstanceKey, variables: { x: 3 }, local: false });
    await h.zbc.resolveIncident({ incidentKey: incident!.key });

    // then
    expect((await h.waitForJob(s.type('gw-xor-nd-a'))).elementId).toBe('a');
    expect(await h.incidents(created.processInstanceKey)).toEqual([]);
  });
});

describe('parallel gateway', () => {
  it('forks into every outgoing flow; the join waits for all incoming flows, then continues once', async () => {
    // given
    const s = h.scope();
    await s.deploy('gateways/parallel.bpmn');
    const result = s.createWithResult('gw-parallel');

    // when: both branches are active at once
    const a = await h.waitForJob(s.type('gw-and-a'));
    const b = await h.waitForJob(s.type('gw-and-b'));
    await h.complete(a, { fromA: 1 });

    // then: the join still waits for b
    await h.expectNoJobs(s.type('gw-and-after'), 1_000);

    // when
    await h.complete(b, { fromB: 2 });

    // then: exactly one token continues
    const after = await h.waitForJob(s.type('gw-and-after'));
    expect(after.variables).toEqual({ fromA: 1, fromB: 2 });
    await h.expectNoJobs(s.type('gw-and-after'), 500);
    await h.complete(after);
    expect((await result).variables).toEqual({ fromA: 1, fromB: 2 });
  });
});

describe('inclusive gateway', () => {
  it('fork takes every flow whose condition holds', async () => {
    // given: x = 20 satisfies "x > 0" and "x > 10"
    const s = h.scope();
    await s.deploy('gateways/inclusive-fork.bpmn');

    // when
    await s.create('gw-or-fork', { x: 20 });

    // then
    expect((await h.waitForJob(s.type('gw-or-a'))).elementId).toBe('a');
    expect((await h.waitForJob(s.type('gw-or-b'))).elementId).toBe('b');
    await h.expectNoJobs(s.type('gw-or-c'), 500);
  });

  it('fork takes only the flows whose condition holds (one of two)', async () => {
    // given
    const s = h.scope();
    await s.deploy('gateways/inclusive-fork.bpmn');

    // when
    await s.create('gw-or-fork', { x: 5 });

    // then
    expect((await h.waitForJob(s.type('gw-or-a'))).elementId).toBe('a');
    await h.expectNoJobs(s.type('gw-or-b'), 500);
    await h.expectNoJobs(s.type('gw-or-c'), 100);
  });

  it('fork takes the default flow when no condition holds', async () => {
    // given
    const s = h.scope();
    await s.deploy('gateways/inclusive-fork.bpmn');

    // when
    await s.create('gw-or-fork', { x: 0 });

    // then
    expect((await h.waitForJob(s.type('gw-or-c'))).elementId).toBe('c');
    await h.expectNoJobs(s.type('gw-or-a'), 500);
    await h.expectNoJobs(s.type('gw-or-b'), 100);
  });

  it('join waits only for the flows that were taken (one branch taken)', async () => {
    // given: only "x > 0" holds, so the join must not wait for branch b
    const s = h.scope();
    await s.deploy('gateways/inclusive-join.bpmn');
    const result = s.createWithResult('gw-or-join', { x: 5 });

    // when
    await h.complete(await h.waitForJob(s.type('gw-orj-a')), { fromA: true });

    // then
    const after = await h.waitForJob(s.type('gw-orj-after'));
    await h.complete(after);
    expect((await result).variables).toEqual({ x: 5, fromA: true });
  });

  it('join waits for every taken flow (two branches taken), then continues once', async () => {
    // given
    const s = h.scope();
    await s.deploy('gateways/inclusive-join.bpmn');
    const result = s.createWithResult('gw-or-join', { x: 20 });
    const a = await h.waitForJob(s.type('gw-orj-a'));
    const b = await h.waitForJob(s.type('gw-orj-b'));

    // when
    await h.complete(a, { fromA: true });

    // then
    await h.expectNoJobs(s.type('gw-orj-after'), 1_000);

    // when
    await h.complete(b, { fromB: true });

    // then
    const after = await h.waitForJob(s.type('gw-orj-after'));
    await h.expectNoJobs(s.type('gw-orj-after'), 500);
    await h.complete(after);
    expect((await result).variables).toEqual({ x: 20, fromA: true, fromB: true });
  });

});
