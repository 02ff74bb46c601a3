// The system as `npm start` runs it (scripts/start.ts: engine, workers, API with the built pages,
// demo organisation and, unless asked not to, the demo requests), on free ports and a fresh store
// in a temporary folder, for the browser tests. Started once per test file; stopped with SIGTERM
// (start stops its children in order), SIGKILL if it hangs.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { ensureWebBuilt } from '../../scripts/build-web.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const LISTENING_API = /^\[api\] api: listening on [^\s]*:(\d+)/;

export interface SystemOptions {
  /** wait for the five demo requests of scripts/demo-requests.ts (default true); false: none are made */
  demoRequests?: boolean;
  /** how long to wait for everything to be up once the pages are built, ms (default 120 s) */
  timeoutMs?: number;
}

/** An answer of the API to a test: its status and its body (JSON parsed, otherwise the text; null when empty). */
export interface Answer {
  status: number;
  /** whatever the route answers; each test says what it expects of it */
  body: any;
}
/** Calls the API as one logged-in member of staff (their session cookie), in Chinese. */
export type StaffCall = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown) => Promise<Answer>;

export class RunningSystem {
  private constructor(
    private readonly child: ChildProcess,
    private readonly dir: string,
    /** `http://127.0.0.1:<port>`, the API and the pages */
    readonly baseUrl: string,
    /** every line start printed so far (for a failing test's message) */
    readonly output: string[],
  ) {}

  static async start(options: SystemOptions = {}): Promise<RunningSystem> {
    const demoRequests = options.demoRequests ?? true;
    // the pages, built once for all test files (when their sources changed); start itself then serves them as they are
    await ensureWebBuilt((line) => console.log(line));
    const dir = await mkdtemp(join(tmpdir(), 'suqiu-web-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        SUQIU_STORE_PATH: join(dir, 'suqiu.db'),
        SUQIU_DATA_DIR: join(dir, 'engine'),
        SUQIU_ATTACHMENTS_DIR: join(dir, 'attachments'),
        SUQIU_GRPC_PORT: '0',
        SUQIU_WORKERS_PORT: '0',
        SUQIU_API_PORT: '0',
        SUQIU_API_HOST: '127.0.0.1',
        SUQIU_DEMO_REQUESTS: demoRequests ? 'on' : 'off',
        // a test's pages log in and look up many times from one address
        SUQIU_API_LOGIN_LIMIT: '10000',
        SUQIU_API_PUBLIC_LIMIT: '10000',
        SUQIU_WEB_BUILD: 'off',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output: string[] = [];
    const timeoutMs = options.timeoutMs ?? 120_000;
    const baseUrl = await new Promise<string>((resolve, reject) => {
      let port: string | undefined;
      const timer = setTimeout(() => reject(new Error(`the system did not start in ${timeoutMs} ms:\n${output.join('\n')}`)), timeoutMs);
      const onLine = (line: string): void => {
        output.push(line);
        port = LISTENING_API.exec(line)?.[1] ?? port;
        const ready = demoRequests ? line.startsWith('[demo] demo: done') : line === '[api] api: ready';
        if (ready && port !== undefined) {
          clearTimeout(timer);
          resolve(`http://127.0.0.1:${port}`);
        }
        if (line.startsWith('[demo] ') && /failed|error/i.test(line)) {
          clearTimeout(timer);
          reject(new Error(`the demo requests failed:\n${output.join('\n')}`));
        }
      };
      createInterface({ input: child.stdout! }).on('line', onLine);
      createInterface({ input: child.stderr! }).on('line', onLine);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`npm start exited (${code}) before it was ready:\n${output.join('\n')}`));
      });
    });
    return new RunningSystem(child, dir, baseUrl, output);
  }

  /** Logs `username` in over HTTP (demo password) and answers a caller with that session. */
  async staffApi(username: string): Promise<StaffCall> {
    const login = await fetch(`${this.baseUrl}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'demo' }) });
    if (login.status !== 200) throw new Error(`${username} could not log in: ${login.status} ${await login.text()}`);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    return async (method, path, body) => {
      const answer = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: { cookie, 'accept-language': 'zh-CN', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await answer.text();
      const json = (answer.headers.get('content-type') ?? '').includes('json') && text !== '';
      return { status: answer.status, body: json ? JSON.parse(text) : text === '' ? null : text };
    };
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 40_000);
      await exited;
      clearTimeout(timer);
    }
    await rm(this.dir, { recursive: true, force: true });
  }
}
