// Camunda user tasks over REST v2: assignment from zeebe:assignmentDefinition (FEEL allowed),
// dates from zeebe:taskSchedule, search, assign, unassign, update, complete, variables.
// Docs: https://docs.camunda.io/docs/apis-tools/orchestration-cluster-api-rest/specifications/search-user-tasks/
//       .../assign-user-task/, .../unassign-user-task/, .../update-user-task/, .../complete-user-task/,
//       .../search-user-task-variables/

import { beforeAll, describe, expect, it } from 'vitest';
import { deploy, expectHttpError, expectProblem, NOW, raw, unique, useHarness } from './harness.js';

const harness = useHarness();

beforeAll(async () => {
  await deploy(harness().client, 'user-task.bpmn');
});

async function startTask(owner: string, groups: string[] = ['sales'], due = '2030-01-15T10:00:00Z') {
  const { client } = harness();
  const created = await client.createProcessInstance({
    processDefinitionId: 'rest-user-task' as never, variables: { owner, groups, due },
  });
  const { items } = await client.searchUserTasks({ filter: { processInstanceKey: created.processInstanceKey } }, NOW);
  expect(items).toHaveLength(1);
  return { created, task: items[0]! };
}

describe('user task search and get', () => {
  it('creates the task with assignee, candidates and dates evaluated from the BPMN', async () => {
    // given
    const owner = unique('owner');

    // when
    const { created, task } = await startTask(owner, ['sales', 'support']);

    // then
    expect(task).toMatchObject({
      name: 'Approve request', state: 'CREATED', assignee: owner, elementId: 'approve',
      candidateGroups: ['sales', 'support'], candidateUsers: ['ann', 'bob'],
      dueDate: '2030-01-15T10:00:00.000Z', followUpDate: '2031-06-01T09:00:00.000Z',
      processDefinitionId: 'rest-user-task', processName: 'REST approval', processDefinitionVersion: 1,
      processInstanceKey: created.processInstanceKey, processDefinitionKey: created.processDefinitionKey,
      tenantId: '<default>', priority: 50, customHeaders: { channel: 'hotline' },
      // a custom form (zeebe:formDefinition externalReference, here a FEEL expression), as a task application reads it
      externalFormReference: `app:approve/${owner}`,
    });
    expect(task.userTaskKey).toMatch(/^\d+$/);
    expect(Date.parse(task.creationDate!)).not.toBeNaN();
    expect(task.completionDate).toBeUndefined();
    expect(await harness().client.getUserTask({ userTaskKey: task.userTaskKey }, NOW)).toEqual(task);
  });

  it('filters by state, assignee, candidate group and user, element id and due date range', async () => {
    // given
    const { client } = harness();
    const owner = unique('filter');
    const group = unique('group');
    const { created, task } = await startTask(owner, [group], '2030-03-01T00:00:00+01:00');
    const base = { processInstanceKey: created.processInstanceKey };

    // when
    const byAssignee = await client.searchUserTasks({ filter: { assignee: owner } }, NOW);
    const byGroup = await client.searchUserTasks({ filter: { candidateGroup: group } }, NOW);
    const byUser = await client.searchUserTasks({ filter: { ...base, candidateUser: 'bob' } }, NOW);
    const notUser = await client.searchUserTasks({ filter: { ...base, candidateUser: 'carl' } }, NOW);
    const byElement = await client.searchUserTasks({ filter: { ...base, elementId: 'approve' as never, state: 'CREATED' } }, NOW);
    const dueIn = await client.searchUserTasks({ filter: { ...base, dueDate: { $gte: '2030-02-28T00:00:00Z', $lt: '2030-03-01T00:00:00Z' } } }, NOW);
    const dueOut = await client.searchUserTasks({ filter: { ...base, dueDate: { $gt: '2030-03-01T00:00:00Z' } } }, NOW);
    const completed = await client.searchUserTasks({ filter: { ...base, state: 'COMPLETED' } }, NOW);

    // then
    for (const result of [byAssignee, byGroup, byUser, byElement, dueIn]) expect(result.items.map((t) => t.userTaskKey)).toEqual([task.userTaskKey]);
    expect(task.dueDate).toBe('2030-02-28T23:00:00.000Z');
    expect(notUser.items).toEqual([]);
    expect(dueOut.items).toEqual([]);
    expect(completed.items).toEqual([]);
  });

  it('sorts by due date and pages', async () => {
    // given
    const { client } = harness();
    const group = unique('sort');
    await startTask('u1', [group], '2030-05-03T00:00:00Z');
    await startTask('u2', [group], '2030-05-01T00:00:00Z');
    await startTask('u3', [group], '2030-05-02T00:00:00Z');

    // when
    const asc = await client.searchUserTasks({ filter: { candidateGroup: group }, sort: [{ field: 'dueDate', order: 'ASC' }] }, NOW);
    const page = await client.searchUserTasks({ filter: { candidateGroup: group }, sort: [{ field: 'dueDate', order: 'DESC' }], page: { from: 1, limit: 1 } }, NOW);

    // then
    expect(asc.items.map((t) => t.assignee)).toEqual(['u2', 'u3', 'u1']);
    expect(page.items.map((t) => t.assignee)).toEqual(['u3']);
    expect(Number(page.page.totalItems)).toBe(3);
  });

  it('answers 404 NOT_FOUND for an unknown user task', async () => {
    // given
    const { client, address } = harness();

    // when
    await expectHttpError(client.getUserTask({ userTaskKey: '2251799813999999' as never }, NOW), 404, 'NOT_FOUND');
    const assign = await raw(address, 'POST', '/v2/user-tasks/2251799813999999/assignment', { assignee: 'x' });

    // then
    expectProblem(assign, 404, 'NOT_FOUND', '/v2/user-tasks/2251799813999999/assignment', ["Command 'ASSIGN' rejected"]);
  });

  it('reads any int64 as a key (the largest names no task: 404) and refuses what is not one (400)', async () => {
    // given: keys are longs, as Spring converts them (Long.MAX_VALUE is a long; 10^20 is not)
    const { client, address } = harness();

    // when
    const largest = client.getUserTask({ userTaskKey: '9223372036854775807' as never }, NOW);
    const tooLarge = await raw(address, 'GET', '/v2/user-tasks/99999999999999999999');

    // then
    await expectHttpError(largest, 404, 'NOT_FOUND');
    expect(tooLarge.status).toBe(400);
  });
});

