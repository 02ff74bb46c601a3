// Process instances over REST v2: create, cancel, search, get.
// Docs: https://docs.camunda.io/docs/apis-tools/orchestration-cluster-api-rest/specifications/create-process-instance/
//       .../cancel-process-instance/, .../search-process-instances/, .../get-process-instance/

import { beforeAll, describe, expect, it } from 'vitest';
import { completeOneJob, deploy, expectHttpError, expectProblem, NOW, raw, unique, useHarness } from './harness.js';

const harness = useHarness();

beforeAll(async () => {
  await deploy(harness().client, 'one-task.bpmn', 'straight-through.bpmn');
});

describe('POST /v2/process-instances', () => {
  it('creates an instance by process id (latest version) and answers its keys with empty variables', async () => {
    // given
    const { client } = harness();

    // when
    const created = await client.createProcessInstance({ processDefinitionId: 'rest-one-task' as never, variables: { orderId: 'A-1' } });

    // then
    expect(created).toMatchObject({ processDefinitionId: 'rest-one-task', processDefinitionVersion: 1, tenantId: '<default>', variables: {} });
    expect(created.processInstanceKey).toMatch(/^\d+$/);
    const instance = await client.getProcessInstance({ processInstanceKey: created.processInstanceKey }, NOW);
    expect(instance).toMatchObject({ state: 'ACTIVE', hasIncident: false, processDefinitionName: 'REST one task' });
  });

  it('creates an instance by process definition key', async () => {
    // given
    const { client } = harness();
    const [definition] = (await client.searchProcessDefinitions({ filter: { processDefinitionId: 'rest-straight-through' } }, NOW)).items!;

    // when
    const created = await client.createProcessInstance({ processDefinitionKey: definition!.processDefinitionKey! });

    // then
    expect(created.processDefinitionKey).toBe(definition!.processDefinitionKey);
    expect(created.processDefinitionId).toBe('rest-straight-through');
  });

  it('awaits completion and answers the instance variables, filtered by fetchVariables', async () => {
    // given
    const { client } = harness();

    // when
    const result = await client.createProcessInstance({
      processDefinitionId: 'rest-straight-through' as never, variables: { a: 1, b: 'two' }, awaitCompletion: true, fetchVariables: ['b'],
    });

    // then
    expect(result.variables).toEqual({ b: 'two' });
    const instance = await client.getProcessInstance({ processInstanceKey: result.processInstanceKey }, NOW);
    expect(instance.state).toBe('COMPLETED');
    expect(instance.endDate).toBeDefined();
  });

  it('answers 404 NOT_FOUND for an unknown process id, with the rejection in the detail', async () => {
    // given
    const { client, address } = harness();

    // when
    await expectHttpError(client.createProcessInstance({ processDefinitionId: 'no-such-process' as never }), 404, 'NOT_FOUND');
    const answer = await raw(address, 'POST', '/v2/process-instances', { processDefinitionId: 'no-such-process' });

    // then
    expectProblem(answer, 404, 'NOT_FOUND', '/v2/process-instances', ["Command 'CREATE' rejected with code 'NOT_FOUND'", 'no-such-process']);
  });

  it('answers 400 INVALID_ARGUMENT without a process id or key, with both, or for variables that are not an object', async () => {
    // given
    const { address } = harness();

    // when
    const neither = await raw(address, 'POST', '/v2/process-instances', { variables: {} });
    const both = await raw(address, 'POST', '/v2/process-instances', { processDefinitionId: 'rest-one-task', processDefinitionKey: '1' });
    const badVariables = await raw(address, 'POST', '/v2/process-instances', { processDefinitionId: 'rest-one-task', variables: [1] });
    const noBody = await raw(address, 'POST', '/v2/process-instances');
    const notJson = await raw(address, 'POST', '/v2/process-instances', '{"processDefinitionId":', { 'content-type': 'application/json' });

    // then
    expectProblem(neither, 400, 'INVALID_ARGUMENT', '/v2/process-instances', ['At least one of [processDefinitionId, processDefinitionKey] is required.']);
    expectProblem(both, 400, 'INVALID_ARGUMENT', '/v2/process-instances', ['Only one of [processDefinitionId, processDefinitionKey] is allowed.']);
    expectProblem(badVariables, 400, 'Bad Request', '/v2/process-instances', ['variables']);
    expectProblem(noBody, 400, 'Bad Request', '/v2/process-instances', ['Required request body is missing']);
    expectProblem(notJson, 400, 'Bad Request', '/v2/process-instances');
  });
});

