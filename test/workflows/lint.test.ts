// Every diagram passes bpmnlint with Camunda 8.8's compatibility rules (the same rules the
// Camunda Modeler applies), with no errors and no warnings.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { PROCESS_IDS, WORKFLOWS_DIR, readWorkflow } from './support.js';

const require = createRequire(import.meta.url);
const Linter = require('bpmnlint/lib/linter');
const NodeResolver = require('bpmnlint/lib/resolver/node-resolver');
const { BpmnModdle } = require('bpmn-moddle');
const zeebe = require('zeebe-bpmn-moddle/resources/zeebe.json');

interface Report { id?: string; message: string; category: string }

async function lint(xml: string): Promise<Report[]> {
  const config = JSON.parse(readFileSync(join(WORKFLOWS_DIR, '.bpmnlintrc'), 'utf8'));
  // the zeebe extension is what lets the rules see zeebe:* properties at all
  const moddle = new BpmnModdle({ zeebe });
  const { rootElement, warnings } = await moddle.fromXML(xml);
  expect(warnings.map((w: Error) => w.message), 'moddle import warnings').toEqual([]);
  const linter = new Linter({ config: { extends: config.extends }, resolver: new NodeResolver({ require }) });
  const results: Record<string, Report[]> = await linter.lint(rootElement);
  return Object.entries(results).flatMap(([rule, reports]) => reports.map((r) => ({ ...r, message: `${rule}: ${r.id ?? ''} ${r.message}` })));
}

describe('workflows lint clean against camunda-cloud-8-8', () => {
  it('the .bpmnlintrc extends the Camunda 8.8 rule set with the zeebe moddle extension', () => {
    // given
    const config = JSON.parse(readFileSync(join(WORKFLOWS_DIR, '.bpmnlintrc'), 'utf8'));
    // then
    expect(config.extends).toEqual(['plugin:camunda-compat/camunda-cloud-8-8']);
    expect(require('bpmnlint-plugin-camunda-compat').configs['camunda-cloud-8-8']).toBeDefined();
    expect(config.moddleExtensions.zeebe).toBe('zeebe-bpmn-moddle/resources/zeebe.json');
  });

  it('the linter does see problems (sanity: a user task without zeebe:userTask is flagged)', async () => {
    // given
    const broken = readWorkflow('supervision-cycle').replace('<zeebe:userTask />', '');
    // when
    const reports = await lint(broken);
    // then
    expect(reports.length).toBeGreaterThan(0);
  });

  for (const id of PROCESS_IDS) {
    it(`${id}.bpmn has zero errors and zero warnings`, async () => {
      // given
      const xml = readWorkflow(id);
      // when
      const reports = await lint(xml);
      // then
      expect(reports.filter((r) => r.category === 'error').map((r) => r.message)).toEqual([]);
      expect(reports.filter((r) => r.category === 'warn').map((r) => r.message)).toEqual([]);
      expect(reports.map((r) => `${r.category} ${r.message}`)).toEqual([]);
    });
  }
});
