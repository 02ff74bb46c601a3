// The gRPC gateway server (plaintext, like a local Zeebe gateway on 26500).

import * as grpc from '@grpc/grpc-js';
import type { Engine } from '../runtime/engine.js';
import { createHandlers } from './handlers.js';
import { JobDispatcher } from './job-dispatch.js';
import { loadGatewayService } from './proto.js';
import { ResultWaiters } from './result-waiters.js';

export interface GatewayServer {
  port: number;
  stop(): Promise<void>;
}

/**
 * Tells clients that requests need not be compressed. @camunda8/sdk gzips every message it sends
 * (a fresh zlib stream per message, which costs the client more CPU than the call itself, and the
 * engine as much again to inflate it, on a loopback link where compression saves nothing);
 * grpc-js clients stop compressing on a channel once a response names the encodings the server
 * accepts. Compressed requests are still accepted, as gRPC requires.
 */
const askForUncompressedRequests: grpc.ServerInterceptor = (_methodDescriptor, call) =>
  new grpc.ServerInterceptingCall(call, {
    sendMetadata(metadata, next) {
      metadata.set('grpc-accept-encoding', 'identity');
      next(metadata);
    },
  });

export async function startGateway(engine: Engine, host: string, port: number, log: (line: string) => void): Promise<GatewayServer> {
  // accept documents above 4 MB so that the engine itself can reject them with a clear message
  const server = new grpc.Server({
    'grpc.max_receive_message_length': 16 * 1024 * 1024,
    interceptors: process.env.SUQIU_GRPC_GZIP === '1' ? [] : [askForUncompressedRequests],
  });
  const dispatcher = new JobDispatcher(engine);
  const waiters = new ResultWaiters(engine);
  let boundPort = port;
  server.addService(loadGatewayService(), createHandlers({ engine, dispatcher, waiters, log, host, port: () => boundPort }));
  boundPort = await new Promise<number>((resolve, reject) => {
    server.bindAsync(`${host}:${port}`, grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound)));
  });
  return {
    port: boundPort,
    async stop() {
      dispatcher.close();
      waiters.close();
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, 2000);
        server.tryShutdown(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
  };
}
