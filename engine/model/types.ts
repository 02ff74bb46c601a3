// The executable model: what the runtime needs from a BPMN process, already validated.
// Built once per deployed process by `parseBpmn` and treated as immutable afterwards.

/** A Zeebe property value: either a static string or a FEEL expression (`=` stripped). */
export type Expr = { kind: 'static'; value: string } | { kind: 'feel'; source: string };

/** `zeebe:input` / `zeebe:output`: `target` is a variable name or a path like `a.b`. */
export interface Mapping {
  /** FEEL source without the leading `=`. A static source (no `=`) is turned into a FEEL string literal. */
  source: string;
  target: string;
}

export type ElementType =
  | 'process'
  | 'startEvent'
  | 'endEvent'
  | 'intermediateThrowEvent'
  | 'intermediateCatchEvent'
  | 'boundaryEvent'
  | 'serviceTask'
  | 'sendTask'
  | 'businessRuleTask'
  | 'scriptTask'
  | 'userTask'
  | 'receiveTask'
  | 'manualTask'
  | 'task'
  | 'exclusiveGateway'
  | 'parallelGateway'
  | 'inclusiveGateway'
  | 'eventBasedGateway'
  | 'subProcess'
  | 'callActivity';

export type EventDefinition =
  | { kind: 'none' }
  | { kind: 'terminate' }
  /** errorCode undefined = catch-all (catch events only). On throw events the code may be an expression. */
  | { kind: 'error'; errorCode?: Expr; errorCodeVariable?: string; errorMessageVariable?: string }
  | { kind: 'escalation'; escalationCode?: Expr; escalationCodeVariable?: string }
  | { kind: 'message'; messageName: Expr; correlationKey?: Expr }
  /** exactly one of the three is set */
  | { kind: 'timer'; timeDate?: Expr; timeDuration?: Expr; timeCycle?: Expr }
  | { kind: 'signal'; signalName: Expr }
  | { kind: 'link'; linkName: string };

export interface JobDefinition {
  type: Expr;
  /** default '3' */
  retries: Expr;
}

export interface UserTaskDefinition {
  /** true for `zeebe:userTask` (Camunda user task); false = job-worker user task (type io.camunda.zeebe:userTask). */
  camundaUserTask: boolean;
  assignee?: Expr;
  /** FEEL list of strings or static comma-separated list */
  candidateGroups?: Expr;
  candidateUsers?: Expr;
  dueDate?: Expr;
  followUpDate?: Expr;
  formKey?: string;
  formId?: string;
  /** static external form reference (Camunda user tasks) */
  externalFormReference?: string;
  /** FEEL source (without `=`) when the external form reference is an expression; then `externalFormReference` is unset */
  externalFormReferenceExpression?: string;
  /** how `formId` is resolved (`zeebe:formDefinition bindingType`, default 'latest'); set only with `formId` */
  formBindingType?: 'latest' | 'deployment' | 'versionTag';
  /** the form version tag for `formBindingType` 'versionTag' */
  formVersionTag?: string;
  /** Camunda user tasks only (`zeebe:priorityDefinition`) */
  priority?: Expr;
}

export interface MultiInstanceDefinition {
  sequential: boolean;
  /** FEEL source without `=` */
  inputCollection: string;
  inputElement?: string;
  outputCollection?: string;
  /** FEEL source without `=` */
  outputElement?: string;
  /** FEEL source without `=` */
  completionCondition?: string;
}

export interface CalledElementDefinition {
  processId: Expr;
  /** default true */
  propagateAllChildVariables: boolean;
  /** default true */
  propagateAllParentVariables: boolean;
  /** 'latest' (default), 'deployment' or 'versionTag' */
  bindingType: 'latest' | 'deployment' | 'versionTag';
  versionTag?: string;
}

export interface ScriptDefinition {
  /** FEEL source without `=` */
  expression: string;
  resultVariable: string;
}

export interface ElementModel {
  id: string;
  name?: string;
  type: ElementType;
  /** id of the enclosing flow scope (the process or a subprocess); undefined for the process itself */
  flowScopeId?: string;
  /** ids of incoming / outgoing sequence flows, in document order */
  incoming: string[];
  outgoing: string[];
  /** gateways and activities: id of the default sequence flow */
  defaultFlowId?: string;
  inputMappings: Mapping[];
  outputMappings: Mapping[];
  /** events, and receive tasks (a `message` definition with the message name and correlation key) */
  eventDefinition?: EventDefinition;
  /** boundary events */
  attachedToId?: string;
  /** boundary events (default true) and event-subprocess start events (`isInterrupting`, default true) */
  interrupting?: boolean;
  /** ids of boundary events attached to this activity */
  boundaryEventIds: string[];
  /** service/send/business-rule/script(job-based)/intermediate throw message/end message tasks */
  job?: JobDefinition;
  /** `zeebe:taskHeaders`, in document order */
  taskHeaders: Record<string, string>;
  /** script task with a `zeebe:script` expression (if absent, a script task is a job) */
  script?: ScriptDefinition;
  userTask?: UserTaskDefinition;
  callActivity?: CalledElementDefinition;
  multiInstance?: MultiInstanceDefinition;
  /** subprocess / process: child element ids (direct children only) */
  childIds: string[];
  /** subprocess / process: the none start event that starts the scope normally */
  noneStartEventId?: string;
  /** subprocess / process: ids of event subprocesses directly inside this scope */
  eventSubProcessIds: string[];
  /** subProcess with triggeredByEvent="true" */
  triggeredByEvent?: boolean;
}

export interface SequenceFlowModel {
  id: string;
  name?: string;
  sourceId: string;
  targetId: string;
  /** FEEL source without `=`; undefined = unconditional */
  condition?: string;
}

export interface ProcessModel {
  bpmnProcessId: string;
  name?: string;
  /** `zeebe:versionTag` */
  versionTag?: string;
  /** every flow node and the process itself, keyed by id (ids are unique across the process) */
  elements: ReadonlyMap<string, ElementModel>;
  flows: ReadonlyMap<string, SequenceFlowModel>;
}

/** One problem found while validating a resource, as Zeebe lists them in its rejection. */
export interface ValidationProblem {
  /** the BPMN element id, or undefined when the problem is not tied to an element (e.g. malformed XML) */
  elementId?: string;
  message: string;
}

export type ParseResult =
  | { ok: true; processes: ProcessModel[] }
  | { ok: false; problems: ValidationProblem[] };