describe('user task commands', () => {
  it('assigns (204), refuses to override without allowOverride (409), unassigns (204)', async () => {
    // given
    const { client, address } = harness();
    const { task } = await startTask(unique('first'));
    const key = task.userTaskKey;

    // when
    await client.assignUserTask({ userTaskKey: key, assignee: 'dora' });
    const refused = await raw(address, 'POST', `/v2/user-tasks/${key}/assignment`, { assignee: 'emil', allowOverride: false });
    const afterRefusal = await client.getUserTask({ userTaskKey: key }, NOW);
    await client.unassignUserTask({ userTaskKey: key });
    const unassigned = await client.getUserTask({ userTaskKey: key }, NOW);

    // then
    expect(afterRefusal.assignee).toBe('dora');
    expectProblem(refused, 409, 'INVALID_STATE', `/v2/user-tasks/${key}/assignment`, ["Command 'ASSIGN' rejected with code 'INVALID_STATE'"]);
    expect(unassigned.assignee).toBeUndefined();
  });

  it('answers 400 INVALID_ARGUMENT for an assignment without assignee', async () => {
    // given
    const { address } = harness();
    const { task } = await startTask(unique('noassignee'));

    // when
    const answer = await raw(address, 'POST', `/v2/user-tasks/${task.userTaskKey}/assignment`, { assignee: ' ' });

    // then
    expectProblem(answer, 400, 'INVALID_ARGUMENT', `/v2/user-tasks/${task.userTaskKey}/assignment`, ['No assignee provided.']);
  });

  it('updates dates, candidates and priority (204); rejects an empty changeset or bad values with 400', async () => {
    // given
    const { client, address } = harness();
    const { task } = await startTask(unique('update'));
    const path = `/v2/user-tasks/${task.userTaskKey}`;

    // when
    await client.updateUserTask({
      userTaskKey: task.userTaskKey,
      changeset: { dueDate: '2032-01-01T08:00:00Z', candidateGroups: ['legal'], candidateUsers: ['zoe'], priority: 80 },
    });
    const updated = await client.getUserTask({ userTaskKey: task.userTaskKey }, NOW);
    const empty = await raw(address, 'PATCH', path, { changeset: {} });
    const bad = await raw(address, 'PATCH', path, { changeset: { dueDate: 'tomorrow', priority: 101 } });

    // then
    expect(updated).toMatchObject({ dueDate: '2032-01-01T08:00:00.000Z', candidateGroups: ['legal'], candidateUsers: ['zoe'], priority: 80 });
    expectProblem(empty, 400, 'INVALID_ARGUMENT', path, ['No update data provided']);
    expectProblem(bad, 400, 'INVALID_ARGUMENT', path, ["The provided due date 'tomorrow' cannot be parsed", "The value for priority is '101' but must be within the [0,100] range"]);
  });

  it('finds open and completed tasks by candidate group as their groups change, and sorts and filters by due date', async () => {
    // given
    const { client } = harness();
    const [first, second] = [unique('grp'), unique('grp')];
    const a = await startTask(unique('by-group'), [first], '2030-05-02T00:00:00+08:00');
    const b = await startTask(unique('by-group'), [first], '2030-05-01T12:00:00Z');
    const open = async (group: string) => (await client.searchUserTasks({ filter: { state: 'CREATED', candidateGroup: group }, sort: [{ field: 'dueDate', order: 'ASC' }] }, NOW)).items.map((t) => t.userTaskKey);
    const any = async (group: string) => (await client.searchUserTasks({ filter: { candidateGroup: { $in: [group] } } }, NOW)).items.map((t) => t.userTaskKey);

    // when
    const before = await open(first);
    const dueEarly = (await client.searchUserTasks({ filter: { candidateGroup: first, dueDate: { $lt: '2030-05-01T13:00:00Z' } } }, NOW)).items.map((t) => t.userTaskKey);
    await client.updateUserTask({ userTaskKey: a.task.userTaskKey, changeset: { candidateGroups: [second] } });
    const moved = [await open(first), await open(second)];
    await client.completeUserTask({ userTaskKey: b.task.userTaskKey });
    const afterCompletion = [await open(first), await any(first)];

    // then: 2030-05-02T00:00+08:00 is 2030-05-01T16:00Z, after b's 12:00Z
    expect(before).toEqual([b.task.userTaskKey, a.task.userTaskKey]);
    expect(dueEarly).toEqual([b.task.userTaskKey]);
    expect(moved).toEqual([[b.task.userTaskKey], [a.task.userTaskKey]]);
    expect(afterCompletion).toEqual([[], [b.task.userTaskKey]]);
  });

  it('completes with variables (204): the task is COMPLETED, the instance goes on, the task stays searchable', async () => {
    // given
    const { client, address } = harness();
    const { created, task } = await startTask(unique('complete'));

    // when
    await client.completeUserTask({ userTaskKey: task.userTaskKey, variables: { approved: true }, action: 'approve' });
    const again = await raw(address, 'POST', `/v2/user-tasks/${task.userTaskKey}/completion`, {});

    // then
    const done = await client.getUserTask({ userTaskKey: task.userTaskKey }, NOW);
    expect(done.state).toBe('COMPLETED');
    expect(Date.parse(done.completionDate!)).not.toBeNaN();
    expect((await client.getProcessInstance({ processInstanceKey: created.processInstanceKey }, NOW)).state).toBe('COMPLETED');
    const approved = await client.searchVariables({ filter: { processInstanceKey: created.processInstanceKey, name: 'approved' } }, NOW);
    expect(approved.items[0]!.value).toBe('true');
    expect([404, 409]).toContain(again.status);
    expect(again.contentType).toMatch(/^application\/problem\+json/);
  });

  it('searches the variables a task sees: its local ones and the instance\'s, the closest scope winning', async () => {
    // given
    const { client } = harness();
    const owner = unique('vars');
    const { task } = await startTask(owner);

    // when
    const all = await client.searchUserTaskVariables({ userTaskKey: task.userTaskKey, sort: [{ field: 'name' }] }, NOW);
    const named = await client.searchUserTaskVariables({ userTaskKey: task.userTaskKey, filter: { name: 'note' } }, NOW);

    // then
    expect(all.items.map((v) => v.name)).toEqual(['due', 'groups', 'note', 'owner']);
    expect(named.items.map((v) => [v.value, v.scopeKey])).toEqual([[JSON.stringify(`local-${owner}`), task.elementInstanceKey]]);
  });
});
