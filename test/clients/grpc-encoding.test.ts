// The gateway's message encodings on the wire (HTTP/2 frames written by hand, so that what the
// clients' libraries hide is visible): it asks for uncompressed requests, which makes grpc-js
// clients such as @camunda8/sdk stop gzipping every message, and still accepts gzip, as gRPC
// requires of a server that has announced other encodings.

import { connect, constants, type ClientHttp2Session } from 'node:http2';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngine, type RunningEngine } from '../../engine/server.js';

let engine: RunningEngine;
let dataDir: string;
let session: ClientHttp2Session;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'suqiu-grpc-encoding-'));
  engine = await startEngine({ dataDir, grpcPort: 0, host: '127.0.0.1', log: () => {} });
  session = connect(`http://127.0.0.1:${engine.grpcPort}`);
});

afterAll(async () => {
  session?.close();
  await engine?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** one length-prefixed gRPC message: flag (1 = compressed), 4-byte length, payload */
function frame(payload: Buffer, compressed: boolean): Buffer {
  const header = Buffer.alloc(5);
  header.writeUInt8(compressed ? 1 : 0, 0);
  header.writeUInt32BE(payload.length, 1);
  return Buffer.concat([header, payload]);
}

interface Answer {
  headers: Record<string, unknown>;
  trailers: Record<string, unknown>;
  body: Buffer;
}

/** calls Topology (an empty request message) and collects headers, body and trailers */
function topology(encoding: 'identity' | 'gzip'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const stream = session.request({
      [constants.HTTP2_HEADER_METHOD]: 'POST',
      [constants.HTTP2_HEADER_PATH]: '/gateway_protocol.Gateway/Topology',
      'content-type': 'application/grpc+proto',
      te: 'trailers',
      'grpc-encoding': encoding,
      'grpc-accept-encoding': 'identity,gzip',
    });
    let headers: Record<string, unknown> = {};
    let trailers: Record<string, unknown> = {};
    const chunks: Buffer[] = [];
    stream.on('response', (h) => (headers = h));
    stream.on('trailers', (t) => (trailers = t));
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve({ headers, trailers, body: Buffer.concat(chunks) }));
    stream.on('error', reject);
    stream.end(encoding === 'gzip' ? frame(gzipSync(Buffer.alloc(0)), true) : frame(Buffer.alloc(0), false));
  });
}

describe('message encodings of the gRPC gateway', () => {
  it('answers that it accepts uncompressed requests only', async () => {
    // given a running gateway

    // when
    const answer = await topology('identity');

    // then
    expect(answer.trailers['grpc-status']).toBe('0');
    expect(answer.headers['grpc-accept-encoding']).toBe('identity');
    expect(answer.body.length).toBeGreaterThan(5);
  });

  it('still accepts a gzip-compressed request', async () => {
    // given a client that compresses before it has heard the gateway's answer

    // when
    const answer = await topology('gzip');

    // then the call succeeds with a topology
    expect(answer.trailers['grpc-status']).toBe('0');
    expect(answer.body.length).toBeGreaterThan(5);
  });
});
