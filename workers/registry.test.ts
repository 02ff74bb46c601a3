// The contract test: every service task in workflows/*.bpmn has a handler, every handler serves a
// job type some diagram uses, and the job-type table of workflows/README.md names the same types.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { handlers, jobTypes } from './registry.js';

const WORKFLOWS = fileURLToPath(new URL('../workflows/', import.meta.url));

function taskTypesIn(xml: string): string[] {
  return [...xml.matchAll(/<zeebe:taskDefinition\b[^>]*?\btype="([^"]+)"/g)].map((m) => m[1]!);
}

const diagramTypes = (): Set<string> =>
  new Set(
    readdirSync(WORKFLOWS)
      .filter((f) => f.endsWith('.bpmn'))
      .flatMap((f) => taskTypesIn(readFileSync(join(WORKFLOWS, f), 'utf8'))),
  );

describe('registry', () => {
  it('has a handler for every zeebe:taskDefinition type in workflows/*.bpmn', () => {
    // given
    const types = diagramTypes();

    // when
    const missing = [...types].filter((t) => handlers[t] === undefined);

    // then
    expect(types.size).toBeGreaterThan(0);
    expect(missing).toEqual([]);
  });

  it('has no handler for a job type no diagram uses', () => {
    // given
    const types = diagramTypes();

    // when
    const unused = jobTypes.filter((t) => !types.has(t));

    // then
    expect(unused).toEqual([]);
  });

  it('serves exactly the job types of the contract in workflows/README.md', () => {
    // given
    const readme = readFileSync(join(WORKFLOWS, 'README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('## Job types'));

    // when
    const documented = new Set([...table.matchAll(/^\| `(suqiu\.[a-z.-]+)` \|/gm)].map((m) => m[1]!));

    // then
    expect([...documented].sort()).toEqual([...jobTypes].sort());
  });
});
