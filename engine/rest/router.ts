// A small router: `/v2/process-instances/:processInstanceKey/cancellation` style patterns,
// matched segment by segment. Unknown paths answer 404, known paths with another method 405.

import type { Reply, RequestContext } from './http.js';

export type Handler = (ctx: RequestContext) => Reply | Promise<Reply>;

export interface BodyPolicy {
  /** read the body as multipart/form-data (deployments) instead of JSON */
  multipart?: boolean;
}

interface Route {
  method: string;
  segments: string[];
  handler: Handler;
  policy: BodyPolicy;
}

export type RouteMatch =
  | { kind: 'found'; handler: Handler; params: Record<string, string>; policy: BodyPolicy }
  | { kind: 'method-not-allowed'; allowed: string[] }
  | { kind: 'not-found' };

export class Router {
  private readonly routes: Route[] = [];

  add(method: string, pattern: string, handler: Handler, policy: BodyPolicy = {}): this {
    this.routes.push({ method, segments: split(pattern), handler, policy });
    return this;
  }

  get(pattern: string, handler: Handler) { return this.add('GET', pattern, handler); }
  post(pattern: string, handler: Handler, policy?: BodyPolicy) { return this.add('POST', pattern, handler, policy); }
  put(pattern: string, handler: Handler) { return this.add('PUT', pattern, handler); }
  patch(pattern: string, handler: Handler) { return this.add('PATCH', pattern, handler); }
  delete(pattern: string, handler: Handler) { return this.add('DELETE', pattern, handler); }

  match(method: string, path: string): RouteMatch {
    const segments = split(path);
    const allowed: string[] = [];
    for (const route of this.routes) {
      const params = matchSegments(route.segments, segments);
      if (!params) continue;
      if (route.method === method) return { kind: 'found', handler: route.handler, params, policy: route.policy };
      allowed.push(route.method);
    }
    return allowed.length ? { kind: 'method-not-allowed', allowed } : { kind: 'not-found' };
  }
}

function split(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

function matchSegments(pattern: string[], actual: string[]): Record<string, string> | undefined {
  if (pattern.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i]!;
    let a: string;
    try {
      a = decodeURIComponent(actual[i]!);
    } catch {
      return undefined;
    }
    if (p.startsWith(':')) params[p.slice(1)] = a;
    else if (p !== a) return undefined;
  }
  return params;
}
