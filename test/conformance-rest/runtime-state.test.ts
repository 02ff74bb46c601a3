// Element instances, variables, incidents and jobs over REST v2.
// Docs: https://docs.camunda.io/docs/apis-tools/orchestration-cluster-api-rest/specifications/search-element-instances/
//       .../search-variables/, .../get-variable/, .../search-incidents/, .../resolve-incident/,
//       .../activate-jobs/, .../complete-job/, .../fail-job/, .../throw-job-error/

import { beforeAll, describe, expect, it } from 'vitest';
import { deploy, expectHttpError, expectProblem, NOW, raw, unique, useHarness } from './harness.js';

const harness = useHarness();

beforeAll(async () => {
  await deploy(harness().client, 'one-task.bpmn', 'error-catch.bpmn', 'straight-through.bpmn');
});

async function activateOne(type: string, processInstanceKey: string) {
  const { client } = harness();
  for (let attempt = 0; attempt < 20; attempt++) {
    const { jobs } = await client.activateJobs({ type, worker: 'rest-test', timeout: 60_000, maxJobsToActivate: 20, requestTimeout: -1 });
    const mine = jobs.find((j) => j.processInstanceKey === processInstanceKey);
    // hand the others back at once
    for (const other of jobs.filter((j) => j !== mine)) await client.failJob({ jobKey: other.jobKey, retries: 3, errorMessage: 'not mine' });
    if (mine) return mine;
  }
  throw new Error(`no ${type} job for ${processInstanceKey}`);
}

describe('element instances', () => {
  it('lists the element instances of an instance: ACTIVE while running, COMPLETED after, with names and types', async () => {
    // given
    const { client } = harness();
    const created = await client.createProcessInstance({ processDefinitionId: 'rest-one-task' as never });
    const filter = { processInstanceKey: created.processInstanceKey };

    // when
    const running = await client.searchElementInstances({ filter, sort: [{ field: 'elementInstanceKey' }] }, NOW);
    const job = await activateOne('rest-work', created.processInstanceKey);
    await client.completeJob({ jobKey: job.jobKey });
    const done = await client.searchElementInstances({ filter, sort: [{ field: 'startDate' }, { field: 'elementInstanceKey' }] }, NOW);

    // then
    expect(running.items!.map((e) => [e.elementId, e.type, e.state])).toEqual([
      ['start', 'START_EVENT', 'COMPLETED'], ['work', 'SERVICE_TASK', 'ACTIVE'],
    ]);
    expect(done.items!.map((e) => [e.elementId, e.elementName, e.state])).toEqual([
      ['start', 'Start', 'COMPLETED'], ['work', 'Do the work', 'COMPLETED'], ['end', 'Done', 'COMPLETED'],
    ]);
    expect(done.items![1]).toMatchObject({ processDefinitionId: 'rest-one-task', hasIncident: false, tenantId: '<default>' });
    expect(done.items![1]!.endDate).toBeDefined();
  });

  it('filters by state, type and element id, and gets one element instance by key', async () => {
    // given
    const { client, address } = harness();
    const created = await client.createProcessInstance({ processDefinitionId: 'rest-one-task' as never });
    const base = { processInstanceKey: created.processInstanceKey };

    // when
    const active = await client.searchElementInstances({ filter: { ...base, state: 'ACTIVE' } }, NOW);
    const tasks = await client.searchElementInstances({ filter: { ...base, type: 'SERVICE_TASK' } }, NOW);
    const starts = await client.searchElementInstances({ filter: { ...base, elementId: 'start' as never } }, NOW);
    const one = await client.getElementInstance({ elementInstanceKey: tasks.items![0]!.elementInstanceKey }, NOW);
    const missing = await raw(address, 'GET', '/v2/element-instances/2251799813999999');

    // then
    expect(active.items!.map((e) => e.elementId)).toEqual(['work']);
    expect(tasks.items!.map((e) => e.elementId)).toEqual(['work']);
    expect(starts.items!.map((e) => e.state)).toEqual(['COMPLETED']);
    expect(one).toEqual(tasks.items![0]);
    expectProblem(missing, 404, 'NOT_FOUND', '/v2/element-instances/2251799813999999');
  });
});

