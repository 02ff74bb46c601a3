// The pages' one way to the API: JSON over fetch, same origin, the session cookie sent along, and
// the answer's language asked for (Accept-Language) so that every problem the API answers
// (RFC 9457 problem+json, Chinese by default) can be shown to the person as it comes.
import { currentLocale } from './i18n';

/** A refused or failed call, with what the API said (its `title`, `detail` and bad `field`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    /** the problem's type URN, or `urn:suqiu:problem:network` when the API was not reached */
    readonly type: string,
    readonly title: string,
    readonly detail: string | undefined,
    readonly field: string | undefined,
    readonly body: Record<string, unknown>,
  ) {
    super(detail ?? title);
    this.name = 'ApiError';
  }

  /** what to show the person: the detail when the API gave one, its title otherwise */
  get shown(): string {
    return this.detail ?? this.title;
  }
}

export interface CallOptions {
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined | null>;
  /** sent as Idempotency-Key: the same key on a retry gets the first answer again */
  idempotencyKey?: string;
  signal?: AbortSignal;
}

/** The words shown when the API could not be reached at all; set by i18n (see `networkMessage`). */
let networkMessage = (): string => 'network error';
export function setNetworkMessage(message: () => string): void {
  networkMessage = message;
}

export function urlOf(path: string, query?: CallOptions['query']): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  }
  const text = params.toString();
  return text === '' ? path : `${path}?${text}`;
}

export async function call<T = unknown>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, options: CallOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': currentLocale() === 'en' ? 'en' : 'zh-CN' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.idempotencyKey !== undefined) headers['idempotency-key'] = options.idempotencyKey;
  let answer: Response;
  try {
    answer = await fetch(urlOf(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'urn:suqiu:problem:network', networkMessage(), undefined, undefined, {});
  }
  const type = answer.headers.get('content-type') ?? '';
  const text = await answer.text();
  const parsed: unknown = type.includes('json') && text !== '' ? JSON.parse(text) : text;
  if (answer.ok) return parsed as T;
  const problem = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>;
  const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
  throw new ApiError(
    answer.status,
    str(problem.type) ?? `urn:suqiu:problem:http-${answer.status}`,
    str(problem.title) ?? `HTTP ${answer.status}`,
    str(problem.detail),
    str(problem.field),
    problem,
  );
}

export const get = <T = unknown>(path: string, query?: CallOptions['query'], signal?: AbortSignal): Promise<T> => call<T>('GET', path, { query, signal });
export const post = <T = unknown>(path: string, body?: unknown, options: Omit<CallOptions, 'body'> = {}): Promise<T> => call<T>('POST', path, { ...options, body });
export const del = <T = unknown>(path: string): Promise<T> => call<T>('DELETE', path);

/** The message to show for anything a call threw. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.shown;
  return error instanceof Error ? error.message : String(error);
}
