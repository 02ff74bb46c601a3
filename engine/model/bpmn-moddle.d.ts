// Minimal typings for bpmn-moddle 10 (the published @types package describes an older API).
// Only what engine/model uses is declared; parsed elements are read through `moddle-access.ts`.

declare module 'bpmn-moddle' {
  export interface BpmnModdleWarning {
    message: string;
    /** the element the warning is about, when moddle knows it */
    element?: unknown;
    /** the property (e.g. `bpmn:targetRef`) for unresolved references and unknown attributes */
    property?: string;
    value?: unknown;
    error?: Error;
  }

  export interface BpmnModdleFromXmlResult {
    rootElement: unknown;
    warnings: BpmnModdleWarning[];
    elementsById: Record<string, unknown>;
    references: unknown[];
  }

  export class BpmnModdle {
    constructor(packages?: Record<string, unknown>, options?: Record<string, unknown>);
    /** rejects when the document cannot be parsed at all */
    fromXML(xml: string, typeName?: string, options?: Record<string, unknown>): Promise<BpmnModdleFromXmlResult>;
  }
}
