// The scenario world: the embedded engine with workflows/*.bpmn deployed (test/workers/support.ts),
// the real job workers in-process on a file store with the demo organisation, the clock pinned.
//
// Everything the scenarios do to the engine goes through its public APIs, as they would against a
// real Camunda 8: the clock through `PUT /v2/clock`, requests created over gRPC the way the API
// will create them, user tasks searched and completed through the REST API v2, the citizen's
// answer published as a message over REST, process state read back through the REST searches.
// Only starting the engine is embedded-specific: with ZEEBE_GRPC_ADDRESS and CAMUNDA_REST_ADDRESS
// (or ZEEBE_REST_ADDRESS) set (`npm run test:camunda`), the world runs against that Camunda 8
// instead. The cluster must allow clock control (ZEEBE_CLOCK_CONTROLLED=true,
// docker/compose.test.yaml) and be nobody else's: the world cancels the Suqiu instances an earlier
// run left, looks only at Suqiu's processes (other suites leave incidents and jobs behind), waits
// longer (its searches lag behind the engine) and unpins the clock when it stops.
//
// Time: the engine's clock is global to the world, so it only moves forward. `pinTime` first waits
// for the jobs of the current instant to finish (their records carry that instant), then writes the
// new instant into the store (the workers run with SUQIU_WORKERS_CLOCK=simulated) and pins the
// engine there; timers due by then fire. Each scenario starts on a fresh day (`startScenario`) and
// the instances it leaves open are cancelled afterwards (`cancelOpenInstances`).
//
// The API stand-in: the scenarios complete user tasks straight through the engine's REST API (so
// they run unchanged on Camunda 8, without the API), and where the API records something a person
// did when it completes a task, the world records the same in the store first: the four signatures
// (`signAll`: each staff signature by the unit's member holding the role, method `login`; the
// citizen's with the lookup code, method `lookup_code`; a refusal as the case event
// `sign_refused`), and in `Workbench` below what a form carries that no worker sees (the whistle
// and the departments it names, a department's report, staged measures, the joint meeting's plan
// and monthly reviews, a backstop resolution), each with the member of staff who did it, as
// api/tasks/recorders.ts does. The workers record everything else, and never what a person should
// have: `suqiu.ledger.close` closes only on the four signatures in the store, and
// `suqiu.joint.record-non-report` records a non-report only on the whistle the township blew.
import { durationMs } from '../../api/tasks/recorders.js';
import { setSimulatedTime } from '../../store/simulated-clock.js';
import { appendCaseEvent, caseFile } from '../../store/case-file.js';
import { staffOfUnit, unitOfCandidateGroup, type StaffMember } from '../../store/org-units.js';
import { getCitizen } from '../../store/requests.js';
import { notifications, type StaffRole } from '../../store/schema.js';
import type { Store } from '../../store/db.js';
import { recordBackstopPlan, recordBackstopReview, resolveBackstopCase } from '../../store/backstop.js';
import { blowWhistle, recordReport, whistleByKey } from '../../store/joint-handling.js';
import { recordSignOff } from '../../store/sign-offs.js';
import { completeMilestone, planMilestonesByDate, stagedMeasuresOf } from '../../store/staged-measures.js';
import { startWorkers, type RunningWorkers } from '../../workers/runtime/runner.js';
import { EngineWorld, eventually, externalClusterFromEnv, inProcessWorkersConfig, workflowProcessIds } from '../workers/support.js';

export { eventually };

export const DAY = 86_400_000;
export const HOUR = 3_600_000;

/**
 * Against Camunda 8, how long the searches may lag behind the engine: `settled()` asks twice this
 * far apart (H2's exporter flushes every 0.5 s in docker/compose.yaml; Elasticsearch takes longer).
 */
const EXPORT_LAG_MS = 2_000;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** The first scenario of a world starts here: a Monday, 09:00 in Beijing. */
export const FIRST_DAY = Date.parse('2025-03-03T01:00:00Z');

