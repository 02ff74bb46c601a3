// Hands activatable jobs to workers: long-polling ActivateJobs calls wait here until a job of
// their type appears or their request timeout passes; open StreamActivatedJobs streams get
// new jobs pushed (one stream per job, round robin), jobs already waiting are left for polls.

import type * as grpc from '@grpc/grpc-js';
import type { Engine } from '../runtime/engine.js';
import type { ActivateRequest, ActivatedJob } from '../runtime/job-commands.js';
import type { Effects } from '../runtime/context.js';
import { activateOne } from '../runtime/job-commands.js';

interface PendingPoll {
  request: ActivateRequest;
  respond: (jobs: ActivatedJob[]) => void;
  timer: NodeJS.Timeout;
  done: boolean;
}

export interface JobStream {
  type: string;
  worker: string;
  timeout: number;
  fetchVariable: string[];
  tenantIds: string[];
  push: (job: ActivatedJob) => boolean;
}

export class JobDispatcher {
  private readonly polls = new Map<string, PendingPoll[]>();
  private readonly streams = new Map<string, JobStream[]>();
  private readonly nextStream = new Map<string, number>();

  constructor(private readonly engine: Engine) {
    engine.addListener({ onEffects: (effects) => this.onEffects(effects) });
  }

  /** Activates at once, or waits up to `requestTimeout` ms for jobs (< 0: never wait). */
  activate(request: ActivateRequest, requestTimeout: number, respond: (jobs: ActivatedJob[]) => void, call?: grpc.ServerWritableStream<unknown, unknown>): void {
    const jobs = this.engine.activateJobs(request);
    if (jobs.length > 0 || requestTimeout < 0) return respond(jobs);
    const poll: PendingPoll = {
      request,
      respond,
      done: false,
      timer: setTimeout(() => this.finishPoll(poll, []), requestTimeout),
    };
    const list = this.polls.get(request.type) ?? [];
    list.push(poll);
    this.polls.set(request.type, list);
    call?.on('cancelled', () => this.finishPoll(poll, undefined));
  }

  openStream(stream: JobStream): () => void {
    const list = this.streams.get(stream.type) ?? [];
    list.push(stream);
    this.streams.set(stream.type, list);
    return () => {
      const current = this.streams.get(stream.type) ?? [];
      const remaining = current.filter((s) => s !== stream);
      if (remaining.length) this.streams.set(stream.type, remaining);
      else this.streams.delete(stream.type);
    };
  }

  close(): void {
    for (const list of this.polls.values()) for (const poll of list) this.finishPoll(poll, []);
    this.polls.clear();
    this.streams.clear();
  }

  private finishPoll(poll: PendingPoll, jobs: ActivatedJob[] | undefined): void {
    if (poll.done) return;
    poll.done = true;
    clearTimeout(poll.timer);
    const list = this.polls.get(poll.request.type);
    if (list) {
      const remaining = list.filter((p) => p !== poll);
      if (remaining.length) this.polls.set(poll.request.type, remaining);
      else this.polls.delete(poll.request.type);
    }
    if (jobs) poll.respond(jobs);
  }

  private onEffects(effects: Effects): void {
    if (effects.activatableJobs.length === 0) return;
    // defer: effects are announced from inside the command that produced them
    const pushed = effects.activatableJobs.filter((job) => this.streams.has(job.type));
    const types = [...effects.jobsAvailable];
    setImmediate(() => {
      if (pushed.length) this.pushToStreams(pushed);
      for (const type of types) this.servePolls(type);
    });
  }

  /** activates the new jobs for their streams (one transaction for all), then pushes them */
  private pushToStreams(jobs: Array<{ key: number; type: string }>): void {
    const deliveries = this.engine.run((tx) => {
      const out: Array<{ stream: JobStream; job: ActivatedJob }> = [];
      for (const { key, type } of jobs) {
        const streams = this.streams.get(type);
        if (!streams?.length) continue;
        const index = (this.nextStream.get(type) ?? 0) % streams.length;
        this.nextStream.set(type, index + 1);
        const stream = streams[index]!;
        const row = tx.store.job(key);
        if (!row || row.state !== 'ACTIVATABLE' || !tenantMatches(stream.tenantIds, row.tenant_id)) continue;
        out.push({ stream, job: activateOne(tx, row, stream) });
      }
      return out;
    });
    for (const { stream, job } of deliveries) {
      if (!stream.push(job)) this.engine.yieldJob(job.key);
    }
  }

  private servePolls(type: string): void {
    const list = this.polls.get(type);
    if (!list) return;
    for (const poll of [...list]) {
      if (poll.done) continue;
      const jobs = this.engine.activateJobs(poll.request);
      if (jobs.length === 0) break;
      this.finishPoll(poll, jobs);
    }
  }
}

function tenantMatches(tenantIds: string[], tenantId: string): boolean {
  if (tenantIds.length === 0) return tenantId === '<default>';
  return tenantIds.some((t) => (t === '' ? '<default>' : t) === tenantId);
}