describe('variables', () => {
  it('searches variables by process instance and name; values are JSON text', async () => {
    // given
    const { client } = harness();
    const created = await client.createProcessInstance({
      processDefinitionId: 'rest-one-task' as never, variables: { orderId: 'A-7', amount: 12.5, items: [1, 2], flag: null },
    });

    // when
    const all = await client.searchVariables({ filter: { processInstanceKey: created.processInstanceKey }, sort: [{ field: 'name' }] }, NOW);
    const named = await client.searchVariables({ filter: { processInstanceKey: created.processInstanceKey, name: { $in: ['orderId', 'amount'] } } }, NOW);
    const byValue = await client.searchVariables({ filter: { processInstanceKey: created.processInstanceKey, value: '"A-7"' } }, NOW);

    // then
    expect(all.items.map((v) => [v.name, v.value, v.isTruncated])).toEqual([
      ['amount', '12.5', false], ['flag', 'null', false], ['items', '[1,2]', false], ['orderId', '"A-7"', false],
    ]);
    expect(all.items[0]).toMatchObject({ scopeKey: created.processInstanceKey, processInstanceKey: created.processInstanceKey, tenantId: '<default>' });
    expect(named.items.map((v) => v.name).sort()).toEqual(['amount', 'orderId']);
    expect(byValue.items.map((v) => v.name)).toEqual(['orderId']);
  });

  it('truncates long values in searches (isTruncated) unless truncateValues=false; get answers the full value', async () => {
    // given
    const { client, address } = harness();
    const long = 'x'.repeat(9000);
    const created = await client.createProcessInstance({ processDefinitionId: 'rest-one-task' as never, variables: { long } });

    // when
    const found = await client.searchVariables({ filter: { processInstanceKey: created.processInstanceKey, name: 'long' } }, NOW);
    const full = await raw(address, 'POST', '/v2/variables/search?truncateValues=false', { filter: { processInstanceKey: created.processInstanceKey } });
    const one = await client.getVariable({ variableKey: found.items[0]!.variableKey }, NOW);
    const missing = await raw(address, 'GET', '/v2/variables/2251799813999999');

    // then
    expect(found.items[0]!.isTruncated).toBe(true);
    expect(found.items[0]!.value.length).toBeLessThan(JSON.stringify(long).length);
    expect(full.body.items[0]).toMatchObject({ isTruncated: false, value: JSON.stringify(long) });
    expect(one.value).toBe(JSON.stringify(long));
    expect(Object.keys(one).sort()).toEqual(['name', 'processInstanceKey', 'scopeKey', 'tenantId', 'value', 'variableKey']);
    expectProblem(missing, 404, 'NOT_FOUND', '/v2/variables/2251799813999999');
  });

  it('filters by scope key: a failed job\'s variables live in the task\'s scope', async () => {
    // given
    const { client } = harness();
    const created = await client.createProcessInstance({ processDefinitionId: 'rest-one-task' as never, variables: { root: 1 } });
    const job = await activateOne('rest-work', created.processInstanceKey);
    await client.failJob({ jobKey: job.jobKey, retries: 2, errorMessage: 'later', variables: { attempt: 1 } });

    // when
    const local = await client.searchVariables({ filter: { scopeKey: job.elementInstanceKey as never } }, NOW);
    const root = await client.searchVariables({ filter: { scopeKey: created.processInstanceKey as never } }, NOW);

    // then
    expect(local.items.map((v) => v.name)).toEqual(['attempt']);
    expect(root.items.map((v) => v.name)).toEqual(['root']);
  });
});

