// A small client of the engine's Camunda 8 REST API v2, over Node's fetch (keep-alive
// connections), for what a replay does as the operator of a simulation, not as a person: pinning
// the engine's clock (`PUT /v2/clock`) and reading incidents for a stuck report. People use the API
// (api.ts). Errors carry the method, path, status and the problem's detail.

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
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) {
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
