// Loads bpmn-moddle with the Zeebe extension and reads a BPMN document into a moddle tree.

import { createRequire } from 'node:module';
import { BpmnModdle, type BpmnModdleWarning } from 'bpmn-moddle';
import { isElement, type MElement } from './moddle-access.js';

const require = createRequire(import.meta.url);
const zeebeSchema: unknown = require('zeebe-bpmn-moddle/resources/zeebe.json');

let moddle: BpmnModdle | undefined;

function getModdle(): BpmnModdle {
  moddle ??= new BpmnModdle({ zeebe: zeebeSchema });
  return moddle;
}

export type ReadResult =
  | { ok: true; definitions: MElement; warnings: BpmnModdleWarning[] }
  | { ok: false; message: string };

/** Parses the XML. A document that is not well-formed BPMN yields `ok: false` with the parser's message. */
export async function readBpmnXml(xml: string): Promise<ReadResult> {
  try {
    const { rootElement, warnings } = await getModdle().fromXML(xml, 'bpmn:Definitions');
    if (!isElement(rootElement) || rootElement.$type !== 'bpmn:Definitions') {
      return { ok: false, message: 'the document is not a BPMN definitions document' };
    }
    return { ok: true, definitions: rootElement, warnings };
  } catch (error) {
    return { ok: false, message: parseFailureMessage(error) };
  }
}

function parseFailureMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const details = (error as { warnings?: BpmnModdleWarning[] } | null)?.warnings ?? [];
  const detail = details.map((warning) => warning.message).filter((text) => text && text !== message);
  return ['malformed BPMN XML: ' + oneLine(message), ...detail.map(oneLine)].join('; ');
}

/** moddle messages span several lines ("...\n\tline: 3\n\tcolumn: 7\n\tnested error: ...") */
export function oneLine(message: string): string {
  return message
    .split('\n')
    .map((part) => part.trim())
    .filter(Boolean)
    .join(', ');
}
