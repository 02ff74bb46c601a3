import { describe, expect, it } from 'vitest';
import { parseBpmn } from './index.js';
import { expectProblem, fixture, parseFixture, problemsOf, trivialCheckExpression } from './test-support.js';

describe('parseBpmn: the document', () => {
  it('reports malformed XML with the parser message and no element id', async () => {
    // given
    const name = 'malformed.bpmn';

    // when
    const problems = await problemsOf(name);

    // then
    expect(problems).toHaveLength(1);
    expect(problems[0]!.elementId).toBeUndefined();
    expect(problems[0]!.message).toContain('malformed BPMN XML');
    expect(problems[0]!.message).toContain('closing tag mismatch');
  });

  it('reports an XML document that is not BPMN', async () => {
    // given
    const name = 'not-bpmn.bpmn';

    // when
    const problems = await problemsOf(name);

    // then
    expectProblem(problems, undefined, 'failed to parse document as <bpmn:Definitions>');
  });

  it('reports an empty resource', async () => {
    // given
    const xml = '';

    // when
    const result = await parseBpmn(xml, { checkExpression: trivialCheckExpression });

    // then
    expect(result.ok).toBe(false);
    if (!result.ok) expectProblem(result.problems, undefined, 'malformed BPMN XML');
  });

  it('rejects a resource without an executable process', async () => {
    // given
    const name = 'no-executable-process.bpmn';

    // when
    const problems = await problemsOf(name);

    // then
    expect(problems).toEqual([
      { elementId: 'Definitions_docs_only', message: 'the resource must contain at least one executable process (isExecutable="true")' },
    ]);
  });

  it('reports what the parser had to drop: unknown elements and attributes, duplicate ids, unresolved references', async () => {
    // given
    const name = 'unreadable-content.bpmn';

    // when
    const problems = await problemsOf(name);

    // then
    expectProblem(problems, 'task', "unknown attribute 'retryPolicy'");
    expectProblem(problems, 'task', "unknown attribute 'zeebe:priority'");
    expectProblem(problems, undefined, 'unknown element <zeebe:RetryBackoff>');
    expectProblem(problems, undefined, 'unknown element <bpmn:MagicTask>');
    expectProblem(problems, 'start', "the id 'start' is used by more than one element");
    expectProblem(problems, 'f2', "the reference 'nowhere' in bpmn:targetRef does not match any element");
    // the unresolved target is reported once, diagram problems and foreign attributes not at all
    expect(problems.filter((p) => p.elementId === 'f2')).toHaveLength(1);
    expect(problems.some((p) => p.message.includes('ghost') || p.message.includes('executionPlatform'))).toBe(false);
    expect(problems).toHaveLength(6);
  });

  it('accepts a typical Camunda Modeler export (diagram, colours, templates, documentation, data stores, annotations)', async () => {
    // given
    const name = 'modeler-export.bpmn';

    // when
    const result = await parseFixture(name);

    // then
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect([...result.processes[0]!.elements.keys()]).toEqual(['Process_1', 'StartEvent_1', 'Task_1', 'UT_1', 'End_1']);
    }
  });

  it('passes FEEL sources without the leading = to the injected checker', async () => {
    // given
    const seen: string[] = [];
    const checkExpression = (source: string): string | undefined => {
      seen.push(source);
      return undefined;
    };

    // when
    const result = await parseBpmn(fixture('service-task.bpmn'), { checkExpression });

    // then
    expect(result.ok).toBe(true);
    expect(seen).toEqual(expect.arrayContaining(['order.total > 1000', 'order.total', 'receipt', '"ship-" + region', 'retryCount']));
    expect(seen.some((source) => source.startsWith('='))).toBe(false);
  });
});
