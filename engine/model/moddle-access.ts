// Typed, read-only access to the element tree that bpmn-moddle produces.
// Moddle elements are plain objects with a `$type` ("bpmn:ServiceTask", "zeebe:TaskDefinition", ...),
// their properties, `$attrs` for foreign attributes and `$parent`. Everything is narrowed here so
// the rest of the model code never touches `any`.

export interface MElement {
  readonly $type: string;
  readonly $parent?: MElement;
  readonly $attrs?: Readonly<Record<string, string>>;
  readonly [property: string]: unknown;
}

export function isElement(value: unknown): value is MElement {
  return typeof value === 'object' && value !== null && typeof (value as { $type?: unknown }).$type === 'string';
}

export function idOf(el: MElement | undefined): string | undefined {
  return str(el, 'id');
}

/** the id of a referenced element (e.g. `attachedToRef`) */
export function refId(el: MElement | undefined, property: string): string | undefined {
  return idOf(ref(el, property));
}

/** a string property, or undefined */
export function str(el: MElement | undefined, property: string): string | undefined {
  const value = el?.[property];
  return typeof value === 'string' ? value : undefined;
}

/** a string property only when the attribute is written in the document (not a schema default) */
export function ownStr(el: MElement | undefined, property: string): string | undefined {
  return el !== undefined && Object.prototype.hasOwnProperty.call(el, property) ? str(el, property) : undefined;
}

/** a boolean property (moddle applies the schema default when the attribute is absent) */
export function bool(el: MElement | undefined, property: string): boolean | undefined {
  const value = el?.[property];
  return typeof value === 'boolean' ? value : undefined;
}

/** a resolved reference (e.g. `messageRef`); undefined when absent or unresolvable */
export function ref(el: MElement | undefined, property: string): MElement | undefined {
  const value = el?.[property];
  return isElement(value) ? value : undefined;
}

/** a many-valued property (e.g. `flowElements`), always an array */
export function list(el: MElement | undefined, property: string): MElement[] {
  const value = el?.[property];
  return Array.isArray(value) ? value.filter(isElement) : [];
}

/** the text body of a child such as `conditionExpression` or `timeDuration` (untrimmed) */
export function body(el: MElement | undefined, property: string): string | undefined {
  const child = ref(el, property);
  if (!child) return undefined;
  const text = child['body'];
  return typeof text === 'string' ? text : '';
}

/** the local part of a type name: `bpmn:ServiceTask` -> `serviceTask` */
export function localTypeName(type: string): string {
  const local = type.includes(':') ? type.slice(type.indexOf(':') + 1) : type;
  return local.charAt(0).toLowerCase() + local.slice(1);
}

/** all extension elements of one type, e.g. `extensions(task, 'zeebe:TaskDefinition')` */
export function extensions(el: MElement | undefined, type: string): MElement[] {
  return list(ref(el, 'extensionElements'), 'values').filter((value) => value.$type === type);
}

/** all extension elements of an element */
export function allExtensions(el: MElement | undefined): MElement[] {
  return list(ref(el, 'extensionElements'), 'values');
}

/** the first extension element of one type */
export function extension(el: MElement | undefined, type: string): MElement | undefined {
  return extensions(el, type)[0];
}

/** the id of the element itself or of its nearest ancestor that has one */
export function nearestId(el: MElement | undefined): string | undefined {
  for (let current = el; current; current = current.$parent) {
    const id = idOf(current);
    if (id) return id;
  }
  return undefined;
}

/** the event definitions of an event, in document order */
export function eventDefinitions(el: MElement): MElement[] {
  return list(el, 'eventDefinitions');
}
