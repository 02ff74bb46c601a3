// Drives a replay day by day at simulated time.
//
// Each simulated day: pin the engine's clock (and the store's simulated time, which the workers
// read) to 09:00 Beijing time, which fires whatever timers fell due (deadline warnings, overdue
// marks, follow-ups that got no answer, monthly backstop reviews, the weekly supervision); create
// the day's requests as `request-lifecycle` instances; then let the simulated staff work the open
// user tasks through the REST API until the day is done: nothing due today is left and no request
// is waiting for the workers.
//
// Knowing when the workers are done needs no engine internals: after a person acts, a request is
// "in flight" until its next user task shows up in the task list, or the staff know nothing more
// will be asked of them. If nothing moves for a while, the clock is nudged a minute on, which lets
// the engine hand out again the jobs of killed workers and retry failed jobs after their back-off.
import type { Rest } from './rest.js';
import { eachLimited, RestError } from './rest.js';
import { RequestStaff, type Action, type OpenTask } from './staff.js';
import type { RequestPlan } from './workload.js';

const DAY_MS = 86_400_000;
/** 09:00 in Beijing (UTC+8) */
const WORKDAY_START_UTC = 'T01:00:00Z';
const PAGE = 1000;
/** waiting for the workers: look again after 2 ms, doubling up to 64 ms (each look is a search) */
const IDLE_POLL_MIN_MS = 2;
const IDLE_POLL_MAX_MS = 64;
const STALL_MS = 2_000;
const NUDGE_MS = 61_000;
const MAX_NUDGES = 30;

export interface DriverHooks {
  /** sets the simulated time the workers read (the store's copy of the engine's clock) */
  setSimulatedTime(at: Date): void;
  /** called once the day's requests are created, while the workers are busy with them */
  onArrivals?(day: string, index: number): Promise<void> | void;
  /** called after each simulated day */
  onDay?(day: string, index: number, stats: DriverStats): Promise<void> | void;
  log?(line: string): void;
}

export interface DriverStats {
  created: number;
  tasksCompleted: number;
  messagesPublished: number;
  /** tasks open and known (waiting for their day) */
  openTasks: number;
  clockNudges: number;
}

interface Tracked {
  plan: RequestPlan;
  staff: RequestStaff;
  open: Set<string>;
  /** people are done with it (the workers close, follow up and archive on their own) */
  finished: boolean;
  /** answers published so far (their number makes the message id) */
  answers: number;
}

interface Scheduled {
  task: OpenTask;
  tracked?: Tracked;
  action: Action;
}

export class ReplayDriver {
  private readonly byInstance = new Map<string, Tracked | null>();
  private readonly inFlight = new Set<Tracked>();
  /** tasks known and not yet completed, by key */
  private readonly known = new Map<string, Scheduled>();
  /** day (epoch ms of its start) → keys of tasks to complete that day */
  private readonly agenda = new Map<number, string[]>();
  private now = new Date(0);
  readonly stats: DriverStats = { created: 0, tasksCompleted: 0, messagesPublished: 0, openTasks: 0, clockNudges: 0 };

  constructor(
    private readonly rest: Rest,
    private readonly hooks: DriverHooks,
  ) {}

  private log(line: string): void {
    this.hooks.log?.(line);
  }

  private async pin(at: Date): Promise<void> {
    this.now = at;
    // the store first: a worker that takes a job the pin releases must read the new time
    this.hooks.setSimulatedTime(at);
    await this.rest.pinClock(at);
  }

  /** Pins the clock to the first day, before anything is deployed (timer starts count from there). */
  async begin(firstDay: string): Promise<void> {
    await this.pin(new Date(`${firstDay}${WORKDAY_START_UTC}`));
  }

