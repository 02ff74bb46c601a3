// Every diagram deploys on the embedded engine through the SDK, carries the Camunda Modeler's
// execution platform, and has diagram interchange for every flow node and sequence flow, laid out
// without overlapping shapes.

import { createRequire } from 'node:module';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { PROCESS_IDS, World, readWorkflow } from './support.js';

const require = createRequire(import.meta.url);
const { BpmnModdle } = require('bpmn-moddle');
const zeebe = require('zeebe-bpmn-moddle/resources/zeebe.json');

interface Bounds { x: number; y: number; width: number; height: number }

async function parse(xml: string) {
  const { rootElement } = await new BpmnModdle({ zeebe }).fromXML(xml);
  return rootElement as any;
}

function flowElementsDeep(container: any): any[] {
  const out: any[] = [];
  for (const el of container.flowElements ?? []) {
    out.push(el);
    if (el.$type === 'bpmn:SubProcess') out.push(...flowElementsDeep(el));
  }
  return out;
}

const overlaps = (a: Bounds, b: Bounds) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const contains = (outer: Bounds, inner: Bounds) =>
  inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;

describe('workflows deploy and render', () => {
  let world: World;

  beforeAll(async () => {
    world = await World.start([]);
  });

  afterAll(async () => {
    await world?.stop();
  });

  it('deploys all four diagrams together through the SDK', async () => {
    // when
    const result = await world.zbc.deployResource({
      name: 'request-lifecycle.bpmn', process: Buffer.from(readWorkflow('request-lifecycle')),
    });
    const others = await Promise.all(
      (['handle-at-level', 'joint-handling', 'supervision-cycle'] as const).map((id) => world.deploy(id)),
    );
    // then
    const ids = [result, ...others].flatMap((d: any) => d.deployments.map((x: any) => x.process?.bpmnProcessId));
    expect(ids.sort()).toEqual([...PROCESS_IDS].sort());
  });

  for (const id of PROCESS_IDS) {
    describe(id, () => {
      it('is named after its process id and targets Camunda 8.8', async () => {
        // given
        const xml = readWorkflow(id);
        const defs = await parse(xml);
        // then
        const processes = defs.rootElements.filter((e: any) => e.$type === 'bpmn:Process');
        expect(processes.map((p: any) => p.id)).toEqual([id]);
        expect(processes[0].isExecutable).toBe(true);
        expect(xml).toContain('xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"');
        expect(xml).toContain('xmlns:modeler="http://camunda.org/schema/modeler/1.0"');
        expect(defs.$attrs['modeler:executionPlatform']).toBe('Camunda Cloud');
        expect(defs.$attrs['modeler:executionPlatformVersion']).toBe('8.8.0');
      });

      it('has a shape for every flow node and an edge for every sequence flow', async () => {
        // given
        const defs = await parse(readWorkflow(id));
        const process = defs.rootElements.find((e: any) => e.$type === 'bpmn:Process');
        const plane = defs.diagrams[0].plane;
        // when
        const shapes = new Map<string, Bounds>();
        const edges = new Map<string, Array<{ x: number; y: number }>>();
        for (const di of plane.planeElement) {
          if (di.$type === 'bpmndi:BPMNShape') shapes.set(di.bpmnElement.id, di.bounds);
          if (di.$type === 'bpmndi:BPMNEdge') edges.set(di.bpmnElement.id, di.waypoint);
        }
        const elements = flowElementsDeep(process);
        // then
        expect(plane.bpmnElement.id).toBe(id);
        const flows = elements.filter((e) => e.$type === 'bpmn:SequenceFlow');
        const nodes = elements.filter((e) => e.$type !== 'bpmn:SequenceFlow');
        expect(nodes.filter((n) => !shapes.has(n.id)).map((n) => n.id)).toEqual([]);
        expect(flows.filter((f) => !edges.has(f.id)).map((f) => f.id)).toEqual([]);
        for (const f of flows) expect(edges.get(f.id)!.length, f.id).toBeGreaterThanOrEqual(2);
        // ids are English, names Chinese
        for (const n of nodes) expect(n.id, n.id).toMatch(/^[a-z][a-z0-9-]*$/);
        for (const n of nodes.filter((n) => /Task|CallActivity|SubProcess/.test(n.$type))) expect(n.name, n.id).toMatch(/[\u4e00-\u9fff]/);
      });

      it('lays out left to right with no overlapping shapes', async () => {
        // given
        const defs = await parse(readWorkflow(id));
        const process = defs.rootElements.find((e: any) => e.$type === 'bpmn:Process');
        const byId = new Map(flowElementsDeep(process).map((e) => [e.id, e]));
        const shapes = defs.diagrams[0].plane.planeElement.filter((d: any) => d.$type === 'bpmndi:BPMNShape');
        // then: a boundary event sits on its host's border, a subprocess contains its children,
        // nothing else overlaps
        for (let i = 0; i < shapes.length; i++) {
          for (let j = i + 1; j < shapes.length; j++) {
            const a = byId.get(shapes[i].bpmnElement.id);
            const b = byId.get(shapes[j].bpmnElement.id);
            if (!overlaps(shapes[i].bounds, shapes[j].bounds)) continue;
            const related = a.attachedToRef?.id === b.id || b.attachedToRef?.id === a.id
              || (a.$type === 'bpmn:SubProcess' && b.$parent === a && contains(shapes[i].bounds, shapes[j].bounds))
              || (b.$type === 'bpmn:SubProcess' && a.$parent === b && contains(shapes[j].bounds, shapes[i].bounds))
              || (a.$type === 'bpmn:SubProcess' && b.attachedToRef?.$parent === a)
              || (b.$type === 'bpmn:SubProcess' && a.attachedToRef?.$parent === b);
            expect(related, `${a.id} overlaps ${b.id}`).toBe(true);
          }
        }
        // the start event is the leftmost shape
        const start = shapes.find((s: any) => s.bpmnElement.$type === 'bpmn:StartEvent' && s.bpmnElement.$parent === process);
        expect(Math.min(...shapes.map((s: any) => s.bounds.x))).toBe(start.bounds.x);
      });
    });
  }
});
