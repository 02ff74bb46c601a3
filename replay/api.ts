// The replay's people at the API's door: a small HTTP client (rest.ts's, keep-alive), one
// session per member of staff (logged in with their username and the demo password, and again once
// the session has ended: the API ends a session a week after its login, in the API's time, which
// in a replay is the simulated time), and the citizens' public door, which needs no session.
import { DEMO_PASSWORD } from '../store/seed/demo.js';
import { httpCall } from './rest.js';

export interface Answer<T = unknown> {
  status: number;
  body: T;
}

/** An answer the caller did not expect: the method, path, status and the problem's detail. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export class ApiClient {
  constructor(readonly baseUrl: string) {}

  async send<T = unknown>(method: string, path: string, body?: unknown, cookie?: string): Promise<Answer<T> & { setCookie: string | null }> {
    const res = await httpCall(this.baseUrl, method, path, body, cookie === undefined ? {} : { cookie });
    const text = res.text;
    let parsed: unknown = text;
    const type = res.headers['content-type'];
    if (text !== '' && typeof type === 'string' && type.includes('json')) parsed = JSON.parse(text);
    const setCookie = res.headers['set-cookie'];
    return { status: res.status, body: parsed as T, setCookie: setCookie === undefined ? null : ([] as string[]).concat(setCookie).join(', ') };
  }

  /** The citizens' side: no session. */
  get citizen(): Caller {
    return { call: (method, path, body) => this.send(method, path, body) };
  }
}

export interface Caller {
  call<T = unknown>(method: string, path: string, body?: unknown): Promise<Answer<T>>;
}

/** What the problem+json of an answer says, for error messages. */
export function problemOf(answer: Answer): string {
  const body = answer.body as { detail?: unknown; title?: unknown; field?: unknown } | string;
  if (typeof body === 'string') return body.slice(0, 300);
  const field = typeof body?.field === 'string' ? ` (field ${body.field})` : '';
  return `${String(body?.detail ?? body?.title ?? JSON.stringify(body))}${field}`;
}

/** Throws unless the answer has one of the expected statuses. */
export function expectStatus<T>(who: string, method: string, path: string, answer: Answer<T>, ...ok: number[]): Answer<T> {
  if (!ok.includes(answer.status)) throw new ApiError(answer.status, `${who}: ${method} ${path} answered ${answer.status}: ${problemOf(answer)}`);
  return answer;
}

/**
 * A member of staff with their own session. The session cookie's Max-Age says how long the API
 * keeps a session after its login; read in simulated time (the API's clock), it tells when the
 * session has ended, so the person logs in again before their next call instead of being refused.
 */
export class StaffSession implements Caller {
  private cookie: string | undefined;
  private loggingIn: Promise<void> | undefined;
  /** simulated time of the login and how long the session lasts from it */
  private loggedInAt = 0;
  private lifetimeMs = Infinity;
  logins = 0;

  constructor(
    private readonly api: ApiClient,
    readonly username: string,
    private readonly now: () => Date,
  ) {}

  /** Logs in (or joins the login under way). */
  login(): Promise<void> {
    this.loggingIn ??= (async () => {
      try {
        const at = this.now().getTime();
        const answer = await this.api.send('POST', '/api/session', { username: this.username, password: DEMO_PASSWORD });
        expectStatus(this.username, 'POST', '/api/session', answer, 200);
        const setCookie = answer.setCookie ?? '';
        this.cookie = setCookie.split(';')[0];
        const maxAge = /;\s*Max-Age=(\d+)/i.exec(setCookie);
        this.lifetimeMs = maxAge === null ? Infinity : Number(maxAge[1]) * 1000;
        this.loggedInAt = at;
        this.logins += 1;
      } finally {
        this.loggingIn = undefined;
      }
    })();
    return this.loggingIn;
  }

  /** whether the session is open and outlives `at` */
  private openAt(at: number): boolean {
    return this.cookie !== undefined && this.loggedInAt + this.lifetimeMs > at;
  }

  async call<T = unknown>(method: string, path: string, body?: unknown): Promise<Answer<T>> {
    if (this.loggingIn !== undefined) await this.loggingIn;
    if (!this.openAt(this.now().getTime())) await this.login();
    const used = this.cookie;
    const answer = await this.api.send<T>(method, path, body, used);
    if (answer.status !== 401) return answer;
    // the session ended all the same (the API's idle limit): log in again, once, unless another call already did
    if (this.cookie === used) await this.login();
    return this.api.send<T>(method, path, body, this.cookie);
  }
}

/** One session per person, opened on first use. */
export class Sessions {
  private readonly byUsername = new Map<string, StaffSession>();

  constructor(
    private readonly api: ApiClient,
    /** the simulated time (the API's clock) */
    private readonly now: () => Date,
  ) {}

  of(username: string): StaffSession {
    let session = this.byUsername.get(username);
    if (session === undefined) {
      session = new StaffSession(this.api, username, this.now);
      this.byUsername.set(username, session);
    }
    return session;
  }

  /** logins so far, over every session */
  get logins(): number {
    let n = 0;
    for (const s of this.byUsername.values()) n += s.logins;
    return n;
  }
}
