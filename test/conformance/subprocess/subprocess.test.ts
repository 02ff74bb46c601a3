// Embedded subprocesses: scopes, input mappings as locals, output mappings.
// Docs: https://docs.camunda.io/docs/components/modeler/bpmn/embedded-subprocesses/
//       https://docs.camunda.io/docs/components/concepts/variables/#variable-scopes
import { describe, expect, it } from 'vitest';
import { useHarness } from '../harness.js';

const h = useHarness();

describe('embedded subprocess', () => {
  it('input mappings create locals of the subprocess, visible to the inner task', async () => {
    // given
    const s = h.scope();
    await s.deploy('subprocess/embedded.bpmn');

    // when
    await s.create('sub-embedded', { a: 21 });

    // then: the inner job sees the subprocess local and the root variable
    const inner = await h.waitForJob(s.type('sub-inner'));
    expect(inner.elementId).toBe('inner');
    expect(inner.variables).toEqual({ a: 21, local: 42 });
  });

  it('output mappings propagate the mapped value; the subprocess locals stay behind', async () => {
    // given
    const s = h.scope();
    await s.deploy('subprocess/embedded.bpmn');
    const result = s.createWithResult('sub-embedded', { a: 21 });

    // when
    await h.complete(await h.waitForJob(s.type('sub-inner')));

    // then: after the subprocess, fromSub = local + 1 exists, local does not
    const after = await h.waitForJob(s.type('sub-after'));
    expect(after.variables).toEqual({ a: 21, fromSub: 43 });
    await h.complete(after);
    expect((await result).variables).toEqual({ a: 21, fromSub: 43 });
  });

  it('a new variable from a job completion inside the subprocess is created at the root', async () => {
    // given: propagation goes up to the first scope holding the name, else to the root
    // (concepts/variables#variable-propagation); the subprocess only holds "local"
    const s = h.scope();
    await s.deploy('subprocess/embedded.bpmn');
    const result = s.createWithResult('sub-embedded', { a: 1 });

    // when
    await h.complete(await h.waitForJob(s.type('sub-inner')), { fromJob: 'x' });

    // then
    const after = await h.waitForJob(s.type('sub-after'));
    expect(after.variables).toEqual({ a: 1, fromSub: 3, fromJob: 'x' });
    await h.complete(after);
    expect((await result).variables).toEqual({ a: 1, fromSub: 3, fromJob: 'x' });
  });
});
