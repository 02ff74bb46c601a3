// Request and response plumbing over node:http: bodies read with a size limit, JSON and
// problem+json answers, and the request context the route handlers receive.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiProblem, badRequest } from './problem.js';

/** Camunda accepts requests up to its 4 MB message size; leave room for JSON overhead */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;

export interface RequestContext {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  /** raw body bytes (empty when none was sent) */
  body: Buffer;
  /** aborted when the client goes away before the answer is sent */
  signal: AbortSignal;
}

/** What a handler answers: a JSON body (200 unless told), XML text, or nothing (204). */
export type Reply =
  | { status?: number; json: unknown }
  | { status?: number; text: string; contentType: string }
  | { status: 204 };

export const noContent: Reply = { status: 204 };

export function readBody(request: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length'] ?? '0');
    if (declared > limit) {
      request.resume();
      reject(tooLarge(limit));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    request.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks));
    });
    request.on('error', (error) => {
      if (!failed) {
        failed = true;
        reject(error);
      }
    });
  });
}

function tooLarge(limit: number): ApiProblem {
  return new ApiProblem(413, 'Payload Too Large', `The request body exceeds the maximum size of ${limit} bytes`);
}

export function mediaType(headers: IncomingMessage['headers']): string {
  return String(headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

/**
 * Parses a JSON body. `required` bodies that are missing answer Spring's "Required request body
 * is missing"; an optional missing body reads as `undefined`.
 */
export function jsonBody(ctx: RequestContext, required: boolean): unknown {
  const text = ctx.body.toString('utf8');
  if (text.trim() === '') {
    if (required) throw badRequest('Required request body is missing');
    return undefined;
  }
  const type = mediaType(ctx.headers);
  if (type !== '' && type !== 'application/json' && !type.endsWith('+json')) {
    throw new ApiProblem(415, 'Unsupported Media Type', `Content-Type '${type}' is not supported.`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw badRequest('Failed to read request');
  }
}

export function send(response: ServerResponse, reply: Reply): void {
  if (reply.status === 204 || (!('json' in reply) && !('text' in reply))) {
    response.writeHead(204);
    response.end();
    return;
  }
  if ('text' in reply) {
    const body = Buffer.from(reply.text, 'utf8');
    response.writeHead(reply.status ?? 200, { 'content-type': reply.contentType, 'content-length': body.length });
    response.end(body);
    return;
  }
  const body = Buffer.from(JSON.stringify(reply.json), 'utf8');
  response.writeHead(reply.status ?? 200, { 'content-type': 'application/json', 'content-length': body.length });
  response.end(body);
}

export function sendProblem(response: ServerResponse, problem: { status: number }): void {
  const body = Buffer.from(JSON.stringify(problem), 'utf8');
  response.writeHead(problem.status, { 'content-type': 'application/problem+json', 'content-length': body.length });
  response.end(body);
}