  async runDay(day: string, arrivals: readonly RequestPlan[], index: number): Promise<void> {
    const start = new Date(`${day}${WORKDAY_START_UTC}`);
    await this.pin(start);
    await eachLimited(arrivals, 16, (plan) => this.create(plan));
    await this.hooks.onArrivals?.(day, index);
    await this.settle(start.getTime() - DAY_MS);
    this.stats.openTasks = this.known.size;
    await this.hooks.onDay?.(day, index, this.stats);
  }

  /** After the last day: let the workers finish what the last day started. */
  async finish(): Promise<void> {
    await this.settle(this.now.getTime() - DAY_MS);
  }

  private async create(plan: RequestPlan): Promise<void> {
    const created = await this.rest.call<{ processInstanceKey: string }>('POST', '/v2/process-instances', {
      processDefinitionId: 'request-lifecycle',
      variables: {
        requestId: plan.id,
        townshipId: plan.place.townshipId,
        villageId: plan.place.villageId,
        channel: plan.channel,
        summary: plan.summary,
      },
    });
    const tracked: Tracked = { plan, staff: new RequestStaff(plan), open: new Set(), finished: false, answers: 0 };
    this.byInstance.set(String(created.processInstanceKey), tracked);
    this.inFlight.add(tracked);
    this.stats.created += 1;
  }

  /** Works the task list until nothing is due today and no request waits for the workers. */
  private async settle(windowStart: number): Promise<void> {
    let lastProgress = Date.now();
    let nudges = 0;
    let idle = IDLE_POLL_MIN_MS;
    for (;;) {
      const found = await this.scan(windowStart);
      const completed = await this.completeDue();
      if (found + completed > 0) {
        lastProgress = Date.now();
        nudges = 0;
        idle = IDLE_POLL_MIN_MS;
        continue;
      }
      if (this.inFlight.size === 0) return;
      if (Date.now() - lastProgress < STALL_MS) {
        await new Promise((r) => setTimeout(r, idle));
        idle = Math.min(IDLE_POLL_MAX_MS, idle * 2);
        continue;
      }
      if (nudges >= MAX_NUDGES) throw new Error(await this.stuckReport());
      nudges += 1;
      this.stats.clockNudges += 1;
      lastProgress = Date.now();
      await this.pin(new Date(this.now.getTime() + NUDGE_MS));
    }
  }

  /** Reads open tasks created since `windowStart` that are not known yet; returns how many. */
  private async scan(windowStart: number): Promise<number> {
    let found = 0;
    for (let from = 0; ; from += PAGE) {
      const page = await this.rest.call<{ items: OpenTask[] }>('POST', '/v2/user-tasks/search', {
        filter: { state: 'CREATED', creationDate: { $gte: new Date(windowStart).toISOString() } },
        sort: [{ field: 'creationDate', order: 'ASC' }],
        page: { from, limit: PAGE },
      });
      for (const task of page.items) {
        if (this.known.has(task.userTaskKey)) continue;
        await this.schedule(task);
        found += 1;
      }
      if (page.items.length < PAGE) return found;
    }
  }

  private async schedule(task: OpenTask): Promise<void> {
    const tracked = await this.requestOf(task.processInstanceKey);
    const action = tracked ? tracked.staff.act(task, this.now) : supervisorAction(task, this.now);
    if (tracked) {
      tracked.open.add(task.userTaskKey);
      this.inFlight.delete(tracked);
    }
    this.known.set(task.userTaskKey, { task, tracked: tracked ?? undefined, action });
    const day = dayStart(this.now.getTime()) + action.afterDays * DAY_MS;
    const list = this.agenda.get(day);
    if (list) list.push(task.userTaskKey);
    else this.agenda.set(day, [task.userTaskKey]);
  }

  /** The request an instance belongs to (through its parents), or null for other processes. */
  private async requestOf(processInstanceKey: string): Promise<Tracked | null> {
    const cached = this.byInstance.get(processInstanceKey);
    if (cached !== undefined) return cached;
    const instance = await this.rest.call<{ parentProcessInstanceKey?: string; processDefinitionId: string }>(
      'GET',
      `/v2/process-instances/${processInstanceKey}`,
    );
    const tracked = instance.parentProcessInstanceKey ? await this.requestOf(String(instance.parentProcessInstanceKey)) : null;
    this.byInstance.set(processInstanceKey, tracked);
    return tracked;
  }