export interface UserTask {
  userTaskKey: string;
  elementId: string;
  processInstanceKey: string;
  processDefinitionId: string;
  candidateGroups: string[];
  state: string;
  dueDate?: string;
  creationDate?: string;
}

export interface ProcessInstance {
  processInstanceKey: string;
  processDefinitionId: string;
  state: 'ACTIVE' | 'COMPLETED' | 'TERMINATED';
  parentProcessInstanceKey?: string;
  hasIncident: boolean;
}

export interface ElementInstance {
  elementId: string;
  type: string;
  state: 'ACTIVE' | 'COMPLETED' | 'TERMINATED';
  processInstanceKey: string;
  startDate: string;
  endDate?: string;
}

/** What the API sends when a request is collected (workflows/README.md, "Variables of a request"). */
export interface NewRequest {
  requestId: string;
  townshipId: string;
  villageId: string;
  channel: string;
  summary: string;
}

/** What the special team's assessment form sends (workflows/README.md, `assess`). */
export interface Assessment {
  listType: 'policy_consultation' | 'suggestion' | 'individual' | 'collective' | 'other';
  domain: string;
  difficulty: 'easy' | 'hard' | 'major';
  timeLimitChoice?: 30 | 60 | 90;
}

export const SIGNATURES = ['sign-citizen', 'sign-handler', 'sign-leader-in-charge', 'sign-main-leader'] as const;

/** The sign-off role each signing task records (its `signOffRole` header) and the staff role that signs it. */
const SIGN_OFF: Readonly<Record<(typeof SIGNATURES)[number], { role: 'citizen' | 'handler' | 'leader_in_charge' | 'main_leader'; staffRole?: StaffRole }>> = {
  'sign-citizen': { role: 'citizen' },
  'sign-handler': { role: 'handler', staffRole: 'handler' },
  'sign-leader-in-charge': { role: 'leader_in_charge', staffRole: 'leader_in_charge' },
  'sign-main-leader': { role: 'main_leader', staffRole: 'main_leader' },
};

export class ScenarioWorld {
  readonly workbench: Workbench;
  private pinned = 0;

  private constructor(
    readonly engine: EngineWorld,
    readonly store: Store,
    readonly workers: RunningWorkers,
  ) {
    this.workbench = new Workbench(this);
  }

  /** the process ids of workflows/*.bpmn: what this world looks at */
  private readonly processIds = workflowProcessIds();

  static async start(): Promise<ScenarioWorld> {
    const external = externalClusterFromEnv();
    if (external !== undefined) {
      console.log(`[scenarios] against Camunda 8 at ${external.grpcAddress} and ${external.restAddress} (not the embedded engine)`);
    }
    const engine = await EngineWorld.start(external);
    const store = engine.openStore();
    const workers = await startWorkers({
      config: inProcessWorkersConfig(engine.grpcAddress, { SUQIU_WORKERS_CLOCK: 'simulated', SUQIU_WORKERS_RETRY_BACKOFF_MS: '100' }),
      store,
      log: () => {},
    });
    const world = new ScenarioWorld(engine, store, workers);
    if (!engine.embedded) await world.cancelLeftovers();
    return world;
  }

  async stop(): Promise<void> {
    await this.workers?.stop();
    this.store?.close();
    if (this.engine !== undefined && !this.engine.embedded) {
      // leave the shared cluster as a next run expects it: no Suqiu instance running, the clock free
      await this.cancelLeftovers().catch((error: unknown) => console.warn(`[scenarios] could not cancel what is left: ${String(error)}`));
      await this.rest('POST', '/v2/clock/reset').catch((error: unknown) => console.warn(`[scenarios] could not unpin the clock: ${String(error)}`));
    }
    await this.engine?.stop();
  }

