// The browser side of render.test.ts: esbuild bundles this file (with bpmn-js and its CSS) into
// a page script, and the test calls `window.renderBpmn(xml)` through Playwright. The viewer
// reads the zeebe moddle extension, as the Camunda Modeler does. The bpmn.io watermark that
// bpmn-js adds (required by its licence) is left as it is; the report says whether it shows.

import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';

import navigatedViewer from 'bpmn-js/lib/NavigatedViewer.js';
import zeebe from 'zeebe-bpmn-moddle/resources/zeebe.json' with { type: 'json' };

/** What importing one diagram gave. */
export interface RenderReport {
  /** the message of the error `importXML` threw, if it did */
  error?: string;
  /** import warnings (unknown elements, unresolved references, elements that could not be drawn) */
  warnings: string[];
  /** every element of the definitions that must have diagram interchange: `type id` */
  expected: string[];
  /** ids of the shapes and connections in the canvas (elementRegistry) */
  rendered: string[];
  /** expected ids without a shape or connection in the canvas */
  missing: string[];
  /** expected ids whose shape or connection is in the canvas but draws nothing (empty bounding box) */
  blank: string[];
  /** the canvas viewbox after fitting the diagram to the viewport */
  viewbox: { width: number; height: number; innerWidth: number; innerHeight: number };
  /** the bpmn.io watermark: in the page, visible, linking to bpmn.io */
  watermark: { present: boolean; visible: boolean; href: string | null };
}

declare global {
  interface Window {
    renderBpmn: (xml: string) => Promise<RenderReport>;
  }
}

/**
 * The semantic elements that a complete diagram draws: flow elements (recursively into
 * subprocesses), lanes, artifacts, participants and message flows. A data object has no DI of its
 * own (its references do), and a process inside a collaboration is drawn as its participant.
 */
function elementsNeedingDi(definitions: any): any[] {
  const found: any[] = [];
  const lanes = (laneSet: any) => {
    for (const lane of laneSet?.lanes ?? []) {
      found.push(lane);
      lanes(lane.childLaneSet);
    }
  };
  const container = (element: any) => {
    for (const laneSet of element.laneSets ?? []) lanes(laneSet);
    for (const flowElement of element.flowElements ?? []) {
      if (flowElement.$instanceOf('bpmn:DataObject')) continue;
      found.push(flowElement);
      container(flowElement);
    }
    found.push(...(element.artifacts ?? []));
  };
  for (const root of definitions.rootElements ?? []) {
    if (root.$instanceOf('bpmn:Process')) container(root);
    if (root.$instanceOf('bpmn:Collaboration')) {
      found.push(...(root.participants ?? []), ...(root.messageFlows ?? []), ...(root.artifacts ?? []));
    }
  }
  return found;
}

// bpmn-js's package.json does not say "type": "module", so tsc (NodeNext) types its ES modules as
// CommonJS, where the default import is the module and the class its `default`; esbuild, which
// bundles this file, hands over the class itself.
const NavigatedViewer = ((navigatedViewer as any).default ?? navigatedViewer) as typeof navigatedViewer.default;
let viewer: InstanceType<typeof NavigatedViewer> | undefined;

window.renderBpmn = async (xml: string): Promise<RenderReport> => {
  viewer?.destroy();
  viewer = new NavigatedViewer({ container: '#canvas', moddleExtensions: { zeebe } });

  let warnings: string[];
  try {
    const result = await viewer.importXML(xml);
    warnings = result.warnings.map((w: any) => String(w.message ?? w));
  } catch (error: any) {
    return {
      error: String(error?.message ?? error),
      warnings: (error?.warnings ?? []).map((w: any) => String(w.message ?? w)),
      expected: [], rendered: [], missing: [], blank: [],
      viewbox: { width: 0, height: 0, innerWidth: 0, innerHeight: 0 },
      watermark: { present: false, visible: false, href: null },
    };
  }

  const canvas = viewer.get<any>('canvas');
  const registry = viewer.get<any>('elementRegistry');
  canvas.zoom('fit-viewport');
  const box = canvas.viewbox();

  const expected = elementsNeedingDi(viewer.getDefinitions());
  const rendered: string[] = registry.getAll().map((e: any) => e.id);
  const missing: string[] = [];
  const blank: string[] = [];
  for (const element of expected) {
    const gfx = registry.getGraphics(element.id) as SVGGraphicsElement | undefined;
    if (!gfx) missing.push(element.id);
    else {
      const bbox = gfx.getBBox();
      if (bbox.width + bbox.height <= 0) blank.push(element.id);
    }
  }

  const link = document.querySelector<HTMLAnchorElement>('#canvas .bjs-powered-by');
  let visible = false;
  if (link) {
    const style = getComputedStyle(link);
    const rect = link.getBoundingClientRect();
    visible = style.display !== 'none' && style.visibility !== 'hidden' && Number(style.opacity) > 0
      && rect.width > 0 && rect.height > 0
      && rect.right <= window.innerWidth && rect.bottom <= window.innerHeight && rect.left >= 0 && rect.top >= 0;
  }

  return {
    warnings,
    expected: expected.map((e) => `${e.$type} ${e.id}`),
    rendered,
    missing,
    blank,
    viewbox: { width: box.width, height: box.height, innerWidth: box.inner.width, innerHeight: box.inner.height },
    watermark: { present: link !== null, visible, href: link?.getAttribute('href') ?? null },
  };
};
