// A small client of the engine's Camunda 8 REST API v2 for what a replay does as the operator of a
// simulation, not as a person: pinning the engine's clock (`PUT /v2/clock`) and reading incidents
// for a stuck report. People use the API (api.ts). Errors carry the method, path, status and the
// problem's detail. Both go over `httpCall`: node:http with keep-alive connections, which costs the
// driver about a fifth of the CPU fetch does per call (a replay makes some 60,000 calls at a tenth
// of the study).
import { Agent, request } from 'node:http';

export class RestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'RestError';
  }
}

export class Rest {
  constructor(readonly baseUrl: string) {}

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await httpCall(this.baseUrl, method, path, body);
    const text = res.text;
    if (res.status < 200 || res.status > 299) {
      let detail = text;
      try {
        detail = (JSON.parse(text) as { detail?: string }).detail ?? text;
      } catch {
        // not JSON: keep the text
      }
      throw new RestError(res.status, `${method} ${path} answered ${res.status}: ${detail}`);
    }
    return (text === '' ? undefined : JSON.parse(text)) as T;
  }

  /** Pins the engine's clock (`PUT /v2/clock`). */
  pinClock(at: Date): Promise<void> {
    return this.call('PUT', '/v2/clock', { timestamp: at.getTime() });
  }
}

/** An HTTP answer: its status, headers and body as text. */
export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** keep-alive connections, as many as the driver's lanes use at once (it never has 64 calls open) */
const agent = new Agent({ keepAlive: true, maxSockets: 64 });

/** One HTTP call with a JSON body (if any) over a kept-alive connection. */
export function httpCall(baseUrl: string, method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<HttpAnswer> {
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  const headers: Record<string, string | number> = { ...extraHeaders };
  if (payload !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = payload.length;
  }
  return new Promise((resolve, reject) => {
    const req = request(`${baseUrl}${path}`, { method, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/** Runs `work` over `items` with at most `limit` at a time. */
export async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await work(item);
    }
  });
  await Promise.all(lanes);
}
