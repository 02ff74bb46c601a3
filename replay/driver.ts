// Drives a replay day by day at simulated time, through the API as people use it.
//
// Each simulated day: pin the engine's clock (and the store's simulated time, which the workers and
// the API read) to 09:00 Beijing time, which fires whatever timers fell due (deadline warnings,
// overdue marks, follow-ups that got no answer, monthly backstop reviews, the weekly supervision);
// take the day's requests in through the API (online ones by the citizen, the others by the
// village's 网格员); then let the simulated staff work their tasks until the day is done: nothing
// due today is left and no request is waiting for the workers.
//
// The staff find their work in the API's task list (a district account sees every open task; the
// day's first look asks for those created since the day before, the next ones for today's) and
// each task is completed by the person it is for, with their own session: a member of its
// candidate unit holding a role it names. The citizen signs with the lookup code and answers the
// follow-up through the public door. Completions run side by side: a request moves on as soon as
// its own task is done, not when the slowest of the day's is; every action still happens on its
// day (the clock moves on only once the day is done).
//
// Knowing when the workers are done needs no engine internals: after a person acts, a request is
// "in flight" until its next task shows up in the task list, its citizen has answered, or the staff
// know nothing more will be asked of them. If nothing moves for a while, the clock is nudged a
// minute on, which lets the engine hand out again the jobs of killed workers and retry failed jobs
// after their back-off.
import { expectStatus, type ApiClient, type Sessions } from './api.js';
import type { Directory } from './people.js';
import type { Rest } from './rest.js';
import { eachLimited } from './rest.js';
import { RequestStaff, type Action, type OpenTask, type Satisfaction } from './staff.js';
import type { RequestPlan } from './workload.js';

const DAY_MS = 86_400_000;
/** 09:00 in Beijing (UTC+8) */
const WORKDAY_START_UTC = 'T01:00:00Z';
/** the API's largest page */
const PAGE = 200;
/** the district account whose task list shows every open task (all=true) */
const OVERSEER = 'supervisor';
/** waiting for the workers: look again after 2 ms, doubling up to 64 ms (each look is a task list) */
const IDLE_POLL_MIN_MS = 2;
const IDLE_POLL_MAX_MS = 64;
const STALL_MS = 2_000;
/** completions under way at once (the API takes them in turn; more would only queue there) */
const COMPLETION_LANES = 24;
const NUDGE_MS = 61_000;
const MAX_NUDGES = 30;

const COMMENTS: Readonly<Record<Satisfaction, string>> = {
  satisfied: '满意',
  basically_satisfied: '基本满意,希望以后多回访',
  unsatisfied: '不满意,问题没有解决',
};

/**
 * The replay's clock: the engine's, pinned through its REST API (`PUT /v2/clock`), and the store's
 * copy of it (the simulated time the workers and the API record).
 */
export class ReplayClock {
  private current = new Date(0);

  constructor(
    readonly engine: Rest,
    private readonly setSimulatedTime: (at: Date) => void,
  ) {}

  /** 09:00 Beijing time of a day `YYYY-MM-DD` */
  static workdayStart(day: string): Date {
    return new Date(`${day}${WORKDAY_START_UTC}`);
  }

  /** the instant pinned last */
  get now(): Date {
    return this.current;
  }

  async pin(at: Date): Promise<void> {
    this.current = at;
    // the store first: a worker that takes a job the pin releases must read the new time
    this.setSimulatedTime(at);
    await this.engine.pinClock(at);
  }
}

/** The door the replay's people use: the API, a session per member of staff, and who is who. */
export interface Door {
  api: ApiClient;
  sessions: Sessions;
  people: Directory;
}

export interface DriverHooks {
  /** whether the follow-up of the request's current round awaits the citizen's answer (the citizen has been asked) */
  followUpAwaited(requestId: string): boolean;
  /** called once the day's requests are taken in, while the workers are busy with them */
  onArrivals?(day: string, index: number): Promise<void> | void;
  /** called after each simulated day */
  onDay?(day: string, index: number, stats: DriverStats): Promise<void> | void;
  log?(line: string): void;
}

