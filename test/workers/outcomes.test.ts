// How the runner turns a handler's outcome into a job command, against the embedded engine:
// outputs complete the job, a BpmnError is caught by the diagram's error boundary, an
// IncidentError raises an incident at once, any other error is retried with retries - 1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../store/db.js';
import { startWorkers, type RunningWorkers } from '../../workers/runtime/runner.js';
import { BpmnError, IncidentError, type Handler } from '../../workers/shared/job.js';
import { EngineWorld, eventually, inProcessWorkersConfig } from './support.js';

const PROCESS = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="http://suqiu.test">
  <bpmn:error id="not-found" name="not found" errorCode="NOT_FOUND" />
  <bpmn:process id="outcomes" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="work" />
    <bpmn:serviceTask id="work">
      <bpmn:extensionElements><zeebe:taskDefinition type="test.outcome" retries="3" /></bpmn:extensionElements>
    </bpmn:serviceTask>
    <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="done" />
    <bpmn:endEvent id="done" />
    <bpmn:boundaryEvent id="caught" attachedToRef="work"><bpmn:errorEventDefinition errorRef="not-found" /></bpmn:boundaryEvent>
    <bpmn:sequenceFlow id="f3" sourceRef="caught" targetRef="handled" />
    <bpmn:endEvent id="handled" />
  </bpmn:process>
</bpmn:definitions>`;

let world: EngineWorld;
let store: Store;
let workers: RunningWorkers;
const attempts = new Map<string, number>();

const outcome: Handler = async (job) => {
  const mode = String(job.variables.mode);
  const n = (attempts.get(mode) ?? 0) + 1;
  attempts.set(mode, n);
  if (mode === 'complete') return { answer: 42 };
  if (mode === 'bpmn-error') throw new BpmnError('NOT_FOUND', 'no such thing');
  if (mode === 'incident') throw new IncidentError('cannot be helped');
  if (mode === 'flaky' && n < 3) throw new Error(`flaky ${n}`);
  return { attempts: n };
};

beforeAll(async () => {
  world = await EngineWorld.start();
  await world.engine.deploy('outcomes.bpmn', PROCESS);
  store = world.openStore();
  workers = await startWorkers({
    config: inProcessWorkersConfig(world.engine.grpcAddress, { SUQIU_WORKERS_RETRY_BACKOFF_MS: '50' }),
    store,
    handlers: { 'test.outcome': outcome },
    log: () => {},
  });
});

afterAll(async () => {
  await workers?.stop();
  store?.close();
  await world?.stop();
});

const ran = (pi: string, elementId: string) => world.engine.inspect.elementInstances(pi).some((e) => e.elementId === elementId);

describe('job outcomes', () => {
  it('completes the job with the outputs', async () => {
    // given
    const pi = await world.create('outcomes', { mode: 'complete' });

    // when
    await eventually(() => world.engine.inspect.instanceState(pi) === 'COMPLETED', 'completion');

    // then
    expect(world.variables(pi).answer).toBe(42);
    expect(ran(pi, 'done')).toBe(true);
  });

  it('throws a BpmnError to the error boundary event', async () => {
    // given
    const pi = await world.create('outcomes', { mode: 'bpmn-error' });

    // when
    await eventually(() => world.engine.inspect.instanceState(pi) === 'COMPLETED', 'completion');

    // then
    expect(ran(pi, 'handled')).toBe(true);
    expect(ran(pi, 'done')).toBe(false);
  });

  it('raises an incident at once for an IncidentError', async () => {
    // given
    const pi = await world.create('outcomes', { mode: 'incident' });

    // when
    const [incident] = await eventually(() => {
      const open = world.engine.inspect.incidents(pi).filter((i) => i.state === 'ACTIVE');
      return open.length > 0 ? open : undefined;
    }, 'an incident');

    // then
    expect(incident!.message).toBe('cannot be helped');
    expect(attempts.get('incident')).toBe(1);
  });

  it('retries other errors with retries - 1 and a back-off', async () => {
    // given
    const pi = await world.create('outcomes', { mode: 'flaky' });

    // when
    await eventually(() => world.engine.inspect.instanceState(pi) === 'COMPLETED', 'completion after retries');

    // then
    expect(world.variables(pi).attempts).toBe(3);
    expect(world.engine.inspect.incidents(pi)).toEqual([]);
    expect(workers.metrics.failedCount('test.outcome')).toBeGreaterThanOrEqual(2);
  });
});