  /** Against a shared Camunda 8: cancels every running instance of Suqiu's processes, and waits until the searches show none. */
  private async cancelLeftovers(): Promise<void> {
    await eventually(async () => {
      let running = 0;
      for (const processDefinitionId of this.processIds) {
        const page = await this.rest<{ items: ProcessInstance[] }>('POST', '/v2/process-instances/search', {
          filter: { processDefinitionId, state: 'ACTIVE' }, page: { limit: 100 },
        });
        running += page.items.length;
        // a called instance ends with its root
        for (const pi of page.items.filter((p) => p.parentProcessInstanceKey == null)) await this.cancel(pi.processInstanceKey);
      }
      return running === 0;
    }, 'the Suqiu instances an earlier run left to be cancelled', 60_000);
  }

  /** Cancels an instance; one that ended meanwhile (404) is fine. */
  private async cancel(processInstanceKey: string): Promise<void> {
    try {
      await this.rest('POST', `/v2/process-instances/${processInstanceKey}/cancellation`, {});
    } catch (error) {
      if (!/ answered 404:/.test(String(error))) throw error;
    }
  }

  /** the kinds of a request's case-file events, in order */
  caseKinds(requestId: string): string[] {
    return caseFile(this.db, requestId).map((e) => e.kind);
  }

  /** the notices the outbox holds about a request */
  notices(requestId: string) {
    return this.db.select().from(notifications).all().filter((n) => n.requestId === requestId);
  }

  /** the district's supervisors (who are told about warnings, overdue marks, non-reports): at the district and its supervision group */
  supervisorIds(): string[] {
    return ['bazhou', 'supervision-group'].flatMap((unit) => staffOfUnit(this.db, unit, 'supervisor').map((s) => s.id));
  }

  get db() {
    return this.store.db;
  }

  rest<T>(method: string, path: string, body?: unknown): Promise<T> {
    return this.engine.rest<T>(method, path, body);
  }

  // --- the clock --------------------------------------------------------------------------------

  /** the instant pinned last */
  now(): Date {
    return new Date(this.pinned);
  }

  /** Pins the engine's clock and the store's simulated time to `at` (forward only). */
  async pinTime(at: Date | number): Promise<Date> {
    const t = typeof at === 'number' ? at : at.getTime();
    if (t < this.pinned) throw new Error(`the clock only moves forward: ${new Date(t).toISOString()} is before ${this.now().toISOString()}`);
    await this.settled();
    setSimulatedTime(this.store.db, new Date(t));
    await this.rest('PUT', '/v2/clock', { timestamp: t });
    this.pinned = t;
    return this.now();
  }

  /** Moves the clock `ms` forward from the instant pinned last. */
  advance(ms: number): Promise<Date> {
    return this.pinTime(this.pinned + ms);
  }

  /** Pins the start of a scenario: 09:00 Beijing time on a day after everything the world did so far. */
  async startScenario(): Promise<Date> {
    const start = this.pinned === 0 ? FIRST_DAY : FIRST_DAY + Math.ceil((this.pinned - FIRST_DAY) / DAY + 1) * DAY;
    return this.pinTime(start);
  }

  /** `days` (and `hours`) after `from`, as a Date */
  static after(from: Date, days: number, hours = 0): Date {
    return new Date(from.getTime() + days * DAY + hours * HOUR);
  }

  /**
   * Waits until no service task of Suqiu's processes is waiting for a worker (so what the workers
   * record carries the instant pinned now); fails on an incident in one of them. Against Camunda 8,
   * whose searches lag behind the engine, it asks again after EXPORT_LAG_MS.
   */
  async settled(): Promise<void> {
    const quiet = async (): Promise<boolean> => {
      for (const processDefinitionId of this.processIds) {
        const incidents = await this.rest<{ items: { errorMessage: string; elementId: string; processInstanceKey: string }[] }>(
          'POST', '/v2/incidents/search', { filter: { state: 'ACTIVE', processDefinitionId }, page: { limit: 10 } },
        );
        const [incident] = incidents.items;
        if (incident) throw new Error(`incident at ${incident.elementId} (instance ${incident.processInstanceKey}): ${incident.errorMessage}`);
        const busy = await this.rest<{ items: unknown[] }>('POST', '/v2/element-instances/search', {
          filter: { type: 'SERVICE_TASK', state: 'ACTIVE', processDefinitionId }, page: { limit: 1 },
        });
        if (busy.items.length > 0) return false;
      }
      return true;
    };
    await eventually(quiet, 'the workers to finish their jobs');
    if (!this.engine.embedded) {
      await sleep(EXPORT_LAG_MS);
      await eventually(quiet, 'the workers to finish their jobs (asked again: the searches lag)');
    }
  }