export interface DriverStats {
  created: number;
  tasksCompleted: number;
  /** the citizens' answers to the follow-up given through the public door */
  answersGiven: number;
  /** tasks open and known (waiting for their day) */
  openTasks: number;
  clockNudges: number;
  /** reads of the task list (GET /api/tasks pages) */
  scans: number;
}

/** The plan's request as the API took it in: the number it chose and the citizen's lookup code. */
export interface TakenIn {
  requestId: string;
  lookupCode: string;
}

interface Tracked {
  plan: RequestPlan;
  taken: TakenIn;
  staff: RequestStaff;
  open: Set<string>;
  /** people are done with it (the workers close, follow up and archive on their own) */
  finished: boolean;
  /** the answer the citizen gives once asked */
  answer?: Satisfaction;
  /** the API answered 503 to the answer: the engine may still take it late */
  answerLate?: boolean;
}

interface Scheduled {
  task: OpenTask;
  tracked?: Tracked;
  action: Action;
}

export class ReplayDriver {
  private readonly byRequest = new Map<string, Tracked>();
  /** plan id → the request the API took in */
  readonly takenIn = new Map<string, TakenIn>();
  private readonly inFlight = new Set<Tracked>();
  /** requests whose citizen is yet to answer the follow-up */
  private readonly answering = new Set<Tracked>();
  /** tasks known and not yet completed, by key */
  private readonly known = new Map<string, Scheduled>();
  /** day (epoch ms of its start) → keys of tasks to complete that day */
  private readonly agenda = new Map<number, string[]>();
  /**
   * tasks completed during this settle: a task list read while a completion was under way may
   * still show the task open, and it must not be taken for a new one
   */
  private readonly completedNow = new Set<string>();
  /** tasks due and waiting for a completion lane */
  private readonly queue: Scheduled[] = [];
  /** completion lanes at work */
  private running = 0;
  /** completions returned since the settle loop last looked */
  private returned = 0;
  /** the settle loop, waiting for a completion to return */
  private waiters: Array<() => void> = [];
  /** the first completion that failed: the settle loop throws it */
  private failure: unknown;
  readonly stats: DriverStats = { created: 0, tasksCompleted: 0, answersGiven: 0, openTasks: 0, clockNudges: 0, scans: 0 };

  private readonly api: ApiClient;
  private readonly sessions: Sessions;
  private readonly people: Directory;

  constructor(
    private readonly clock: ReplayClock,
    door: Door,
    private readonly hooks: DriverHooks,
  ) {
    ({ api: this.api, sessions: this.sessions, people: this.people } = door);
  }

  private log(line: string): void {
    this.hooks.log?.(line);
  }

  private get now(): Date {
    return this.clock.now;
  }

  async runDay(day: string, arrivals: readonly RequestPlan[], index: number): Promise<void> {
    const start = ReplayClock.workdayStart(day);
    await this.clock.pin(start);
    await eachLimited(arrivals, 16, (plan) => this.takeIn(plan));
    await this.hooks.onArrivals?.(day, index);
    await this.settle(start.getTime() - DAY_MS, start.getTime());
    this.stats.openTasks = this.known.size;
    await this.hooks.onDay?.(day, index, this.stats);
  }

  /** After the last day: let the workers finish what the last day started. */
  async finish(): Promise<void> {
    await this.settle(this.now.getTime() - DAY_MS, this.now.getTime());
  }

  /** logins so far (a session ends after a week of simulated time) */
  get logins(): number {
    return this.sessions.logins;
  }

