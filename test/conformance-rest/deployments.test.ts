// Topology, deployments and process definitions over REST v2.
// Docs: https://docs.camunda.io/docs/apis-tools/orchestration-cluster-api-rest/specifications/get-topology/
//       .../create-deployment/, .../search-process-definitions/, .../get-process-definition-xml/

import { describe, expect, it } from 'vitest';
import { deploy, expectHttpError, expectProblem, fixture, NOW, raw, useHarness } from './harness.js';

const harness = useHarness();

describe('GET /v2/topology', () => {
  it('describes the cluster: brokers with partitions, sizes and the gateway version', async () => {
    // given
    const { client } = harness();

    // when
    const topology = await client.getTopology();

    // then
    expect(topology.clusterSize).toBeGreaterThanOrEqual(1);
    expect(topology.partitionsCount).toBeGreaterThanOrEqual(1);
    expect(topology.gatewayVersion).toMatch(/^8\.\d+/);
    expect(topology.brokers[0]!.partitions.some((p) => p.role === 'leader' && p.health === 'healthy')).toBe(true);
  });
});

describe('POST /v2/deployments', () => {
  it('deploys BPMN files and answers the deployment key and each process definition', async () => {
    // given
    const { client } = harness();

    // when
    const result = await client.createDeployment({
      resources: [new File([fixture('one-task.bpmn')], 'one-task.bpmn'), new File([fixture('straight-through.bpmn')], 'straight-through.bpmn')],
    });

    // then
    expect(result.deploymentKey).toMatch(/^\d+$/);
    expect(result.tenantId).toBe('<default>');
    expect(result.processes.map((p) => p.processDefinitionId).sort()).toEqual(['rest-one-task', 'rest-straight-through']);
    const oneTask = result.processes.find((p) => p.processDefinitionId === 'rest-one-task')!;
    expect(oneTask).toMatchObject({ resourceName: 'one-task.bpmn', tenantId: '<default>' });
    expect(oneTask.processDefinitionKey).toMatch(/^\d+$/);
  });

  it('returns the deployed version again for an identical resource, and version n+1 for a changed one', async () => {
    // given
    const { client } = harness();
    const first = (await deploy(client, 'one-task.bpmn'))['rest-one-task']!;

    // when
    const same = (await deploy(client, 'one-task.bpmn'))['rest-one-task']!;
    const changed = await client.createDeployment({
      resources: [new File([fixture('one-task.bpmn').replace('REST one task', 'REST one task v2')], 'one-task.bpmn')],
    });

    // then
    expect(same.processDefinitionKey).toBe(first.processDefinitionKey);
    expect(changed.processes[0]!.processDefinitionVersion).toBe(first.processDefinitionVersion + 1);
  });

  it('rejects an invalid BPMN resource with 400 INVALID_ARGUMENT naming the problem', async () => {
    // given
    const { address } = harness();
    const form = new FormData();
    form.append('resources', new File(['<definitions>not bpmn'], 'broken.bpmn'));

    // when
    const response = await fetch(`${address}/v2/deployments`, { method: 'POST', body: form });
    const answer = { status: response.status, contentType: response.headers.get('content-type') ?? '', text: '', body: await response.json() };

    // then
    expectProblem(answer, 400, 'INVALID_ARGUMENT', '/v2/deployments', ["Command 'CREATE' rejected with code 'INVALID_ARGUMENT'", 'broken.bpmn']);
  });

  it('rejects a deployment without resources with 400, and a JSON body with 415', async () => {
    // given
    const { address } = harness();
    const form = new FormData();
    form.append('tenantId', '<default>');

    // when
    const response = await fetch(`${address}/v2/deployments`, { method: 'POST', body: form });
    const empty = { status: response.status, contentType: response.headers.get('content-type') ?? '', text: '', body: await response.json() };
    const json = await raw(address, 'POST', '/v2/deployments', { resources: [] });

    // then
    expectProblem(empty, 400, 'INVALID_ARGUMENT', '/v2/deployments', ['No resources provided']);
    expectProblem(json, 415, 'Unsupported Media Type', '/v2/deployments');
  });
});

describe('process definitions', () => {
  it('searches definitions by process id and latest version, sorted by version', async () => {
    // given
    const { client } = harness();
    await deploy(client, 'one-task.bpmn');
    await client.createDeployment({
      resources: [new File([fixture('one-task.bpmn').replace('REST one task', 'REST one task v3')], 'one-task.bpmn')],
    });

    // when
    const all = await client.searchProcessDefinitions({
      filter: { processDefinitionId: 'rest-one-task' }, sort: [{ field: 'version', order: 'DESC' }],
    }, NOW);
    const latest = await client.searchProcessDefinitions({ filter: { processDefinitionId: 'rest-one-task', isLatestVersion: true } }, NOW);

    // then
    const versions = all.items!.map((d) => d.version!);
    expect(versions.length).toBeGreaterThanOrEqual(2);
    expect(versions).toEqual([...versions].sort((a, b) => b - a));
    expect(Number(all.page.totalItems)).toBe(versions.length);
    expect(latest.items).toHaveLength(1);
    expect(latest.items![0]).toMatchObject({ version: versions[0], name: 'REST one task v3', resourceName: 'one-task.bpmn', hasStartForm: false });
  });

  it('filters definitions by name with $like wildcards', async () => {
    // given
    const { client } = harness();
    await deploy(client, 'one-task.bpmn', 'user-task.bpmn');

    // when
    const result = await client.searchProcessDefinitions({ filter: { name: { $like: 'REST appr*' } } }, NOW);

    // then
    expect(result.items!.map((d) => d.processDefinitionId)).toEqual(['rest-user-task']);
  });

  it('gets one definition by key, and its BPMN XML as text/xml', async () => {
    // given
    const { client, address } = harness();
    const deployed = (await deploy(client, 'straight-through.bpmn'))['rest-straight-through']!;

    // when
    const definition = await client.getProcessDefinition({ processDefinitionKey: deployed.processDefinitionKey }, NOW);
    const xml = await raw(address, 'GET', `/v2/process-definitions/${deployed.processDefinitionKey}/xml`);

    // then
    expect(definition).toEqual({
      processDefinitionKey: deployed.processDefinitionKey,
      processDefinitionId: 'rest-straight-through',
      version: deployed.processDefinitionVersion,
      resourceName: 'straight-through.bpmn',
      tenantId: '<default>',
      hasStartForm: false,
    });
    expect(xml.status).toBe(200);
    expect(xml.contentType).toMatch(/^text\/xml/);
    expect(xml.text).toBe(fixture('straight-through.bpmn'));
  });

  it('answers 404 NOT_FOUND for an unknown definition key, and 400 for a key that is not a number', async () => {
    // given
    const { client, address } = harness();

    // when
    await expectHttpError(client.getProcessDefinition({ processDefinitionKey: '2251799813999999' as never }, NOW), 404, 'NOT_FOUND');
    const xml = await raw(address, 'GET', '/v2/process-definitions/2251799813999999/xml');
    const bad = await raw(address, 'GET', '/v2/process-definitions/abc');

    // then
    expectProblem(xml, 404, 'NOT_FOUND', '/v2/process-definitions/2251799813999999/xml', ["with key '2251799813999999' not found"]);
    expectProblem(bad, 400, 'Bad Request', '/v2/process-definitions/abc', ["'processDefinitionKey'"]);
  });
});
