// Turns the moddle warnings that matter into problems.
// Moddle drops what it cannot read (unknown BPMN or Zeebe elements, attributes it does not know,
// elements whose id is taken, references it cannot resolve) and only warns. Zeebe validates the
// document against the BPMN schema and would reject those, so they become problems here.
// Warnings about diagram interchange (bpmndi/dc/di) never affect execution and are ignored.

import type { BpmnModdleWarning } from 'bpmn-moddle';
import { isElement, nearestId } from './moddle-access.js';
import { oneLine } from './moddle.js';
import type { Problems } from './problems.js';

const IGNORED_PACKAGES = new Set(['bpmndi', 'dc', 'di']);

/** references moddle could not resolve, keyed by `elementId|property` (e.g. `flow1|bpmn:targetRef`) */
export type UnresolvedReferences = ReadonlySet<string>;

export function unresolvedKey(elementId: string | undefined, property: string): string {
  return `${elementId ?? ''}|${property}`;
}

export function reportModdleWarnings(warnings: readonly BpmnModdleWarning[], problems: Problems): UnresolvedReferences {
  const unresolved = new Set<string>();
  for (const warning of warnings) {
    const element = isElement(warning.element) ? warning.element : undefined;
    const pkg = packageOf(warning, element?.$type);
    if (pkg && IGNORED_PACKAGES.has(pkg)) continue;

    const elementId = nearestId(element);
    const message = warning.message;

    const unresolvedMatch = /^unresolved reference <(.*)>$/.exec(message);
    if (unresolvedMatch) {
      const property = warning.property ?? 'a reference';
      unresolved.add(unresolvedKey(elementId, property));
      problems.add(elementId, `the reference '${unresolvedMatch[1]}' in ${property} does not match any element`);
      continue;
    }

    const duplicateMatch = /nested error: duplicate ID <(.*)>/.exec(message);
    if (duplicateMatch) {
      problems.add(duplicateMatch[1], `the id '${duplicateMatch[1]}' is used by more than one element`);
      continue;
    }

    const unknownAttribute = /^unknown attribute <(.*)>$/.exec(message);
    if (unknownAttribute) {
      problems.add(elementId, `unknown attribute '${unknownAttribute[1]}' on ${element?.$type ?? 'an element'}`);
      continue;
    }

    const unknownType = /nested error: unknown type <(.*)>/.exec(message);
    if (unknownType) {
      problems.add(elementId, `unknown element <${unknownType[1]}> (${oneLine(firstLineDetails(message))})`);
      continue;
    }

    problems.add(elementId, `cannot read the BPMN document: ${oneLine(message)}`);
  }
  return unresolved;
}

/** the moddle package a warning is about: from the element's type, or from the type named in the message */
function packageOf(warning: BpmnModdleWarning, elementType: string | undefined): string | undefined {
  if (elementType) return elementType.split(':')[0];
  const named = /unknown type <([^:>]+):/.exec(warning.message);
  return named ? named[1] : undefined;
}

/** "unparsable content <x> detected\n\tline: 3\n\tcolumn: 5\n\tnested error: ..." -> "line: 3, column: 5" */
function firstLineDetails(message: string): string {
  return message
    .split('\n')
    .map((part) => part.trim())
    .filter((part) => part.startsWith('line:') || part.startsWith('column:'))
    .join('\n');
}
