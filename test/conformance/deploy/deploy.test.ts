// DeployResource and process versioning.
// Docs: https://docs.camunda.io/docs/apis-tools/zeebe-api/gateway-service/#deployresource-rpc
//       https://docs.camunda.io/docs/apis-tools/zeebe-api/gateway-service/#createprocessinstance-rpc
//       https://docs.camunda.io/docs/components/modeler/bpmn/bpmn-coverage/
import { describe, expect, it } from 'vitest';
import { expectGrpcError, useHarness } from '../harness.js';

const h = useHarness();

/** Deploys raw XML and returns the promise (for error assertions). */
function deployRaw(name: string, xml: string) {
  return h.zbc.deployResource({ name, process: Buffer.from(xml) });
}

describe('DeployResource', () => {
  it('returns process metadata: bpmnProcessId, version 1, key as int64 string, resourceName', async () => {
    // given
    const s = h.scope();
    const xml = s.xml('deploy/simple.bpmn');

    // when
    const res = await deployRaw('simple.bpmn', xml);

    // then
    expect(res.key).toMatch(/^\d+$/);
    expect(res.deployments).toHaveLength(1);
    const process = res.deployments[0]!.process!;
    expect(process).toMatchObject({
      bpmnProcessId: s.id('deploy-simple'),
      version: 1,
      resourceName: 'simple.bpmn',
    });
    expect(typeof process.processDefinitionKey).toBe('string');
    expect(process.processDefinitionKey).toMatch(/^\d+$/);
  });

  it('an identical redeploy returns the same version and key (no new version)', async () => {
    // given: Zeebe compares the resource with the latest version of the process; unchanged
    // resources keep their version and key (docs: concepts/processes, "Process versions")
    const s = h.scope();
    const first = await s.deploy('deploy/simple.bpmn');

    // when
    const again = await s.deploy('deploy/simple.bpmn');

    // then
    expect(again.version).toBe(1);
    expect(again.processDefinitionKey).toBe(first.processDefinitionKey);
  });

  it('changed XML creates version 2 with a new key', async () => {
    // given
    const s = h.scope();
    const v1 = await s.deploy('deploy/simple.bpmn');
    const changed = s.xml('deploy/simple.bpmn').replace('name="Simple"', 'name="Simple, changed"');

    // when
    const [v2] = await s.deployXml('simple.bpmn', changed);

    // then
    expect(v2!.version).toBe(2);
    expect(v2!.processDefinitionKey).not.toBe(v1.processDefinitionKey);
    expect(v2!.bpmnProcessId).toBe(v1.bpmnProcessId);
  });

  it('CreateProcessInstance without a version uses the latest version', async () => {
    // given
    const s = h.scope();
    await s.deploy('deploy/simple.bpmn');
    const [v2] = await s.deployXml(
      'simple.bpmn',
      s.xml('deploy/simple.bpmn').replace('name="Simple"', 'name="Simple v2"'),
    );

    // when (the SDK sends version -1 = latest)
    const created = await s.create('deploy-simple');

    // then
    expect(created.version).toBe(2);
    expect(created.processDefinitionKey).toBe(v2!.processDefinitionKey);
    expect(created.bpmnProcessId).toBe(s.id('deploy-simple'));
  });

  it('CreateProcessInstance with an explicit version uses that version', async () => {
    // given
    const s = h.scope();
    const v1 = await s.deploy('deploy/simple.bpmn');
    await s.deployXml('simple.bpmn', s.xml('deploy/simple.bpmn').replace('name="Simple"', 'name="Simple v2"'));

    // when
    const created = await s.create('deploy-simple', {}, 1);

    // then
    expect(created.version).toBe(1);
    expect(created.processDefinitionKey).toBe(v1.processDefinitionKey);
  });
});

describe('DeployResource rejections (INVALID_ARGUMENT, whole deployment rejected)', () => {
  it('malformed XML is rejected with a message naming the resource', async () => {
    // given
    const s = h.scope();

    // when / then
    const err = await expectGrpcError(deployRaw('malformed.bpmn', s.xml('deploy/malformed.bpmn')), 'INVALID_ARGUMENT');
    expect(err.details ?? err.message).toContain('malformed.bpmn');
  });

  it('an unsupported element (complexGateway) is rejected naming the element id', async () => {
    // given: bpmn-coverage lists no complex gateway; Zeebe's validator reports
    // "Elements of type ... are currently not supported" on the element
    const s = h.scope();

    // when / then
    await expectGrpcError(deployRaw('complex-gateway.bpmn', s.xml('deploy/complex-gateway.bpmn')), 'INVALID_ARGUMENT', [
      'gw_complex',
    ]);
  });

  it('a service task without a job type is rejected naming the element id', async () => {
    // given: docs modeler/bpmn/service-tasks: "A service task must have a taskDefinition"
    const s = h.scope();

    // when / then
    await expectGrpcError(
      deployRaw('service-task-without-type.bpmn', s.xml('deploy/service-task-without-type.bpmn')),
      'INVALID_ARGUMENT',
      ['task_no_type'],
    );
  });

  it('an exclusive-gateway flow without condition that is not the default is rejected naming the flow', async () => {
    // given: docs modeler/bpmn/exclusive-gateways: with several outgoing flows, every
    // non-default flow needs a condition (Zeebe reports it on the sequence flow)
    const s = h.scope();

    // when / then
    await expectGrpcError(
      deployRaw('exclusive-flow-without-condition.bpmn', s.xml('deploy/exclusive-flow-without-condition.bpmn')),
      'INVALID_ARGUMENT',
      ['flow_without_condition'],
    );
  });

  it('a FEEL syntax error in a condition is rejected naming the element', async () => {
    // given: docs components/concepts/expressions; conditions are parsed at deploy time
    const s = h.scope();

    // when / then
    await expectGrpcError(
      deployRaw('feel-syntax-error.bpmn', s.xml('deploy/feel-syntax-error.bpmn')),
      'INVALID_ARGUMENT',
      ['flow_bad_feel'],
    );
  });

  it('several problems at once are all listed in one message', async () => {
    // given
    const s = h.scope();

    // when / then
    await expectGrpcError(deployRaw('several-problems.bpmn', s.xml('deploy/several-problems.bpmn')), 'INVALID_ARGUMENT', [
      'task_missing_type',
      'flow_missing_condition',
      'gw_unsupported',
    ]);
  });

  it('a rejected deployment deploys nothing (atomic): its process cannot be instantiated', async () => {
    // given
    const s = h.scope();
    await expectGrpcError(deployRaw('several-problems.bpmn', s.xml('deploy/several-problems.bpmn')), 'INVALID_ARGUMENT');

    // when / then
    await expectGrpcError(s.create('deploy-several'), 'NOT_FOUND');
  });
});