  /** The request comes in: the citizen submits it online, or a member of staff of its place enters it. */
  private async takeIn(plan: RequestPlan): Promise<void> {
    const { townshipId, villageId } = plan.place;
    const text = plan.summary;
    let path: string;
    let answer;
    if (plan.channel === 'qr_online') {
      path = '/api/public/requests';
      answer = await this.api.citizen.call<TakenIn & { id: string }>('POST', path, { text, townshipId, villageId, citizen: { name: '（回放）群众' } });
    } else {
      path = '/api/requests';
      const collector = this.people.collectorFor(plan.place);
      const proxy =
        plan.channel === 'proxy'
          ? { proxy: { proxyName: '（回放）代办人', relation: '子女', consentGiven: true, consentMethod: 'in_person' } }
          : {};
      answer = await this.sessions.of(collector.username).call<TakenIn & { id: string }>('POST', path, {
        channel: plan.channel,
        text,
        townshipId,
        villageId,
        citizen: { name: '（回放）群众' },
        ...proxy,
      });
    }
    // 202: taken in, its instance starts once the engine answers (the API retries)
    expectStatus(`intake of ${plan.id}`, 'POST', path, answer, 201, 202);
    const taken = { requestId: answer.body.id, lookupCode: answer.body.lookupCode };
    const tracked: Tracked = { plan, taken, staff: new RequestStaff(plan), open: new Set(), finished: false };
    this.takenIn.set(plan.id, taken);
    this.byRequest.set(taken.requestId, tracked);
    this.inFlight.add(tracked);
    this.stats.created += 1;
  }

  /**
   * Works the task list until nothing is due today, no request waits for the workers and every
   * citizen asked has answered. Completions run in the background (at most COMPLETION_LANES at a
   * time): each request moves on as soon as its own task is done, instead of every request of the
   * day waiting for the slowest completion of a wave; the task list is read again whenever a
   * completion returns (its next task may follow) or, while none does, after a short wait.
   */
  private async settle(windowStart: number, pinnedAt: number): Promise<void> {
    // no read of the task list is under way between two settles: what one completed is no longer shown
    this.completedNow.clear();
    let first = true;
    let lastProgress = Date.now();
    let nudges = 0;
    let idle = IDLE_POLL_MIN_MS;
    for (;;) {
      if (this.failure !== undefined) throw this.failure;
      // the first read goes back a day (what appeared after yesterday's last read); the tasks
      // created since are created at the clock's time, which is at or after today's pin
      const found = await this.scan(first ? windowStart : pinnedAt);
      first = false;
      const started = this.startDue();
      const answered = await this.answerFollowUps();
      const returned = this.returned;
      this.returned = 0;
      if (found + started + answered + returned > 0) {
        lastProgress = Date.now();
        nudges = 0;
        idle = IDLE_POLL_MIN_MS;
        // a completion under way: look again once one returns (or after the shortest wait)
        if (this.running > 0 && found + answered === 0) await this.completionOrTimeout(idle);
        continue;
      }
      if (this.running > 0) {
        await this.completionOrTimeout(idle);
        idle = Math.min(IDLE_POLL_MAX_MS, idle * 2);
        continue;
      }
      if (this.inFlight.size === 0 && this.answering.size === 0) return;
      if (Date.now() - lastProgress < STALL_MS) {
        await new Promise((r) => setTimeout(r, idle));
        idle = Math.min(IDLE_POLL_MAX_MS, idle * 2);
        continue;
      }
      if (nudges >= MAX_NUDGES) throw new Error(await this.stuckReport());
      nudges += 1;
      this.stats.clockNudges += 1;
      lastProgress = Date.now();
      await this.clock.pin(new Date(this.now.getTime() + NUDGE_MS));
    }
  }

  /** Waits until a completion returns, or `ms` at most. */
  private async completionOrTimeout(ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([new Promise<void>((r) => this.waiters.push(r)), new Promise<void>((r) => (timer = setTimeout(r, ms)))]);
    clearTimeout(timer);
  }

