// Multi-instance activities.
// Docs: https://docs.camunda.io/docs/components/modeler/bpmn/multi-instance/
import { describe, expect, it } from 'vitest';
import { expectGrpcError, useHarness } from '../harness.js';

const h = useHarness();

describe('parallel multi-instance', () => {
  it('creates one instance per element with a local inputElement and loopCounter from 1', async () => {
    // given
    const s = h.scope();
    await s.deploy('multi-instance/parallel.bpmn');

    // when
    await s.create('mi-parallel', { items: ['a', 'b', 'c'] });

    // then: all three instances are active at once
    const jobs = await h.waitForJobs(s.type('mi-par-work'), { count: 3 });
    const seen = jobs
      .map((j) => ({ item: j.variables.item, loopCounter: j.variables.loopCounter }))
      .sort((x, y) => (x.loopCounter as number) - (y.loopCounter as number));
    expect(seen).toEqual([
      { item: 'a', loopCounter: 1 },
      { item: 'b', loopCounter: 2 },
      { item: 'c', loopCounter: 3 },
    ]);
    expect(new Set(jobs.map((j) => j.elementInstanceKey)).size).toBe(3);
    for (const j of jobs) expect(j.elementId).toBe('work');
  });

  it('collects the outputCollection in input order even when completed out of order; locals stay inside', async () => {
    // given
    const s = h.scope();
    await s.deploy('multi-instance/parallel.bpmn');
    const result = s.createWithResult('mi-parallel', { items: [10, 20, 30] });
    const jobs = await h.waitForJobs(s.type('mi-par-work'), { count: 3 });

    // when: complete in reverse input order
    const byCounter = [...jobs].sort((x, y) => (y.variables.loopCounter as number) - (x.variables.loopCounter as number));
    for (const job of byCounter) await h.complete(job, { res: (job.variables.item as number) * 2 });

    // then: item, loopCounter and res are local to each instance; results in input order
    expect((await result).variables).toEqual({ items: [10, 20, 30], results: [20, 40, 60] });
  });

  it('an empty input collection completes at once with an empty outputCollection', async () => {
    // given
    const s = h.scope();
    await s.deploy('multi-instance/parallel.bpmn');

    // when
    const res = await s.createWithResult('mi-parallel', { items: [] });

    // then
    expect(res.variables).toEqual({ items: [], results: [] });
  });

  it('a completionCondition on numberOfCompletedInstances ends the body early and terminates the rest', async () => {
    // given: 4 instances, condition numberOfCompletedInstances >= 2
    const s = h.scope();
    await s.deploy('multi-instance/completion-condition.bpmn');
    const result = s.createWithResult('mi-completion', { items: [1, 2, 3, 4] });
    const jobs = await h.waitForJobs(s.type('mi-cc-work'), { count: 4 });
    const ordered = [...jobs].sort((x, y) => (x.variables.loopCounter as number) - (y.variables.loopCounter as number));

    // when
    await h.complete(ordered[0]!, { res: 'one' });
    await h.complete(ordered[2]!, { res: 'three' });

    // then: the instance completed; slots of unfinished instances stay null
    expect((await result).variables).toEqual({ items: [1, 2, 3, 4], results: ['one', null, 'three', null] });
    // and the other instances' jobs were terminated
    await expectGrpcError(h.complete(ordered[1]!, { res: 'two' }), 'NOT_FOUND');
    await expectGrpcError(h.complete(ordered[3]!, { res: 'four' }), 'NOT_FOUND');
  });
});

describe('multi-instance with output mappings', () => {
  it("the inner activity's output mappings write into the inner instance, feeding outputElement", async () => {
    // given: the task maps r to res; outputElement is "= res". Zeebe merges the output mappings
    // of an inner multi-instance activity into its own scope (BpmnVariableMappingBehavior
    // getVariableScopeKey: "an inner multi-instance activity needs to read from/write to its
    // own scope"), so res never reaches the root and each result lands in its slot.
    const s = h.scope();
    await s.deploy('multi-instance/output-mapping.bpmn');
    const result = s.createWithResult('mi-outmap', { items: [1, 2, 3] });
    const jobs = await h.waitForJobs(s.type('mi-outmap-work'), { count: 3 });

    // when
    for (const j of [...jobs].reverse()) await h.complete(j, { r: (j.variables.item as number) * 10 });

    // then
    expect((await result).variables).toEqual({ items: [1, 2, 3], results: [10, 20, 30] });
  });
});

describe('sequential multi-instance', () => {
  it('runs one instance at a time, in input order, with loopCounter from 1', async () => {
    // given
    const s = h.scope();
    await s.deploy('multi-instance/sequential.bpmn');
    const result = s.createWithResult('mi-sequential', { items: ['x', 'y'] });

    // when / then
    const first = await h.waitForJob(s.type('mi-seq-work'));
    expect(first.variables).toMatchObject({ item: 'x', loopCounter: 1 });
    await h.expectNoJobs(s.type('mi-seq-work'), 500);
    await h.complete(first, { res: 'X' });

    const second = await h.waitForJob(s.type('mi-seq-work'));
    expect(second.variables).toMatchObject({ item: 'y', loopCounter: 2 });
    expect(second.elementInstanceKey).not.toBe(first.elementInstanceKey);
    await h.complete(second, { res: 'Y' });

    expect((await result).variables).toEqual({ items: ['x', 'y'], results: ['X', 'Y'] });
  });
});

describe('multi-instance subprocess', () => {
  it('runs the subprocess once per element and collects outputs in input order', async () => {
    // given
    const s = h.scope();
    await s.deploy('multi-instance/subprocess.bpmn');
    const result = s.createWithResult('mi-sub', { items: ['p', 'q'] });
    const jobs = await h.waitForJobs(s.type('mi-sub-work'), { count: 2 });

    // when: the inner job's "res" lands in the inner instance (outputElement makes it local)
    for (const job of [...jobs].reverse()) await h.complete(job, { res: `${job.variables.item as string}!` });

    // then
    expect((await result).variables).toEqual({ items: ['p', 'q'], results: ['p!', 'q!'] });
  });
});

describe('multi-instance call activity', () => {
  it('starts one child per element (with inputElement and loopCounter) and collects mapped outputs in order', async () => {
    // given: the call activity maps childResult to res (docs multi-instance#variable-mappings:
    // the output mapping keeps parallel children from overwriting each other)
    const s = h.scope();
    await s.deploy('multi-instance/call-activity-child.bpmn');
    await s.deploy('multi-instance/call-activity.bpmn');
    const result = s.createWithResult('mi-call', { items: ['a', 'b'] });

    // when
    const jobs = await h.waitForJobs(s.type('mi-call-child-work'), { count: 2 });
    expect(jobs.map((j) => j.variables.item).sort()).toEqual(['a', 'b']);
    for (const j of jobs) {
      expect(j.bpmnProcessId).toBe(s.id('mi-call-child'));
      expect(j.variables.loopCounter).toBe(j.variables.item === 'a' ? 1 : 2);
    }
    for (const j of [...jobs].reverse()) await h.complete(j, { childResult: `${j.variables.item as string}!` });

    // then
    expect((await result).variables).toEqual({ items: ['a', 'b'], results: ['a!', 'b!'] });
  });
});
