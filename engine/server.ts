// Public entry of the embedded engine: open the state, serve Zeebe's gateway protocol, run
// due work, stop cleanly.

import { Engine } from './runtime/engine.js';
import { startGateway } from './gateway/server.js';
import { DueWorkScheduler } from './runtime/scheduler.js';
import { startRestServer } from './rest/server.js';

export interface EngineOptions {
  /** folder for the SQLite state (created if missing) */
  dataDir: string;
  /** gRPC port; 0 picks a free one */
  grpcPort: number;
  /** REST API v2 port; 0 picks a free one. Default 8080, or a free one when grpcPort is 0 (tests) */
  restPort?: number;
  /** default 127.0.0.1: the engine has no authentication, so only this machine reaches it unless a caller opens it on purpose */
  host?: string;
  log?: (line: string) => void;
  /** SQLite synchronous mode; NORMAL (default) survives a killed process, FULL also a power loss */
  synchronous?: 'NORMAL' | 'FULL';
}

export interface InspectedIncident {
  key: string;
  type: string;
  elementId: string;
  elementInstanceKey: string;
  message: string;
  jobKey?: string;
  state: string;
}

export interface RunningEngine {
  /** e.g. `grpc://127.0.0.1:26500`, ready for ZEEBE_GRPC_ADDRESS */
  grpcAddress: string;
  grpcPort: number;
  /** e.g. `http://127.0.0.1:8080`, ready for CAMUNDA_REST_ADDRESS (the SDK appends /v2) */
  restAddress: string;
  /** deploys a BPMN resource, as DeployResource would */
  deploy(resourceName: string, xml: string): Promise<void>;
  /** read-only views of the state, for tests (REST search arrives with part 2) */
  inspect: {
    incidents(processInstanceKey: string): InspectedIncident[];
    instanceState(processInstanceKey: string): 'ACTIVE' | 'COMPLETED' | 'TERMINATED' | undefined;
    elementInstances(processInstanceKey: string): Array<{ key: string; elementId: string; type: string; state: string; flowScopeKey?: string }>;
    variables(processInstanceKey: string): Array<{ scopeKey: string; name: string; value: unknown }>;
    userTasks(processInstanceKey: string): Array<{ key: string; elementId: string; elementInstanceKey: string; state: string; assignee?: string; candidateGroups: string[]; candidateUsers: string[]; dueDate?: string }>;
  };
  /** completes a Camunda user task (REST completion arrives with part 2) */
  completeUserTask(elementInstanceKey: string, variables?: Record<string, unknown>): void;
  engine: Engine;
  stop(): Promise<void>;
}

export async function startEngine(options: EngineOptions): Promise<RunningEngine> {
  const log = options.log ?? (() => {});
  const host = options.host ?? '127.0.0.1';
  const engine = await Engine.open(options.dataDir, { synchronous: options.synchronous });
  let gateway;
  let rest;
  try {
    gateway = await startGateway(engine, host, options.grpcPort, log);
    const grpc = gateway;
    rest = await startRestServer(engine, { host, port: options.restPort ?? (options.grpcPort === 0 ? 0 : 8080), log, brokerPort: () => grpc.port });
  } catch (error) {
    // a port that cannot be bound must not leave the other server or the database open
    await gateway?.stop();
    engine.close();
    throw error;
  }
  const scheduler = new DueWorkScheduler(engine, log);
  scheduler.start();
  const connectHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return {
    grpcAddress: `grpc://${connectHost}:${gateway.port}`,
    grpcPort: gateway.port,
    restAddress: `http://${connectHost}:${rest.port}`,
    engine,
    async deploy(resourceName, xml) {
      await engine.deploy([{ name: resourceName, content: xml }]);
    },
    inspect: {
      incidents: (pi) => engine.inspect(Number(pi)).incidents.map((i) => ({
        key: String(i.key), type: i.error_type, elementId: i.element_id, elementInstanceKey: String(i.element_instance_key),
        message: i.error_message, jobKey: i.job_key === null ? undefined : String(i.job_key), state: i.state,
      })),
      instanceState: (pi) => engine.inspect(Number(pi)).instance?.state as 'ACTIVE' | 'COMPLETED' | 'TERMINATED' | undefined,
      elementInstances: (pi) => engine.inspect(Number(pi)).elements.map((e) => ({
        key: String(e.key), elementId: e.element_id, type: e.element_type, state: e.state,
        flowScopeKey: e.flow_scope_key === null ? undefined : String(e.flow_scope_key),
      })),
      variables: (pi) => engine.inspect(Number(pi)).variables.map((v) => ({ scopeKey: String(v.scope_key), name: v.name, value: v.value })),
      userTasks: (pi) => engine.inspect(Number(pi)).userTasks.map((t) => ({
        key: String(t.key), elementId: t.element_id, elementInstanceKey: String(t.element_instance_key), state: t.state,
        assignee: t.assignee ?? undefined, candidateGroups: JSON.parse(t.candidate_groups) as string[],
        candidateUsers: JSON.parse(t.candidate_users) as string[], dueDate: t.due_date ?? undefined,
      })),
    },
    completeUserTask(elementInstanceKey, variables = {}) {
      engine.completeUserTask(Number(elementInstanceKey), variables);
    },
    async stop() {
      scheduler.stop();
      await rest.stop();
      await gateway.stop();
      engine.close();
    },
  };
}