  /** Reads the open tasks created since `windowStart` that are not known yet (GET /api/tasks); returns how many. */
  private async scan(windowStart: number): Promise<number> {
    const overseer = this.sessions.of(OVERSEER);
    const since = encodeURIComponent(new Date(windowStart).toISOString());
    let found = 0;
    for (let offset = 0; ; offset += PAGE) {
      const path = `/api/tasks?all=true&createdAfter=${since}&limit=${PAGE}&offset=${offset}`;
      this.stats.scans += 1;
      const page = expectStatus(OVERSEER, 'GET', path, await overseer.call<{ items: OpenTask[] }>('GET', path), 200).body;
      for (const task of page.items) {
        if (this.known.has(task.key) || this.completedNow.has(task.key)) continue;
        this.schedule(task);
        found += 1;
      }
      if (page.items.length < PAGE) return found;
    }
  }

  private schedule(task: OpenTask): void {
    const tracked = task.requestId === null ? undefined : this.byRequest.get(task.requestId);
    if (task.requestId !== null && tracked === undefined) throw new Error(`task ${task.elementId} (${task.key}) is for ${task.requestId}, a request the replay did not take in`);
    const action = tracked ? tracked.staff.act(task, this.now) : supervisorAction(task, this.now);
    if (tracked) {
      tracked.open.add(task.key);
      this.inFlight.delete(tracked);
    }
    this.known.set(task.key, { task, tracked, action });
    const day = dayStart(this.now.getTime()) + action.afterDays * DAY_MS;
    const list = this.agenda.get(day);
    if (list) list.push(task.key);
    else this.agenda.set(day, [task.key]);
  }

  /** Starts the completion of every task due by today (they queue for the lanes); returns how many. */
  private startDue(): number {
    const today = dayStart(this.now.getTime());
    let started = 0;
    for (const [day, keys] of this.agenda) {
      if (day > today) continue;
      this.agenda.delete(day);
      for (const key of keys) {
        const scheduled = this.known.get(key);
        if (scheduled === undefined) continue;
        this.queue.push(scheduled);
        started += 1;
      }
    }
    while (this.running < COMPLETION_LANES && this.queue.length > 0) this.lane();
    return started;
  }

  /** One lane: completes queued tasks one after another until the queue is empty. */
  private lane(): void {
    this.running += 1;
    void (async () => {
      try {
        for (let next = this.queue.shift(); next !== undefined; next = this.queue.shift()) {
          await this.complete(next);
          this.returned += 1;
          for (const wake of this.waiters.splice(0)) wake();
        }
      } catch (error) {
        this.failure ??= error;
        this.queue.length = 0;
      } finally {
        this.running -= 1;
        for (const wake of this.waiters.splice(0)) wake();
      }
    })();
  }

  /**
   * The person the task is for completes it through the API: the citizen signs with the lookup
   * code, staff complete their task with the step's form. A task an interrupting event cancelled
   * meanwhile is gone (404, 409): nothing to do.
   */
  private async complete({ task, tracked, action }: Scheduled): Promise<void> {
    if (tracked !== undefined && task.elementId === 'sign-citizen') {
      const path = `/api/public/requests/${encodeURIComponent(tracked.taken.requestId)}/signature`;
      const answer = await this.api.citizen.call('POST', path, { lookupCode: tracked.taken.lookupCode, signed: action.variables.signed === true });
      if (expectStatus(`the citizen of ${tracked.taken.requestId}`, 'POST', path, answer, 204, 409).status === 204) this.stats.tasksCompleted += 1;
    } else {
      const person = this.people.workerOf(task);
      const path = `/api/tasks/${task.key}/completion`;
      const answer = await this.sessions.of(person.username).call('POST', path, { variables: action.variables });
      if (expectStatus(`${person.username} (${task.elementId} of ${task.requestId ?? task.processDefinitionId})`, 'POST', path, answer, 204, 404, 409).status === 204) {
        this.stats.tasksCompleted += 1;
      }
    }
    this.known.delete(task.key);
    this.completedNow.add(task.key);
    if (!tracked) return;
    tracked.open.delete(task.key);
    // tasks of one round complete in any order: the request is finished by the round's last
    // decision, whichever completion happens to return last
    if (tracked.staff.finishedAfter(task, action)) {
      tracked.finished = true;
      this.inFlight.delete(tracked);
    }
    if (tracked.open.size === 0 && !tracked.finished) this.inFlight.add(tracked);
    if (action.answer !== undefined) {
      tracked.answer = action.answer;
      this.answering.add(tracked);
    }
  }

