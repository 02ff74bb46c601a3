// Jobs: activation, long polling, streaming, timeouts, completion, failure, errors.
// Docs: https://docs.camunda.io/docs/apis-tools/zeebe-api/gateway-service/#activatejobs-rpc
//       https://docs.camunda.io/docs/apis-tools/zeebe-api/gateway-service/#streamactivatedjobs-rpc
//       https://docs.camunda.io/docs/components/concepts/job-workers/
//       https://docs.camunda.io/docs/components/concepts/incidents/
//       https://docs.camunda.io/docs/components/modeler/bpmn/error-events/
import { describe, expect, it } from 'vitest';
import { expectGrpcError, itNeedsInspect, sleep, useHarness, waitUntil, within } from '../harness.js';

const h = useHarness();

const UNKNOWN_KEY = ((1n << 51n) + 987_654_321_987n).toString();

/** Deploys jobs/one-task.bpmn, starts an instance and returns the scope, instance and job type. */
async function oneTask(variables: Record<string, unknown> = {}) {
  const s = h.scope();
  await s.deploy('jobs/one-task.bpmn');
  const created = await s.create('jobs-one', variables);
  return { s, created, type: s.type('jobs-work') };
}

describe('ActivateJobs', () => {
  it('honours maxJobsToActivate', async () => {
    // given: three activatable jobs of one type
    const s = h.scope();
    await s.deploy('jobs/one-task.bpmn');
    for (let i = 0; i < 3; i++) await s.create('jobs-one', { i });
    await sleep(1_000);

    // when
    const firstBatch = await h.activate(s.type('jobs-work'), { maxJobsToActivate: 2 });

    // then
    expect(firstBatch).toHaveLength(2);
    const rest = await h.waitForJobs(s.type('jobs-work'), { count: 1 });
    expect(rest).toHaveLength(1);
    await h.expectNoJobs(s.type('jobs-work'), 300);
    const keys = new Set([...firstBatch, ...rest].map((j) => j.key));
    expect(keys.size).toBe(3);
  });

  it('records the worker name and a deadline of now + timeout', async () => {
    // given
    const { type } = await oneTask();

    // when
    const before = Date.now();
    const [job] = await h.waitForJobs(type, { worker: 'clerk-7', timeout: 120_000 });

    // then
    expect(job!.worker).toBe('clerk-7');
    const deadline = Number(job!.deadline);
    expect(deadline).toBeGreaterThanOrEqual(before + 120_000 - 5_000);
    expect(deadline).toBeLessThanOrEqual(Date.now() + 120_000 + 5_000);
  });

  it('fetchVariable limits the job variables to the named ones', async () => {
    // given
    const { type } = await oneTask({ a: 1, b: 2, c: 3 });

    // when
    const [job] = await h.waitForJobs(type, { fetchVariable: ['a', 'c', 'missing'] });

    // then
    expect(job!.variables).toEqual({ a: 1, c: 3 });
  });

  it.each([
    ['a blank type', { type: '' }],
    ['a blank worker', { worker: '' }],
    ['a timeout below 1', { timeout: 0 }],
    ['maxJobsToActivate below 1', { maxJobsToActivate: 0 }],
  ])('rejects %s with INVALID_ARGUMENT', async (_what, override) => {
    // given
    const request = { type: 'jobs-any', worker: 'w', timeout: 1_000, maxJobsToActivate: 1, requestTimeout: -1, ...override };

    // when / then: the gateway answers at once with the status
    await expectGrpcError(within(5_000, h.zbc.activateJobs(request as any), 'ActivateJobs'), 'INVALID_ARGUMENT');
  });

  it('requestTimeout -1 answers at once, with no jobs when none is activatable', async () => {
    // given
    const s = h.scope();
    const started = Date.now();

    // when
    const jobs = await h.activate(s.type('nothing-here'), { requestTimeout: -1 });

    // then
    expect(jobs).toEqual([]);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('long polling: a request with requestTimeout is held until a job is created, then answers', async () => {
    // given
    const s = h.scope();
    await s.deploy('jobs/one-task.bpmn');
    const started = Date.now();
    const polling = h.activate(s.type('jobs-work'), { requestTimeout: 10_000 });
    await sleep(500);

    // when
    const created = await s.create('jobs-one');

    // then
    const jobs = await polling;
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.processInstanceKey).toBe(created.processInstanceKey);
    expect(Date.now() - started).toBeLessThan(9_000);
  });

  it('long polling: a request with requestTimeout and no job answers empty after the timeout', async () => {
    // given
    const s = h.scope();
    const started = Date.now();

    // when
    const jobs = await h.raw.activateJobs(
      { type: s.type('nothing-here'), worker: 'w', timeout: 1_000, maxJobsToActivate: 1, requestTimeout: 1_000 },
      15_000,
    );

    // then
    expect(jobs).toEqual([]);
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(900);
    expect(elapsed).toBeLessThan(10_000);
  });
});

describe('StreamActivatedJobs', () => {
  it('pushes a job created after the stream opened', async () => {
    // given: a raw stream (the SDK's streamJobs also polls, which would hide a missing push)
    const s = h.scope();
    await s.deploy('jobs/one-task.bpmn');
    const received: any[] = [];
    const stream = h.raw.serverStream('StreamActivatedJobs', {
      type: s.type('jobs-work'),
      worker: 'streamer',
      timeout: 30_000,
      fetchVariable: [],
      tenantIds: [],
    });
    stream.on('data', (job: any) => received.push(job));
    stream.on('error', () => {});
    await sleep(1_000);

    try {
      // when
      const created = await s.create('jobs-one', { pushed: true });

      // then
      await waitUntil(() => received.length > 0, { timeoutMs: 10_000, description: 'a pushed job' });
      expect(received).toHaveLength(1);
      expect(received[0]).toMatchObject({
        processInstanceKey: created.processInstanceKey,
        worker: 'streamer',
        elementId: 'work',
      });
      expect(JSON.parse(received[0].variables)).toEqual({ pushed: true });
      // the pushed job is activated: polling does not see it
      await h.expectNoJobs(s.type('jobs-work'), 300);
      await h.zbc.completeJob({ jobKey: received[0].key, variables: {} });
    } finally {
      stream.cancel();
    }
  });

  it('a stream with a blank type is rejected with INVALID_ARGUMENT', async () => {
    // given
    const stream = h.raw.serverStream('StreamActivatedJobs', {
      type: '',
      worker: 'streamer',
      timeout: 30_000,
      fetchVariable: [],
      tenantIds: [],
    });

    // when
    const status = new Promise<never>((_, reject) => {
      stream.on('error', reject);
      stream.on('data', () => {});
    });

    // then
    try {
      await expectGrpcError(within(5_000, status, 'StreamActivatedJobs'), 'INVALID_ARGUMENT');
    } finally {
      stream.cancel();
    }
  });

  it("the SDK's streamJobs worker receives and completes jobs", async () => {
    // given
    const s = h.scope();
    await s.deploy('jobs/one-task.bpmn');
    const worker = await h.zbc.streamJobs({
      type: s.type('jobs-work'),
      worker: 'sdk-streamer',
      timeout: 30_000,
      taskHandler: (job: any) => job.complete({ handledBy: 'stream' }),
    } as any);
    await sleep(1_000);

    try {
      // when
      const res = await s.createWithResult('jobs-one', { a: 1 });

      // then
      expect(res.variables).toEqual({ a: 1, handledBy: 'stream' });
    } finally {
      worker.close();
    }
  });
});

describe('job workers', () => {
  it("the SDK's polling worker (createWorker) activates and completes jobs", async () => {
    // given
    const s = h.scope();
    await s.deploy('jobs/one-task.bpmn');
    const worker = h.zbc.createWorker({
      taskType: s.type('jobs-work'),
      taskHandler: (job: any) => job.complete({ handledBy: 'poller', sawA: job.variables.a }),
      pollInterval: 100,
    } as any);

    try {
      // when
      const res = await s.createWithResult('jobs-one', { a: 5 });

      // then
      expect(res.variables).toEqual({ a: 5, handledBy: 'poller', sawA: 5 });
    } finally {
      await worker.close();
    }
  });
});

describe('job timeout', () => {
  it('an activated job whose timeout passes can be activated again, retries unchanged', async () => {
    // given
    const { type } = await oneTask();
    const first = await h.waitForJob(type, { timeout: 1_000 });

    // when: the deadline passes
    const again = await h.waitForJob(type, { timeoutMs: 15_000 });

    // then
    expect(again.key).toBe(first.key);
    expect(again.retries).toBe(first.retries);
    expect(again.retries).toBe(3);
  });

  it('a job whose timeout passed can still be completed with its key (it is activatable, not gone)', async () => {
    // given: Zeebe accepts CompleteJob for jobs in state ACTIVATABLE or ACTIVATED
    // (DefaultJobCommandPreconditionGuard); a timed-out job is ACTIVATABLE again
    const s = h.scope();
    await s.deploy('jobs/one-task.bpmn');
    const result = s.createWithResult('jobs-one');
    const job = await h.waitForJob(s.type('jobs-work'), { timeout: 500 });
    await sleep(2_000);

    // when
    await h.complete(job, { late: true });

    // then
    expect((await result).variables).toEqual({ late: true });
    await h.expectNoJobs(s.type('jobs-work'), 300);
  });

  it('UpdateJobTimeout extends the deadline', async () => {
    // given
    const { type } = await oneTask();
    const job = await h.waitForJob(type, { timeout: 1_000 });

    // when
    await h.zbc.updateJobTimeout({ jobKey: job.key, timeout: 30_000 });

    // then: well after the original deadline, the job is still held by us
    await h.expectNoJobs(type, 3_000);
    await h.complete(job);
  });

  it('UpdateJobTimeout on an unknown job is NOT_FOUND', async () => {
    await expectGrpcError(h.zbc.updateJobTimeout({ jobKey: UNKNOWN_KEY, timeout: 1_000 }), 'NOT_FOUND');
  });
});

describe('CompleteJob', () => {
  it('an unknown job key is NOT_FOUND', async () => {
    await expectGrpcError(h.zbc.completeJob({ jobKey: UNKNOWN_KEY, variables: {} }), 'NOT_FOUND');
  });

  it('completing a job twice is NOT_FOUND (the job no longer exists)', async () => {
    // given
    const { type } = await oneTask();
    const job = await h.waitForJob(type);
    await h.complete(job);

    // when / then
    await expectGrpcError(h.complete(job), 'NOT_FOUND');
  });
});

describe('FailJob', () => {
  it('with retries > 0 makes the job activatable again with those retries', async () => {
    // given
    const { type } = await oneTask();
    const job = await h.waitForJob(type);

    // when
    await h.zbc.failJob({ jobKey: job.key, retries: 2, errorMessage: 'temporary', retryBackOff: 0 });

    // then
    const again = await h.waitForJob(type);
    expect(again.key).toBe(job.key);
    expect(again.retries).toBe(2);
  });

  it('with a retryBackOff the job is not activatable until the back-off passes', async () => {
    // given
    const { type } = await oneTask();
    const job = await h.waitForJob(type);
    const failedAt = Date.now();

    // when
    await h.zbc.failJob({ jobKey: job.key, retries: 1, errorMessage: 'later', retryBackOff: 3_000 });

    // then
    await h.expectNoJobs(type, 1_500);
    const again = await h.waitForJob(type, { timeoutMs: 15_000 });
    expect(again.key).toBe(job.key);
    expect(Date.now() - failedAt).toBeGreaterThanOrEqual(2_900);
  });

  it('with retries 0 raises an incident: the job is no longer activatable', async () => {
    // given
    const { type, created } = await oneTask();
    const job = await h.waitForJob(type);

    // when
    await h.zbc.failJob({ jobKey: job.key, retries: 0, errorMessage: 'broken for good', retryBackOff: 0 });

    // then
    await h.expectNoJobs(type, 1_500);
    const incidents = await h.incidents(created.processInstanceKey).catch(() => undefined);
    if (incidents !== undefined) {
      expect(incidents).toHaveLength(1);
      expect(incidents[0]).toMatchObject({
        type: 'JOB_NO_RETRIES',
        elementId: 'work',
        jobKey: job.key,
        message: 'broken for good',
      });
    }
  });

  it('a failed job (no retries) cannot be completed: FAILED_PRECONDITION', async () => {
    // given
    const { type } = await oneTask();
    const job = await h.waitForJob(type);
    await h.zbc.failJob({ jobKey: job.key, retries: 0, errorMessage: 'broken', retryBackOff: 0 });

    // when / then
    await expectGrpcError(h.complete(job), 'FAILED_PRECONDITION');
  });

  it('a failed job (no retries) cannot be failed again: FAILED_PRECONDITION', async () => {
    // given
    const { type } = await oneTask();
    const job = await h.waitForJob(type);
    await h.zbc.failJob({ jobKey: job.key, retries: 0, errorMessage: 'broken', retryBackOff: 0 });

    // when / then
    await expectGrpcError(h.zbc.failJob({ jobKey: job.key, retries: 0, errorMessage: 'again', retryBackOff: 0 }), 'FAILED_PRECONDITION');
  });

  it('an unknown job key is NOT_FOUND', async () => {
    await expectGrpcError(h.zbc.failJob({ jobKey: UNKNOWN_KEY, retries: 1, errorMessage: 'x', retryBackOff: 0 }), 'NOT_FOUND');
  });

  itNeedsInspect('UpdateJobRetries alone does not reactivate; ResolveIncident then makes the job activatable', async () => {
    // given: a job incident
    const { type, created } = await oneTask();
    const job = await h.waitForJob(type);
    await h.zbc.failJob({ jobKey: job.key, retries: 0, errorMessage: 'broken', retryBackOff: 0 });
    const [incident] = await h.waitForIncidents(created.processInstanceKey);
    expect(incident!.jobKey).toBe(job.key);

    // when: retries are updated, but the incident is still open
    await h.zbc.updateJobRetries({ jobKey: job.key, retries: 1 });

    // then
    await h.expectNoJobs(type, 1_000);

    // when
    await h.zbc.resolveIncident({ incidentKey: incident!.key });

    // then
    const again = await h.waitForJob(type);
    expect(again.key).toBe(job.key);
    expect(again.retries).toBe(1);
    expect(await h.incidents(created.processInstanceKey)).toEqual([]);
  });

  itNeedsInspect('ResolveIncident while the job still has no retries is FAILED_PRECONDITION', async () => {
    // given: Zeebe rejects "job ... has no retries left. Please update the job retries"
    const { type, created } = await oneTask();
    const job = await h.waitForJob(type);
    await h.zbc.failJob({ jobKey: job.key, retries: 0, errorMessage: 'broken', retryBackOff: 0 });
    const [incident] = await h.waitForIncidents(created.processInstanceKey);

    // when / then
    await expectGrpcError(h.zbc.resolveIncident({ incidentKey: incident!.key }), 'FAILED_PRECONDITION');
  });

  it('ResolveIncident with an unknown key is NOT_FOUND', async () => {
    await expectGrpcError(h.zbc.resolveIncident({ incidentKey: UNKNOWN_KEY }), 'NOT_FOUND');
  });
});

describe('UpdateJobRetries', () => {
  it('on an unknown job is NOT_FOUND', async () => {
    await expectGrpcError(h.zbc.updateJobRetries({ jobKey: UNKNOWN_KEY, retries: 3 }), 'NOT_FOUND');
  });

  it('changes the retries seen by the next activation', async () => {
    // given
    const { type } = await oneTask();
    const job = await h.waitForJob(type, { timeout: 1_000 });

    // when
    await h.zbc.updateJobRetries({ jobKey: job.key, retries: 7 });

    // then (re-activated after its timeout)
    const again = await h.waitForJob(type, { timeoutMs: 15_000 });
    expect(again.key).toBe(job.key);
    expect(again.retries).toBe(7);
  });
});

describe('ThrowError', () => {
  it('is caught by the error boundary event with the matching code; error variables reach its path', async () => {
    // given: a boundary for E_SPECIFIC and a catch-all boundary on the same task
    const s = h.scope();
    await s.deploy('jobs/error-boundary.bpmn');
    const result = s.createWithResult('jobs-error', { a: 1 });
    const job = await h.waitForJob(s.type('jobs-error-work'));

    // when
    await h.zbc.throwError({
      jobKey: job.key,
      errorCode: 'E_SPECIFIC',
      errorMessage: 'card declined',
      variables: { reason: 'declined' },
    });

    // then: the code-specific catch wins over the catch-all
    const handler = await h.waitForJob(s.type('jobs-error-specific'));
    expect(handler.elementId).toBe('handle_specific');
    expect(handler.variables).toEqual({ a: 1, reason: 'declined' });
    await h.expectNoJobs(s.type('jobs-error-any'), 300);
    // and the task itself was interrupted
    await expectGrpcError(h.complete(job), 'NOT_FOUND');
    await h.complete(handler);
    expect((await result).variables).toEqual({ a: 1, reason: 'declined' });
  });

  it('an error code without a specific catch is caught by the catch-all boundary', async () => {
    // given
    const s = h.scope();
    await s.deploy('jobs/error-boundary.bpmn');
    await s.create('jobs-error');
    const job = await h.waitForJob(s.type('jobs-error-work'));

    // when
    await h.zbc.throwError({ jobKey: job.key, errorCode: 'SOMETHING_ELSE', errorMessage: 'other' });

    // then
    expect((await h.waitForJob(s.type('jobs-error-any'))).elementId).toBe('handle_any');
    await h.expectNoJobs(s.type('jobs-error-specific'), 300);
  });

  it('without a matching catch event raises an incident: the instance does not go on', async () => {
    // given
    const s = h.scope();
    await s.deploy('jobs/no-catch.bpmn');
    const created = await s.create('jobs-no-catch');
    const job = await h.waitForJob(s.type('jobs-nocatch-work'));

    // when
    await h.zbc.throwError({ jobKey: job.key, errorCode: 'NOBODY_CATCHES', errorMessage: 'lost' });

    // then: the job is neither activatable nor completable
    await h.expectNoJobs(s.type('jobs-nocatch-work'), 1_000);
    const incidents = await h.incidents(created.processInstanceKey).catch(() => undefined);
    if (incidents !== undefined) {
      expect(incidents).toHaveLength(1);
      expect(incidents[0]).toMatchObject({ type: 'UNHANDLED_ERROR_EVENT', elementId: 'work' });
    }
  });

  it('on an unknown job is NOT_FOUND', async () => {
    await expectGrpcError(h.zbc.throwError({ jobKey: UNKNOWN_KEY, errorCode: 'E', errorMessage: 'x' }), 'NOT_FOUND');
  });
});
