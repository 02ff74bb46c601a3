// Every diagram in workflows/ renders in bpmn-js, in a real headless Chromium (Debian's
// /usr/bin/chromium, driven by playwright-core): the import gives no warnings, every element of
// the process (tasks, events, gateways, subprocesses, sequence flows, boundary events,
// participants, ...) has a shape or connection in the canvas, the canvas has a size, and the
// bpmn.io watermark shows. The page script is test/workflows/render-page.ts, bundled by esbuild.
// Screenshots for humans go to .scratch/render/ (not checked).

import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { RenderReport } from './render-page.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const WORKFLOWS_DIR = join(ROOT, 'workflows');
const SCREENSHOTS_DIR = join(ROOT, '.scratch', 'render');
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const DIAGRAMS = readdirSync(WORKFLOWS_DIR).filter((f) => f.endsWith('.bpmn')).sort();

const inCi = Boolean(process.env.CI) && process.env.CI !== 'false';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && !inCi) {
  console.warn(`SKIPPED test/workflows/render.test.ts: ${CHROMIUM} not found (install Debian's chromium: apt-get install chromium). In CI (CI set) this fails instead.`);
}

/** The page script and bpmn-js's CSS, bundled in memory. */
async function bundlePage(): Promise<{ js: string; css: string }> {
  const result = await build({
    entryPoints: [join(HERE, 'render-page.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    outdir: join(ROOT, '.scratch', 'render', 'bundle'),
    logLevel: 'silent',
  });
  const text = (ext: string) => result.outputFiles.filter((f) => f.path.endsWith(ext)).map((f) => f.text).join('\n');
  return { js: text('.js'), css: text('.css') };
}

/** A task between a start and an end event, where the task has no BPMNShape (its flows do have edges). */
const TASK_WITHOUT_SHAPE = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" id="defs" targetNamespace="https://example.org/render">
  <bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:task id="check" name="检查"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:task>
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="check" />
    <bpmn:sequenceFlow id="f2" sourceRef="check" targetRef="end" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="d">
    <bpmndi:BPMNPlane id="plane" bpmnElement="p">
      <bpmndi:BPMNShape id="start_di" bpmnElement="start"><dc:Bounds x="100" y="100" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="end_di" bpmnElement="end"><dc:Bounds x="400" y="100" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNEdge id="f1_di" bpmnElement="f1"><di:waypoint x="136" y="118" /><di:waypoint x="200" y="118" /></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="f2_di" bpmnElement="f2"><di:waypoint x="300" y="118" /><di:waypoint x="400" y="118" /></bpmndi:BPMNEdge>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>`;

/** A start and an end event with a flow between them, and a task on its own, without a BPMNShape. */
const LONE_TASK_WITHOUT_SHAPE = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" id="defs" targetNamespace="https://example.org/render">
  <bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:task id="check" name="检查" />
    <bpmn:endEvent id="end"><bpmn:incoming>f1</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="end" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="d">
    <bpmndi:BPMNPlane id="plane" bpmnElement="p">
      <bpmndi:BPMNShape id="start_di" bpmnElement="start"><dc:Bounds x="100" y="100" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="end_di" bpmnElement="end"><dc:Bounds x="400" y="100" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNEdge id="f1_di" bpmnElement="f1"><di:waypoint x="136" y="118" /><di:waypoint x="400" y="118" /></bpmndi:BPMNEdge>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>`;

describe.skipIf(!haveChromium && !inCi)('workflows render in bpmn-js (headless Chromium)', { timeout: 60_000 }, () => {
  let browser: Browser | undefined;
  let page: Page;
  const pageErrors: string[] = [];

  const render = (xml: string): Promise<RenderReport> => page.evaluate((x) => window.renderBpmn(x), xml);

  beforeAll(async () => {
    if (!haveChromium) {
      throw new Error(`${CHROMIUM} is missing: the bpmn-js rendering check needs Debian's chromium (.ci/run installs it with apt-get)`);
    }
    const [bundle, launched] = await Promise.all([
      bundlePage(),
      chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS }),
    ]);
    browser = launched;
    page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body style="margin:0"><div id="canvas" style="width:1600px;height:900px"></div></body></html>');
    await page.addStyleTag({ content: bundle.css });
    await page.addScriptTag({ content: bundle.js });
    mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('finds the diagrams', () => {
    expect(DIAGRAMS.length).toBeGreaterThanOrEqual(4);
  });

  for (const file of DIAGRAMS) {
    it(`${file} imports without warnings and draws every element, with the bpmn.io watermark`, async () => {
      // given
      const xml = readFileSync(join(WORKFLOWS_DIR, file), 'utf8');
      // when
      const report = await render(xml);
      await page.screenshot({ path: join(SCREENSHOTS_DIR, file.replace(/\.bpmn$/, '.png')) });
      // then
      expect(report.error, 'importXML error').toBeUndefined();
      expect(report.warnings, 'import warnings').toEqual([]);
      expect(report.expected.length).toBeGreaterThan(0);
      expect(report.missing, 'elements without a shape or connection (missing DI)').toEqual([]);
      expect(report.blank, 'elements that draw nothing').toEqual([]);
      expect(report.viewbox.innerWidth).toBeGreaterThan(0);
      expect(report.viewbox.innerHeight).toBeGreaterThan(0);
      expect(report.viewbox.width).toBeGreaterThan(0);
      expect(report.watermark).toEqual({ present: true, visible: true, href: 'http://bpmn.io' });
      expect(pageErrors).toEqual([]);
    });
  }

  it('reports a task that has no BPMNShape as missing (and the flows to and from it with it)', async () => {
    // given
    const xml = TASK_WITHOUT_SHAPE;
    // when
    const report = await render(xml);
    // then
    expect(report.error).toBeUndefined();
    expect(report.expected).toEqual(['bpmn:StartEvent start', 'bpmn:Task check', 'bpmn:EndEvent end', 'bpmn:SequenceFlow f1', 'bpmn:SequenceFlow f2']);
    expect(report.missing).toEqual(['check', 'f1', 'f2']);
    expect(report.rendered).toEqual(['p', 'start', 'end']);
    expect(report.warnings).toHaveLength(2);
    expect(report.warnings.every((w) => w.includes('id="check"'))).toBe(true);
  });

  it('reports a task without a shape even when the import is silent about it (no flows)', async () => {
    // given: the start and end event are connected; the lone task has no shape and no flows
    const xml = LONE_TASK_WITHOUT_SHAPE;
    // when
    const report = await render(xml);
    // then: bpmn-js imports it without a word, only the DI check sees the task is not drawn
    expect(report.error).toBeUndefined();
    expect(report.warnings).toEqual([]);
    expect(report.missing).toEqual(['check']);
  });

  it('reports a shape removed from a real diagram as missing', async () => {
    // given: request-lifecycle without the shape of the user task `screen`
    const xml = readFileSync(join(WORKFLOWS_DIR, 'request-lifecycle.bpmn'), 'utf8');
    const broken = xml.replace(/<bpmndi:BPMNShape id="screen_di"[\s\S]*?<\/bpmndi:BPMNShape>\s*/, '');
    expect(broken).not.toEqual(xml);
    // when
    const report = await render(broken);
    // then
    expect(report.missing).toEqual(['screen', 'f-register-screen', 'f-screen-valid']);
  });
});