describe('POST /v2/process-instances/{key}/cancellation', () => {
  it('cancels an active instance (204): it becomes TERMINATED and stays searchable', async () => {
    // given
    const { client } = harness();
    const created = await client.createProcessInstance({ processDefinitionId: 'rest-one-task' as never });

    // when
    await client.cancelProcessInstance({ processInstanceKey: created.processInstanceKey });

    // then
    const instance = await client.getProcessInstance({ processInstanceKey: created.processInstanceKey }, NOW);
    expect(instance.state).toBe('TERMINATED');
    const found = await client.searchProcessInstances({ filter: { processInstanceKey: created.processInstanceKey, state: 'TERMINATED' } }, NOW);
    expect(found.items).toHaveLength(1);
  });

  it('answers 404 NOT_FOUND for an unknown or already ended instance', async () => {
    // given
    const { client, address } = harness();
    const created = await client.createProcessInstance({ processDefinitionId: 'rest-one-task' as never });
    await client.cancelProcessInstance({ processInstanceKey: created.processInstanceKey });

    // when
    const again = await raw(address, 'POST', `/v2/process-instances/${created.processInstanceKey}/cancellation`);
    await expectHttpError(client.cancelProcessInstance({ processInstanceKey: '2251799813999999' as never }), 404, 'NOT_FOUND');

    // then
    expectProblem(again, 404, 'NOT_FOUND', `/v2/process-instances/${created.processInstanceKey}/cancellation`, ["Command 'CANCEL' rejected"]);
  });
});

