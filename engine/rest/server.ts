// The Camunda 8 REST API v2 subset over node:http, on `/v2/...` (port 8080 by default), next
// to the gRPC gateway. Every error answers as application/problem+json.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Engine } from '../runtime/engine.js';
import { SearchStore } from '../state/search.js';
import type { RestContext } from './context.js';
import { mediaType, readBody, send, sendProblem, type RequestContext } from './http.js';
import { ApiProblem, toProblemDetail } from './problem.js';
import { Router } from './router.js';
import { registerRoutes } from './routes/index.js';
import { Waiters } from './waiters.js';

export interface RestServer {
  port: number;
  stop(): Promise<void>;
}

export interface RestServerOptions {
  host: string;
  port: number;
  log: (line: string) => void;
  /** port reported for the broker in `GET /v2/topology` (the gRPC gateway's); default: this server's */
  brokerPort?: () => number;
}

export async function startRestServer(engine: Engine, options: RestServerOptions): Promise<RestServer> {
  const router = new Router();
  const waiters = new Waiters(engine);
  let boundPort = options.port;
  const context: RestContext = {
    engine,
    search: new SearchStore(engine.store.db, {
      elementName: (definitionKey, elementId) => {
        try {
          return engine.model(definitionKey).elements.get(elementId)?.name || undefined;
        } catch {
          return undefined;
        }
      },
    }),
    waiters,
    log: options.log,
    topology: { host: options.host, port: options.brokerPort ?? (() => boundPort) },
  };
  registerRoutes(router, context);

  const server = createServer((request, response) => {
    void handle(router, context, request, response);
  });
  server.keepAliveTimeout = 5_000;
  boundPort = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : options.port);
    });
  });
  return {
    port: boundPort,
    async stop() {
      waiters.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

async function handle(router: Router, context: RestContext, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const path = url.pathname;
  const method = (request.method ?? 'GET').toUpperCase();
  const abort = new AbortController();
  response.on('close', () => {
    if (!response.writableFinished) abort.abort();
  });
  try {
    const match = router.match(method, path);
    if (match.kind === 'not-found') {
      request.resume();
      throw new ApiProblem(404, 'Not Found', `No endpoint ${method} ${path}.`);
    }
    if (match.kind === 'method-not-allowed') {
      request.resume();
      response.setHeader('allow', match.allowed.join(', '));
      throw new ApiProblem(405, 'Method Not Allowed', `Method '${method}' is not supported.`);
    }
    const body = await readBody(request);
    if (match.policy.multipart && !mediaType(request.headers).startsWith('multipart/form-data')) {
      throw new ApiProblem(415, 'Unsupported Media Type', `Content-Type '${mediaType(request.headers) || 'none'}' is not supported.`);
    }
    const ctx: RequestContext = {
      method, path, params: match.params, query: url.searchParams, headers: request.headers, body, signal: abort.signal,
    };
    const reply = await match.handler(ctx);
    if (!response.destroyed) send(response, reply);
  } catch (error) {
    if (response.destroyed || response.headersSent) return;
    sendProblem(response, toProblemDetail(error, path, context.log));
  }
}
