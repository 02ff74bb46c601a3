// The API's test world: the scenario world (the embedded engine with the workflows deployed, the
// real workers in-process with the simulated clock, a file store with the demo organisation and
// its logins) plus the API built on the same store and pointed at the same engine through the
// official clients. Everything a test does to the system goes through HTTP: `app.inject()` by
// default, a real listening server with `listen()`.
import type { LightMyRequestResponse } from 'fastify';
import { buildApp, type RateLimits } from '../../api/app.js';
import { apiConfigFromEnv } from '../../api/config.js';
import type { Api } from '../../api/types.js';
import { simulatedClockOf } from '../../store/simulated-clock.js';
import { DEMO_PASSWORD } from '../../store/seed/demo.js';
import { ScenarioWorld } from '../scenarios/world.js';

export { eventually } from '../workers/support.js';

export interface Answer<T = any> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | number | undefined>;
  raw: LightMyRequestResponse;
}

export interface Call {
  headers?: Record<string, string>;
  /** a JSON body, or a raw payload with its content type in `headers` */
  body?: unknown;
  payload?: string | Buffer;
}

/** Someone calling the API: the public (no cookie) or a logged-in member of staff. */
export class Caller {
  constructor(
    private readonly app: Api,
    readonly cookie?: string,
    readonly username?: string,
  ) {}

  async call<T = any>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, c: Call = {}): Promise<Answer<T>> {
    const raw = await this.app.inject({
      method,
      url,
      headers: { ...(this.cookie === undefined ? {} : { cookie: this.cookie }), ...c.headers },
      ...(c.payload !== undefined ? { payload: c.payload } : c.body !== undefined ? { payload: c.body as object } : {}),
    });
    const type = String(raw.headers['content-type'] ?? '');
    const body = type.includes('json') && raw.body !== '' ? JSON.parse(raw.body) : raw.body;
    return { status: raw.statusCode, body: body as T, headers: raw.headers, raw };
  }

  get<T = any>(url: string, c?: Call) {
    return this.call<T>('GET', url, c);
  }
  post<T = any>(url: string, body?: unknown, c: Call = {}) {
    return this.call<T>('POST', url, { ...c, body });
  }
  delete<T = any>(url: string, c?: Call) {
    return this.call<T>('DELETE', url, c);
  }
}

export interface ApiWorldOptions {
  rateLimits?: Partial<RateLimits>;
}

export class ApiWorld {
  private constructor(
    readonly world: ScenarioWorld,
    readonly app: Api,
  ) {}

  static async start(options: ApiWorldOptions = {}): Promise<ApiWorld> {
    const world = await ScenarioWorld.start();
    const config = apiConfigFromEnv({
      ZEEBE_GRPC_ADDRESS: world.engine.grpcAddress,
      CAMUNDA_REST_ADDRESS: world.engine.restAddress,
      CAMUNDA_AUTH_STRATEGY: 'NONE',
      CAMUNDA_LOG_LEVEL: 'none',
      SUQIU_ATTACHMENTS_DIR: `${world.engine.dir}/attachments`,
    });
    const app = await buildApp({ config, store: world.store, clock: simulatedClockOf(world.store.db), rateLimits: options.rateLimits ?? { login: 10_000, public: 10_000 } });
    await app.ready();
    return new ApiWorld(world, app);
  }

  async stop(): Promise<void> {
    await this.app?.close();
    await this.world?.stop();
  }

  get db() {
    return this.world.db;
  }

  /** the public: citizens and the board, no login */
  get public(): Caller {
    return new Caller(this.app);
  }

  /** Logs a demo account in (password `demo`); fails the test if the login does not succeed. */
  async login(username: string, password = DEMO_PASSWORD): Promise<Caller> {
    const answer = await this.public.post('/api/session', { username, password });
    if (answer.status !== 200) throw new Error(`login of ${username} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    const setCookie = answer.headers['set-cookie'];
    const cookie = String(Array.isArray(setCookie) ? setCookie[0] : setCookie).split(';')[0]!;
    return new Caller(this.app, cookie, username);
  }

  /** Listens on a free loopback port (for tests that need a real server); closed with the world. */
  async listen(): Promise<string> {
    return this.app.listen({ port: 0, host: '127.0.0.1' });
  }
}