  // --- requests and process state ---------------------------------------------------------------

  /** Creates the request's instance of `request-lifecycle` over gRPC, as the API will. */
  createRequest(request: NewRequest): Promise<string> {
    return this.engine.create('request-lifecycle', { ...request });
  }

  async instance(processInstanceKey: string): Promise<ProcessInstance> {
    return this.rest<ProcessInstance>('GET', `/v2/process-instances/${processInstanceKey}`);
  }

  /** the instance and every instance it called, oldest first */
  async tree(rootKey: string): Promise<ProcessInstance[]> {
    const out = [await this.instance(rootKey)];
    for (let i = 0; i < out.length; i++) {
      const page = await this.rest<{ items: ProcessInstance[] }>('POST', '/v2/process-instances/search', {
        filter: { parentProcessInstanceKey: out[i]!.processInstanceKey }, page: { limit: 100 },
      });
      out.push(...page.items.sort((a, b) => Number(a.processInstanceKey) - Number(b.processInstanceKey)));
    }
    return out;
  }

  /** element instances of `elementId` anywhere in the instance tree (any state), oldest first */
  async elementInstances(rootKey: string, elementId: string): Promise<ElementInstance[]> {
    const all: ElementInstance[] = [];
    for (const p of await this.tree(rootKey)) {
      const page = await this.rest<{ items: ElementInstance[] }>('POST', '/v2/element-instances/search', {
        filter: { processInstanceKey: p.processInstanceKey, elementId }, page: { limit: 100 },
      });
      all.push(...page.items);
    }
    return all.sort((a, b) => Date.parse(a.startDate) - Date.parse(b.startDate));
  }

  /** how many times `elementId` ran (was entered) in the instance tree */
  async ran(rootKey: string, elementId: string): Promise<number> {
    return (await this.elementInstances(rootKey, elementId)).length;
  }

  /** Waits for an incident in the instance tree (the world's other waits fail on one instead). */
  async waitForIncident(rootKey: string, elementId: string): Promise<{ errorMessage: string; elementId: string }> {
    return eventually(async () => {
      for (const p of await this.tree(rootKey)) {
        const page = await this.rest<{ items: { errorMessage: string; elementId: string }[] }>('POST', '/v2/incidents/search', {
          filter: { state: 'ACTIVE', processInstanceKey: p.processInstanceKey, elementId }, page: { limit: 1 },
        });
        if (page.items[0] !== undefined) return page.items[0];
      }
      return undefined;
    }, `an incident at ${elementId} in instance ${rootKey}`);
  }

  async waitForState(processInstanceKey: string, state: ProcessInstance['state']): Promise<ProcessInstance> {
    return eventually(async () => {
      const pi = await this.instance(processInstanceKey);
      return pi.state === state ? pi : undefined;
    }, `instance ${processInstanceKey} to be ${state}`);
  }

  /** a root-scope variable of an instance, through the REST variable search */
  async variable<T = unknown>(processInstanceKey: string, name: string): Promise<T | undefined> {
    const page = await this.rest<{ items: { value: string }[] }>('POST', '/v2/variables/search', {
      filter: { processInstanceKey, scopeKey: processInstanceKey, name }, page: { limit: 1 },
    });
    const [row] = page.items;
    return row === undefined ? undefined : (JSON.parse(row.value) as T);
  }

  /** Cancels every request instance still running (a scenario's leftovers must not fire timers in the next). */
  async cancelOpenInstances(): Promise<void> {
    const page = await this.rest<{ items: ProcessInstance[] }>('POST', '/v2/process-instances/search', {
      filter: { processDefinitionId: 'request-lifecycle', state: 'ACTIVE' }, page: { limit: 100 },
    });
    for (const pi of page.items) await this.cancel(pi.processInstanceKey);
  }