describe('jobs', () => {
  it('activates jobs with parsed variables and headers, and completes them (204), merging variables', async () => {
    // given
    const { client } = harness();
    const tag = unique('job');
    const created = await client.createProcessInstance({ processDefinitionId: 'rest-one-task' as never, variables: { tag } });

    // when
    const job = await activateOne('rest-work', created.processInstanceKey);
    await client.completeJob({ jobKey: job.jobKey, variables: { result: 'ok' } });

    // then
    expect(job).toMatchObject({
      type: 'rest-work', processDefinitionId: 'rest-one-task', elementId: 'work', worker: 'rest-test', retries: 3,
      customHeaders: { priority: 'high' }, kind: 'BPMN_ELEMENT', listenerEventType: 'UNSPECIFIED',
    });
    expect(job.variables).toMatchObject({ tag });
    const instance = await client.getProcessInstance({ processInstanceKey: created.processInstanceKey }, NOW);
    expect(instance.state).toBe('COMPLETED');
    const vars = await client.searchVariables({ filter: { processInstanceKey: created.processInstanceKey, name: 'result' } }, NOW);
    expect(vars.items[0]!.value).toBe('"ok"');
  });

  it('long-polls: an activation waiting for requestTimeout answers as soon as a job appears', async () => {
    // given
    const { client } = harness();
    const type = 'rest-check';
    const waiting = client.activateJobs({ type, worker: 'poller', timeout: 10_000, maxJobsToActivate: 5, requestTimeout: 5_000 });
    await new Promise((r) => setTimeout(r, 100));

    // when
    const started = Date.now();
    const created = await client.createProcessInstance({ processDefinitionId: 'rest-error-catch' as never });
    const { jobs } = await waiting;

    // then
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(jobs.map((j) => j.processInstanceKey)).toContain(created.processInstanceKey);
    for (const j of jobs) await client.completeJob({ jobKey: j.jobKey });
  });

  it('fails a job without retries: an incident JOB_NO_RETRIES appears, searchable and resolvable', async () => {
    // given
    const { client } = harness();
    const created = await client.createProcessInstance({ processDefinitionId: 'rest-one-task' as never });
    const job = await activateOne('rest-work', created.processInstanceKey);

    // when
    await client.failJob({ jobKey: job.jobKey, retries: 0, errorMessage: 'database down' });
    const incidents = await client.searchIncidents({ filter: { processInstanceKey: created.processInstanceKey } }, NOW);

    // then
    expect(incidents.items).toHaveLength(1);
    const incident = incidents.items![0]!;
    expect(incident).toMatchObject({
      errorType: 'JOB_NO_RETRIES', errorMessage: 'database down', elementId: 'work', state: 'ACTIVE', jobKey: job.jobKey,
      processDefinitionId: 'rest-one-task', elementInstanceKey: job.elementInstanceKey, tenantId: '<default>',
    });
    const instance = await client.getProcessInstance({ processInstanceKey: created.processInstanceKey }, NOW);
    expect(instance.hasIncident).toBe(true);
    const element = await client.getElementInstance({ elementInstanceKey: job.elementInstanceKey }, NOW);
    expect(element).toMatchObject({ hasIncident: true, incidentKey: incident.incidentKey });
    expect(await client.getIncident({ incidentKey: incident.incidentKey! }, NOW)).toEqual(incident);
    const withIncident = await client.searchProcessInstances({ filter: { processInstanceKey: created.processInstanceKey, hasIncident: true } }, NOW);
    expect(withIncident.items).toHaveLength(1);
  });

  it('throws a BPMN error from a job: the boundary event catches it', async () => {
    // given
    const { client } = harness();
    const created = await client.createProcessInstance({ processDefinitionId: 'rest-error-catch' as never });
    const job = await activateOne('rest-check', created.processInstanceKey);

    // when
    await client.throwJobError({ jobKey: job.jobKey, errorCode: 'REJECTED', errorMessage: 'not allowed' });

    // then
    const ended = await client.searchElementInstances({ filter: { processInstanceKey: created.processInstanceKey, elementId: 'rejected-end' as never } }, NOW);
    expect(ended.items!.map((e) => e.state)).toEqual(['COMPLETED']);
    const check = await client.searchElementInstances({ filter: { processInstanceKey: created.processInstanceKey, elementId: 'check' as never } }, NOW);
    expect(check.items![0]!.state).toBe('TERMINATED');
  });

  it('answers 404 for an unknown job, 409 INVALID_STATE for a job that is not activated, 400 for bad requests', async () => {
    // given
    const { client, address } = harness();
    const created = await client.createProcessInstance({ processDefinitionId: 'rest-one-task' as never });
    const job = await activateOne('rest-work', created.processInstanceKey);
    await client.failJob({ jobKey: job.jobKey, retries: 0, errorMessage: 'stop' });

    // when
    await expectHttpError(client.completeJob({ jobKey: '2251799813999999' as never }), 404, 'NOT_FOUND');
    const failAgain = await raw(address, 'POST', `/v2/jobs/${job.jobKey}/failure`, { retries: 1 });
    const noCode = await raw(address, 'POST', `/v2/jobs/${job.jobKey}/error`, { errorMessage: 'x' });
    const activation = await raw(address, 'POST', '/v2/jobs/activation', { type: '', timeout: 0 });

    // then
    expectProblem(failAgain, 409, 'INVALID_STATE', `/v2/jobs/${job.jobKey}/failure`, ["Command 'FAIL' rejected with code 'INVALID_STATE'"]);
    expectProblem(noCode, 400, 'INVALID_ARGUMENT', `/v2/jobs/${job.jobKey}/error`, ['No errorCode provided.']);
    expectProblem(activation, 400, 'INVALID_ARGUMENT', '/v2/jobs/activation', [
      'No type provided', "The value for timeout is '0' but must be greater than 0", 'No maxJobsToActivate provided',
    ]);
  });
});

