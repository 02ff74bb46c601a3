// Health and metrics over node:http: `GET /health` (200 `{status: 'UP', workers}` when taking
// jobs, 503 while starting or stopping) and `GET /metrics` (Prometheus text format 0.0.4).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Metrics } from './metrics.js';

export type ServiceState = 'STARTING' | 'UP' | 'STOPPING' | 'STOPPED';

export interface StatusSource {
  state(): ServiceState;
  workers(): string[];
  metrics: Metrics;
}

export interface HttpServer {
  port: number;
  close(): Promise<void>;
}

export function startHttpServer(source: StatusSource, host: string, port: number): Promise<HttpServer> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (path === '/health') {
      const state = source.state();
      const body = JSON.stringify({ status: state, workers: source.workers() });
      res.writeHead(state === 'UP' ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(body);
      return;
    }
    if (path === '/metrics') {
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' }).end(source.metrics.render());
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'not found' }));
  });
  // keep-alive connections (a scraper's) must not hold a stop up
  server.keepAliveTimeout = 1000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
