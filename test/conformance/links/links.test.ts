// Link events: a link throw event continues at the link catch event of the same name in the
// same scope ("off-page connectors"). Deployment checks the pairs.
// Docs: https://docs.camunda.io/docs/components/modeler/bpmn/link-events/
import { describe, expect, it } from 'vitest';
import { expectGrpcError, useHarness } from '../harness.js';

const h = useHarness();

describe('link events', () => {
  it('a throw link continues at the catch link of the same name, twice in a row, to the end', async () => {
    // given
    const s = h.scope();
    await s.deploy('links/chain.bpmn');

    // when
    const result = s.createWithResult('link-chain', { x: 1 });

    // then
    const step = await h.waitForJob(s.type('link-step'));
    expect(step.elementId).toBe('step');
    expect(step.variables).toEqual({ x: 1 });
    await h.complete(step, { y: 2 });
    const finish = await h.waitForJob(s.type('link-finish'));
    expect(finish.variables).toEqual({ x: 1, y: 2 });
    await h.complete(finish);
    expect((await result).variables).toEqual({ x: 1, y: 2 });
  });

  it('several throw links may lead to one catch link: each token arrives there', async () => {
    // given: two parallel paths throw "merge"
    const s = h.scope();
    await s.deploy('links/many-to-one.bpmn');

    // when
    const result = s.createWithResult('link-many', {});

    // then: the catch event is passed twice (no join)
    const jobs = await h.waitForJobs(s.type('link-merged'), { count: 2 });
    expect(jobs.map((j) => j.elementId)).toEqual(['after', 'after']);
    for (const job of jobs) await h.complete(job);
    await result;
  });
});

describe('link event deployment rules', () => {
  it('deploy rejects a throw link without a catch link of that name', async () => {
    const s = h.scope();
    // when / then
    await expectGrpcError(s.deploy('links/invalid-no-catch.bpmn'), 'INVALID_ARGUMENT', ['nowhere']);
  });

  it('deploy rejects a throw link whose catch link is in another scope (a subprocess)', async () => {
    const s = h.scope();
    // when / then
    await expectGrpcError(s.deploy('links/invalid-other-scope.bpmn'), 'INVALID_ARGUMENT');
  });

  it('deploy rejects two catch links with the same name in one scope', async () => {
    const s = h.scope();
    // when / then
    await expectGrpcError(s.deploy('links/invalid-duplicate-catch.bpmn'), 'INVALID_ARGUMENT');
  });
});