describe('POST /v2/process-instances/search', () => {
  it('filters by state, process id, definition key and hasIncident', async () => {
    // given
    const { client } = harness();
    const tag = unique('state');
    const active = await client.createProcessInstance({ processDefinitionId: 'rest-one-task' as never, variables: { tag } });
    const done = await client.createProcessInstance({ processDefinitionId: 'rest-straight-through' as never, variables: { tag }, awaitCompletion: true });
    const variables = [{ name: 'tag', value: JSON.stringify(tag) }];

    // when
    const activeOnes = await client.searchProcessInstances({ filter: { variables, state: 'ACTIVE' } }, NOW);
    const completed = await client.searchProcessInstances({ filter: { variables, state: { $in: ['COMPLETED', 'TERMINATED'] } } }, NOW);
    const byId = await client.searchProcessInstances({ filter: { variables, processDefinitionId: 'rest-straight-through' } }, NOW);
    const byKey = await client.searchProcessInstances({ filter: { variables, processDefinitionKey: active.processDefinitionKey } }, NOW);
    const withIncident = await client.searchProcessInstances({ filter: { variables, hasIncident: true } }, NOW);

    // then
    expect(activeOnes.items.map((i) => i.processInstanceKey)).toEqual([active.processInstanceKey]);
    expect(completed.items.map((i) => i.processInstanceKey)).toEqual([done.processInstanceKey]);
    expect(byId.items.map((i) => i.processInstanceKey)).toEqual([done.processInstanceKey]);
    expect(byKey.items.map((i) => i.processInstanceKey)).toEqual([active.processInstanceKey]);
    expect(withIncident.items).toEqual([]);
    expect(Number(withIncident.page.totalItems)).toBe(0);
  });

  it('filters by variable value (JSON text) and by start date ranges', async () => {
    // given
    const { client } = harness();
    const tag = unique('vars');
    const before = new Date(Date.now() - 1000).toISOString();
    const one = await client.createProcessInstance({ processDefinitionId: 'rest-one-task' as never, variables: { tag, amount: 5 } });
    await client.createProcessInstance({ processDefinitionId: 'rest-one-task' as never, variables: { tag, amount: 7 } });
    const after = new Date(Date.now() + 60_000).toISOString();

    // when
    const five = await client.searchProcessInstances({ filter: { variables: [{ name: 'tag', value: JSON.stringify(tag) }, { name: 'amount', value: '5' }] } }, NOW);
    const inRange = await client.searchProcessInstances({
      filter: { variables: [{ name: 'tag', value: JSON.stringify(tag) }], startDate: { $gte: before, $lt: after } },
    }, NOW);
    const future = await client.searchProcessInstances({
      filter: { variables: [{ name: 'tag', value: JSON.stringify(tag) }], startDate: { $gt: after } },
    }, NOW);

    // then
    expect(five.items.map((i) => i.processInstanceKey)).toEqual([one.processInstanceKey]);
    expect(inRange.items).toHaveLength(2);
    expect(future.items).toHaveLength(0);
  });

  it('sorts, pages with from/limit, and pages with cursors (after/before)', async () => {
    // given
    const { client } = harness();
    const tag = unique('page');
    const keys: string[] = [];
    for (let i = 0; i < 5; i++) keys.push((await client.createProcessInstance({ processDefinitionId: 'rest-one-task' as never, variables: { tag } })).processInstanceKey);
    const filter = { variables: [{ name: 'tag', value: JSON.stringify(tag) }] };
    const descending = [...keys].sort((a, b) => Number(b) - Number(a));

    // when
    const sorted = await client.searchProcessInstances({ filter, sort: [{ field: 'processInstanceKey', order: 'DESC' }] }, NOW);
    const second = await client.searchProcessInstances({ filter, sort: [{ field: 'processInstanceKey', order: 'DESC' }], page: { from: 2, limit: 2 } }, NOW);
    const first = await client.searchProcessInstances({ filter, sort: [{ field: 'processInstanceKey', order: 'DESC' }], page: { limit: 2 } }, NOW);
    const next = await client.searchProcessInstances({
      filter, sort: [{ field: 'processInstanceKey', order: 'DESC' }], page: { after: first.page.endCursor!, limit: 2 },
    }, NOW);
    const back = await client.searchProcessInstances({
      filter, sort: [{ field: 'processInstanceKey', order: 'DESC' }], page: { before: next.page.startCursor!, limit: 2 },
    }, NOW);

    // then
    expect(sorted.items.map((i) => i.processInstanceKey)).toEqual(descending);
    expect(Number(sorted.page.totalItems)).toBe(5);
    expect(second.items.map((i) => i.processInstanceKey)).toEqual(descending.slice(2, 4));
    expect(Number(second.page.totalItems)).toBe(5);
    expect(next.items.map((i) => i.processInstanceKey)).toEqual(descending.slice(2, 4));
    expect(back.items.map((i) => i.processInstanceKey)).toEqual(descending.slice(0, 2));
  });

  it('combines $or groups with the other filters', async () => {
    // given
    const { client } = harness();
    const tag = unique('or');
    const a = await client.createProcessInstance({ processDefinitionId: 'rest-one-task' as never, variables: { tag } });
    const b = await client.createProcessInstance({ processDefinitionId: 'rest-straight-through' as never, variables: { tag }, awaitCompletion: true });

    // when
    const result = await client.searchProcessInstances({
      filter: {
        variables: [{ name: 'tag', value: JSON.stringify(tag) }],
        $or: [{ processDefinitionId: 'rest-one-task' }, { processDefinitionId: 'rest-straight-through', state: 'COMPLETED' }],
      },
      sort: [{ field: 'processInstanceKey' }],
    }, NOW);

    // then
    expect(result.items.map((i) => i.processInstanceKey)).toEqual([a.processInstanceKey, b.processInstanceKey]);
  });

  it('answers 400 INVALID_ARGUMENT for an unknown sort field, an unknown state or a bad date', async () => {
    // given
    const { address } = harness();
    const path = '/v2/process-instances/search';

    // when
    const sort = await raw(address, 'POST', path, { sort: [{ field: 'color' }] });
    const state = await raw(address, 'POST', path, { filter: { state: 'RUNNING' } });
    const date = await raw(address, 'POST', path, { filter: { startDate: { $gt: 'yesterday' } } });
    const page = await raw(address, 'POST', path, { page: { from: -1, limit: 0 } });
    const cursors = await raw(address, 'POST', path, { page: { after: 'eyJvZmZzZXQiOjF9', before: 'eyJvZmZzZXQiOjF9' } });

    // then
    expectProblem(sort, 400, 'INVALID_ARGUMENT', path, ['Unknown sortBy: color.']);
    expectProblem(state, 400, 'INVALID_ARGUMENT', path, ["Unexpected value 'RUNNING' for enum field 'state'"]);
    expectProblem(date, 400, 'INVALID_ARGUMENT', path, ["'yesterday' cannot be parsed as a date according to RFC 3339"]);
    expectProblem(page, 400, 'INVALID_ARGUMENT', path, ['page.limit', 'page.from']);
    expectProblem(cursors, 400, 'INVALID_ARGUMENT', path, ['Both searchAfter and searchBefore cannot be set at the same time.']);
  });
});

describe('GET /v2/process-instances/{key}', () => {
  it('answers the instance with its definition data and dates; 404 NOT_FOUND for an unknown key', async () => {
    // given
    const { client, address } = harness();
    const created = await client.createProcessInstance({ processDefinitionId: 'rest-one-task' as never });
    await completeOneJob(client, 'rest-work');

    // when
    const instance = await client.getProcessInstance({ processInstanceKey: created.processInstanceKey }, NOW);
    const missing = await raw(address, 'GET', '/v2/process-instances/2251799813999999');

    // then
    expect(instance).toMatchObject({
      processInstanceKey: created.processInstanceKey, processDefinitionKey: created.processDefinitionKey,
      processDefinitionId: 'rest-one-task', processDefinitionVersion: 1, tenantId: '<default>', hasIncident: false,
    });
    expect(Date.parse(instance.startDate)).not.toBeNaN();
    expectProblem(missing, 404, 'NOT_FOUND', '/v2/process-instances/2251799813999999', ["with key '2251799813999999' not found"]);
  });
});