  /** Completes every task due by today; returns how many. */
  private async completeDue(): Promise<number> {
    const today = dayStart(this.now.getTime());
    const due: Scheduled[] = [];
    for (const [day, keys] of this.agenda) {
      if (day > today) continue;
      this.agenda.delete(day);
      for (const key of keys) {
        const scheduled = this.known.get(key);
        if (scheduled) due.push(scheduled);
      }
    }
    await eachLimited(due, 24, (s) => this.complete(s));
    return due.length;
  }

  private async complete({ task, tracked, action }: Scheduled): Promise<void> {
    try {
      await this.rest.call('POST', `/v2/user-tasks/${task.userTaskKey}/completion`, { variables: action.variables });
      this.stats.tasksCompleted += 1;
    } catch (error) {
      // a task an interrupting event cancelled meanwhile is gone: nothing to do
      if (!(error instanceof RestError && (error.status === 404 || error.status === 409))) throw error;
    }
    this.known.delete(task.userTaskKey);
    if (!tracked) return;
    tracked.open.delete(task.userTaskKey);
    // tasks of one round complete in any order: the request is finished by the round's last
    // decision, whichever completion happens to return last (decided before any await below)
    if (tracked.staff.finishedAfter(task, action)) {
      tracked.finished = true;
      this.inFlight.delete(tracked);
    }
    if (tracked.open.size === 0 && !tracked.finished) this.inFlight.add(tracked);
    if (action.answer !== undefined) await this.publishAnswer(tracked, action.answer);
  }

  private async publishAnswer(tracked: Tracked, answer: 'satisfied' | 'unsatisfied'): Promise<void> {
    tracked.answers += 1;
    await this.rest.call('POST', '/v2/messages/publication', {
      name: 'satisfaction-answered',
      correlationKey: tracked.plan.id,
      // the answer waits for the follow-up (close and ask run first)
      timeToLive: 30 * DAY_MS,
      messageId: `${tracked.plan.id}:answer:${tracked.answers}`,
      variables: { satisfied: answer === 'satisfied', feedback: answer === 'satisfied' ? '满意' : '不满意,问题没有解决' },
    });
    this.stats.messagesPublished += 1;
  }

  private async stuckReport(): Promise<string> {
    const stuck = [...this.inFlight].slice(0, 10).map((t) => t.plan.id);
    let incidents: string;
    try {
      const page = await this.rest.call<{ items: Array<{ errorMessage?: string; elementId?: string; processInstanceKey: string }> }>(
        'POST',
        '/v2/incidents/search',
        { filter: { state: 'ACTIVE' }, page: { limit: 5 } },
      );
      incidents = page.items.map((i) => `\n  incident at ${i.elementId} (instance ${i.processInstanceKey}): ${i.errorMessage}`).join('');
    } catch (error) {
      incidents = `\n  (incidents unreadable: ${error instanceof Error ? error.message : String(error)})`;
    }
    return `the replay is stuck at ${this.now.toISOString()}: ${this.inFlight.size} request(s) wait for the workers and nothing moves (e.g. ${stuck.join(', ')})${incidents}`;
  }
}

function dayStart(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

/** What the discipline commission does with an accountability interview of the weekly supervision. */
function supervisorAction(task: OpenTask, now: Date): Action {
  if (task.elementId === 'interview') {
    const deadline = new Date(now.getTime() + 30 * DAY_MS).toISOString().slice(0, 10);
    return { afterDays: 0, variables: { interviewNote: '已约谈主要负责人,限期整改', rectificationDeadline: deadline } };
  }
  throw new Error(`the simulated staff do not know the task ${task.elementId} of ${task.processDefinitionId}`);
}