  // --- user tasks (staff, through the REST API v2) ----------------------------------------------

  /**
   * Open tasks of `elementId` for one request: the request's own instance or any instance it
   * called (they all carry `requestId`), optionally only those offered to `candidateGroup`.
   */
  async openTasks(requestId: string, elementId: string, candidateGroup?: string): Promise<UserTask[]> {
    const page = await this.rest<{ items: UserTask[] }>('POST', '/v2/user-tasks/search', {
      filter: {
        state: 'CREATED',
        elementId,
        processInstanceVariables: [{ name: 'requestId', value: JSON.stringify(requestId) }],
        ...(candidateGroup === undefined ? {} : { candidateGroup }),
      },
      page: { limit: 100 },
    });
    return page.items;
  }

  /** waits for `count` open tasks of `elementId` for the request */
  async waitForTasks(requestId: string, elementId: string, count = 1, candidateGroup?: string): Promise<UserTask[]> {
    return eventually(async () => {
      const tasks = await this.openTasks(requestId, elementId, candidateGroup);
      return tasks.length >= count ? tasks : undefined;
    }, `${count} open task(s) ${elementId}${candidateGroup ? ` for ${candidateGroup}` : ''} of ${requestId}`);
  }

  async waitForTask(requestId: string, elementId: string, candidateGroup?: string): Promise<UserTask> {
    const [task] = await this.waitForTasks(requestId, elementId, 1, candidateGroup);
    return task!;
  }

  async completeTask(task: UserTask, variables: Record<string, unknown> = {}): Promise<void> {
    await this.rest('POST', `/v2/user-tasks/${task.userTaskKey}/completion`, { variables });
  }

  /** waits for the request's open task `elementId` and completes it; returns the task */
  async doTask(requestId: string, elementId: string, variables: Record<string, unknown> = {}, candidateGroup?: string): Promise<UserTask> {
    const task = await this.waitForTask(requestId, elementId, candidateGroup);
    await this.completeTask(task, variables);
    return task;
  }

  /** a variable as the task sees it (REST `POST /v2/user-tasks/{key}/variables/search`) */
  async taskVariable<T = unknown>(task: UserTask, name: string): Promise<T | undefined> {
    const page = await this.rest<{ items: { value: string }[] }>('POST', `/v2/user-tasks/${task.userTaskKey}/variables/search`, {
      filter: { name }, page: { limit: 1 },
    });
    const [row] = page.items;
    return row === undefined ? undefined : (JSON.parse(row.value) as T);
  }

  /** The member of a unit (named by a task's candidate group) who holds `role`: who does that unit's part. */
  staffOf(candidateGroup: string, role: StaffRole): StaffMember & { unitName: string } {
    const unit = unitOfCandidateGroup(this.db, candidateGroup);
    const member = unit === undefined ? undefined : staffOfUnit(this.db, unit.id, role)[0];
    if (unit === undefined || member === undefined) throw new Error(`no ${role} at ${candidateGroup}`);
    return { ...member, unitName: unit.name };
  }