  /**
   * The citizens who have been asked (the request closed, the follow-up waiting) answer through the
   * public door; an answer the API is not ready for (409) is given again on the next pass. Returns
   * how many answered.
   */
  private async answerFollowUps(): Promise<number> {
    let answered = 0;
    const given = (tracked: Tracked) => {
      this.answering.delete(tracked);
      tracked.answer = undefined;
      this.stats.answersGiven += 1;
      answered += 1;
    };
    const asked: Tracked[] = [];
    for (const tracked of this.answering) {
      if (this.hooks.followUpAwaited(tracked.taken.requestId)) asked.push(tracked);
      // an answer the engine took after the API gave up waiting (503): the follow-up is no longer awaited
      else if (tracked.answerLate) given(tracked);
    }
    await eachLimited(asked, 16, async (tracked) => {
      const { requestId, lookupCode } = tracked.taken;
      const answer = tracked.answer!;
      const path = `/api/public/requests/${encodeURIComponent(requestId)}/satisfaction`;
      const reply = await this.api.citizen.call('POST', path, { lookupCode, answer, comment: COMMENTS[answer] });
      // 409: not awaited yet after all; 503: the engine did not take the answer in time (it may still)
      const status = expectStatus(`the citizen of ${requestId}`, 'POST', path, reply, 202, 409, 503).status;
      if (status === 503) tracked.answerLate = true;
      if (status === 202) given(tracked);
    });
    return answered;
  }

  private async stuckReport(): Promise<string> {
    const waiting = [...this.inFlight].slice(0, 10).map((t) => t.taken.requestId);
    const unanswered = [...this.answering].slice(0, 10).map((t) => t.taken.requestId);
    let incidents: string;
    try {
      const page = await this.clock.engine.call<{ items: Array<{ errorMessage?: string; elementId?: string; processInstanceKey: string }> }>(
        'POST',
        '/v2/incidents/search',
        { filter: { state: 'ACTIVE' }, page: { limit: 5 } },
      );
      incidents = page.items.map((i) => `\n  incident at ${i.elementId} (instance ${i.processInstanceKey}): ${i.errorMessage}`).join('');
    } catch (error) {
      incidents = `\n  (incidents unreadable: ${error instanceof Error ? error.message : String(error)})`;
    }
    return (
      `the replay is stuck at ${this.now.toISOString()}: ${this.inFlight.size} request(s) wait for the workers and nothing moves` +
      `${waiting.length > 0 ? ` (e.g. ${waiting.join(', ')})` : ''}; ${this.answering.size} citizen(s) wait to be asked${unanswered.length > 0 ? ` (e.g. ${unanswered.join(', ')})` : ''}${incidents}`
    );
  }
}

function dayStart(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

/**
 * The weekly supervision's people: the discipline commission holds an interview the day it is
 * called, with 30 days to put things right; the supervision group checks it the day it is due.
 */
function supervisorAction(task: OpenTask, now: Date): Action {
  if (task.elementId === 'interview') {
    const deadline = new Date(now.getTime() + 30 * DAY_MS + 8 * 3_600_000).toISOString().slice(0, 10);
    return { afterDays: 0, variables: { heldAt: now.toISOString(), findings: '已约谈主要负责人,限期整改', rectificationDeadline: deadline } };
  }
  if (task.elementId === 'check-rectification') return { afterDays: 0, variables: { rectified: true, checkNote: '已按期整改' } };
  throw new Error(`the simulated staff do not know the task ${task.elementId} of ${task.processDefinitionId}`);
}