describe('incidents', () => {
  it('searches incidents by state, error type and element, sorted by creation time', async () => {
    // given
    const { client } = harness();
    const created = await client.createProcessInstance({ processDefinitionId: 'rest-one-task' as never });
    const job = await activateOne('rest-work', created.processInstanceKey);
    await client.failJob({ jobKey: job.jobKey, retries: 0, errorMessage: 'boom' });

    // when
    const active = await client.searchIncidents({
      filter: { state: 'ACTIVE', errorType: 'JOB_NO_RETRIES', elementId: 'work' as never, processInstanceKey: created.processInstanceKey },
      sort: [{ field: 'creationTime', order: 'DESC' }],
    }, NOW);
    const resolved = await client.searchIncidents({ filter: { state: 'RESOLVED', processInstanceKey: created.processInstanceKey } }, NOW);

    // then
    expect(active.items).toHaveLength(1);
    expect(resolved.items).toHaveLength(0);
  });

  it('refuses to resolve a job incident while the job has no retries (409), resolves it after PATCH retries (204)', async () => {
    // given
    const { client, address } = harness();
    const created = await client.createProcessInstance({ processDefinitionId: 'rest-one-task' as never });
    const job = await activateOne('rest-work', created.processInstanceKey);
    await client.failJob({ jobKey: job.jobKey, retries: 0, errorMessage: 'boom' });
    const [incident] = (await client.searchIncidents({ filter: { processInstanceKey: created.processInstanceKey } }, NOW)).items!;
    const path = `/v2/incidents/${incident!.incidentKey}/resolution`;

    // when
    const refused = await raw(address, 'POST', path);
    await client.updateJob({ jobKey: job.jobKey, changeset: { retries: 1 } });
    await client.resolveIncident({ incidentKey: incident!.incidentKey! });

    // then
    expectProblem(refused, 409, 'INVALID_STATE', path, ["Command 'RESOLVE' rejected with code 'INVALID_STATE'"]);
    expect((await client.getIncident({ incidentKey: incident!.incidentKey! }, NOW)).state).toBe('RESOLVED');
    expect((await client.getProcessInstance({ processInstanceKey: created.processInstanceKey }, NOW)).hasIncident).toBe(false);
    const again = await activateOne('rest-work', created.processInstanceKey);
    expect(again.retries).toBe(1);
    await client.completeJob({ jobKey: again.jobKey });
  });

  it('answers 404 NOT_FOUND for resolving or getting an unknown incident', async () => {
    // given
    const { client, address } = harness();

    // when
    const resolve = await raw(address, 'POST', '/v2/incidents/2251799813999999/resolution');
    await expectHttpError(client.getIncident({ incidentKey: '2251799813999999' as never }, NOW), 404, 'NOT_FOUND');

    // then
    expectProblem(resolve, 404, 'NOT_FOUND', '/v2/incidents/2251799813999999/resolution', ["Command 'RESOLVE' rejected"]);
  });
});