  /**
   * The four signatures, each given as the API gives it: the signature recorded with its signer
   * (the unit's member holding the role, by login; the citizen with the lookup code), or a refusal
   * in the case file, then the signing task completed. `signed` overrides some of them (e.g.
   * `{ 'sign-citizen': false }`); the tasks in `pastTheApi` are completed straight through the
   * engine with nothing recorded, as a client going around the API would.
   */
  async signAll(
    requestId: string,
    signed: Partial<Record<(typeof SIGNATURES)[number], boolean>> = {},
    { pastTheApi = [] }: { pastTheApi?: readonly (typeof SIGNATURES)[number][] } = {},
  ): Promise<UserTask[]> {
    const tasks = await Promise.all(SIGNATURES.map((id) => this.waitForTask(requestId, id)));
    for (const [i, task] of tasks.entries()) {
      const elementId = SIGNATURES[i]!;
      const yes = signed[elementId] ?? true;
      if (pastTheApi.includes(elementId)) {
        await this.completeTask(task, { signed: yes });
        continue;
      }
      const { role, staffRole } = SIGN_OFF[elementId];
      const at = this.now();
      const signer = staffRole === undefined ? undefined : this.staffOf(task.candidateGroups[0]!, staffRole);
      if (yes) {
        recordSignOff(this.db, {
          requestId,
          role,
          ...(signer === undefined
            ? { signerName: getCitizen(this.db, requestId)?.name ?? '诉求人', method: 'lookup_code' as const }
            : { signerName: `${signer.unitName}${signer.name}`, signerStaffId: signer.id, method: 'login' as const }),
          at,
        });
      } else {
        appendCaseEvent(this.db, {
          requestId,
          kind: 'sign_refused',
          actor: signer?.id ?? 'citizen',
          at,
          detail: { role, note: null, method: signer === undefined ? 'lookup_code' : 'login' },
          idempotencyKey: `sign-refused:${task.userTaskKey}`,
        });
      }
      await this.completeTask(task, { signed: yes });
    }
    return tasks;
  }

  // --- the common stretches of a request --------------------------------------------------------

  /**
   * The API creates the request; the township screens it valid; the special team assesses it.
   * Returns the request's instance key once the responsible unit's `accept` task is open.
   */
  async collectValid(request: NewRequest, assessment: Assessment): Promise<string> {
    const pi = await this.createRequest(request);
    await this.doTask(request.requestId, 'screen', { valid: true, screeningNote: '经核实,诉求属实' });
    await this.doTask(request.requestId, 'assess', { ...assessment });
    await this.waitForTask(request.requestId, 'accept');
    return pi;
  }

  /** The four sign, the request is closed and the citizen is asked; then the citizen answers. */
  async signAndAnswer(requestId: string, pi: string, satisfied: boolean, feedback?: string): Promise<UserTask[]> {
    const signatures = await this.signAll(requestId);
    await eventually(async () => (await this.elementInstances(pi, 'await-answer')).some((e) => e.state === 'ACTIVE'), 'the follow-up to wait for an answer');
    await this.answerSatisfaction(requestId, satisfied, feedback);
    return signatures;
  }

  // --- the citizen ------------------------------------------------------------------------------

  /** The citizen's answer to the follow-up: the message `satisfaction-answered`, over REST. */
  async answerSatisfaction(requestId: string, satisfied: boolean, feedback?: string): Promise<void> {
    await this.rest('POST', '/v2/messages/publication', {
      name: 'satisfaction-answered',
      correlationKey: requestId,
      timeToLive: HOUR,
      variables: { satisfied, ...(feedback === undefined ? {} : { feedback }) },
    });
  }
}

/**
 * Stands in for the API's task completion: completes a user task through REST and records in the
 * store what the form carries and no worker sees (workflows/README.md says which), with the member
 * of staff who did it, as api/tasks/recorders.ts does.
 */
export class Workbench {
  constructor(private readonly world: ScenarioWorld) {}

  /**
   * 确定报到部门及任务: the township's handler names the departments; the whistle is recorded, then
   * the task completed (`pastTheApi`: only completed, nothing recorded).
   */
  async nameDepartments(
    requestId: string,
    townshipId: string,
    departments: { unit: string; task: string }[],
    reportLimit?: string,
    { pastTheApi = false }: { pastTheApi?: boolean } = {},
  ): Promise<UserTask> {
    const w = this.world;
    const task = await w.waitForTask(requestId, 'name-departments');
    const at = w.now();
    if (!pastTheApi) blowWhistle(w.db, {
      requestId,
      blownByUnitId: townshipId,
      departmentIds: departments.map((d) => d.unit.replace(/^department:/, '')),
      // the limit the township chose, else the diagram's default (P1D)
      reportDueAt: new Date(at.getTime() + (reportLimit === undefined ? DAY : durationMs(reportLimit)!)),
      idempotencyKey: `joint:${task.processInstanceKey}`,
      actor: w.staffOf(`township:${townshipId}`, 'handler').id,
      at,
    });
    await w.completeTask(task, { departments, ...(reportLimit === undefined ? {} : { reportLimit }) });
    return task;
  }

