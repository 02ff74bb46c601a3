// The engine, through the official clients only (so the API runs unchanged on Camunda 8):
// `app.engine.zeebe`, the Zeebe gRPC client of @camunda8/sdk, for commands (messages, instances);
// `app.engine.rest`, its Orchestration Cluster (REST API v2) client, for user tasks and searches.
// Both are closed with the app.
import { Camunda8 } from '@camunda8/sdk';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

type ZeebeClient = ReturnType<Camunda8['getZeebeGrpcApiClient']>;
type RestClient = ReturnType<Camunda8['getOrchestrationClusterApiClient']>;

export interface EngineClients {
  zeebe: ZeebeClient;
  rest: RestClient;
}

/**
 * The second argument of the REST client's searches and gets: answer with what the engine holds now.
 * (The SDK can poll until an eventually consistent search shows a result; people asking for their
 * task list want the answer of the moment.)
 */
export const NOW = { consistency: { waitUpToMs: 0 } } as const;

declare module 'fastify' {
  interface FastifyInstance {
    engine: EngineClients;
  }
}

export interface EnginePluginOptions {
  /** settings for `new Camunda8(...)` (ZEEBE_GRPC_ADDRESS, CAMUNDA_REST_ADDRESS, CAMUNDA_AUTH_STRATEGY, ...) */
  camunda: Record<string, string>;
}

async function enginePlugin(app: FastifyInstance, options: EnginePluginOptions): Promise<void> {
  const c8 = new Camunda8({
    ...options.camunda,
    zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: 'ERROR', ZEEBE_GRPC_CLIENT_EAGER_CONNECT: false },
  } as ConstructorParameters<typeof Camunda8>[0]);
  const zeebe = c8.getZeebeGrpcApiClient();
  const rest = c8.getOrchestrationClusterApiClient();
  app.decorate('engine', { zeebe, rest });
  app.addHook('onClose', async () => {
    await zeebe.close(2000).catch(() => undefined);
  });
}

export default fp(enginePlugin, { name: 'suqiu-engine', fastify: '5.x' });