  /** 部门报到: the department acknowledges; its report is recorded on the whistle, then the task completed. */
  async report(requestId: string, departmentGroup: string): Promise<UserTask> {
    const w = this.world;
    const task = await w.waitForTask(requestId, 'report', departmentGroup);
    const whistle = whistleByKey(w.db, `joint:${task.processInstanceKey}`);
    if (whistle === undefined) throw new Error(`no whistle for joint handling ${task.processInstanceKey}`);
    recordReport(w.db, whistle.id, departmentGroup.replace(/^department:/, ''), w.now());
    await w.completeTask(task, {});
    return task;
  }

  /** 办理诉求 with staged measures: the unit plans milestones, each with its own due date. */
  async handleStaged(requestId: string, milestones: { title: string; dueDate: string }[]): Promise<UserTask> {
    const w = this.world;
    const task = await w.waitForTask(requestId, 'handle-task');
    const handler = w.staffOf(task.candidateGroups[0]!, 'handler');
    planMilestonesByDate(w.db, requestId, w.now(), milestones.map((m) => ({ title: m.title, deadline: new Date(m.dueDate) })), handler.id);
    await w.completeTask(task, { outcome: 'staged', milestones });
    return task;
  }

  /** 落实阶段性措施: the unit reports the current milestone done. */
  async milestoneDone(requestId: string, progressNote: string): Promise<UserTask> {
    const w = this.world;
    const task = await w.waitForTask(requestId, 'staged-measures');
    const milestone = await w.taskVariable<{ title: string }>(task, 'milestone');
    const planned = stagedMeasuresOf(w.db, requestId).find((m) => m.title === milestone?.title);
    if (planned === undefined) throw new Error(`no staged measure "${milestone?.title}" for ${requestId}`);
    completeMilestone(w.db, requestId, planned.seq, w.now(), w.staffOf(task.candidateGroups[0]!, 'handler').id);
    await w.completeTask(task, { progressNote });
    return task;
  }

  /** 联席会议制定化解方案: the joint meeting's plan for the backstop case. */
  async planBackstop(requestId: string, plan: string): Promise<UserTask> {
    const w = this.world;
    const task = await w.waitForTask(requestId, 'backstop-plan');
    const caseId = await this.backstopCaseOf(task);
    recordBackstopPlan(w.db, caseId, plan, { actor: w.staffOf(task.candidateGroups[0]!, 'clerk').id, at: w.now() });
    await w.completeTask(task, { plan });
    return task;
  }

  /** 党政联席会议月度调度: this month's review of the backstop case. */
  async reviewBackstop(requestId: string, reviewNote: string): Promise<UserTask> {
    const w = this.world;
    const task = await w.waitForTask(requestId, 'monthly-review');
    const caseId = await this.backstopCaseOf(task);
    recordBackstopReview(w.db, { caseId, note: reviewNote, idempotencyKey: `review:${task.userTaskKey}`, actor: w.staffOf(task.candidateGroups[0]!, 'clerk').id, at: w.now() });
    await w.completeTask(task, { reviewNote });
    return task;
  }

  /** 兜底化解: the special team reports the case resolved. */
  async resolveBackstop(requestId: string, resolutionNote: string): Promise<UserTask> {
    const w = this.world;
    const task = await w.waitForTask(requestId, 'backstop-resolve');
    const caseId = await this.backstopCaseOf(task);
    resolveBackstopCase(w.db, caseId, { note: resolutionNote, actor: w.staffOf(task.candidateGroups[0]!, 'handler').id, at: w.now() });
    await w.completeTask(task, { resolutionNote });
    return task;
  }

  private async backstopCaseOf(task: UserTask): Promise<string> {
    const caseId = await this.world.taskVariable<string>(task, 'backstopCaseId');
    if (caseId === undefined) throw new Error(`task ${task.elementId} sees no backstopCaseId`);
    return caseId;
  }
}
