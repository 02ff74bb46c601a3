// Helpers for the case-file, attachment and audit tests: multipart bodies, small files of each
// type (by their magic numbers), a request made the way the scenarios make one, and a ZIP reader.
import { createHash } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import { getRequest } from '../../store/requests.js';
import { eventually, type ApiWorld } from './support.js';

export type Part = { name: string; value: string } | { name: string; filename: string; type?: string; content: Buffer };

/** A multipart/form-data body (file names sent as raw UTF-8, as browsers and curl do). */
export function multipart(parts: Part[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----suqiu-test-${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n`));
    if ('value' in p) {
      chunks.push(Buffer.from(`Content-Disposition: form-data; name="${p.name}"\r\n\r\n${p.value}\r\n`));
    } else {
      chunks.push(Buffer.from(`Content-Disposition: form-data; name="${p.name}"; filename="${p.filename}"\r\nContent-Type: ${p.type ?? 'application/octet-stream'}\r\n\r\n`, 'utf8'));
      chunks.push(p.content, Buffer.from('\r\n'));
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A 1×1 PNG (a real one). */
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/** JPEG magic (SOI + APP0 JFIF) followed by `seed`-dependent bytes: distinct files on demand. */
export function jpeg(seed: string, size = 2048): Buffer {
  const head = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);
  const body = Buffer.alloc(Math.max(0, size - head.length - 2));
  const fill = createHash('sha256').update(seed).digest();
  for (let i = 0; i < body.length; i++) body[i] = fill[i % fill.length]!;
  return Buffer.concat([head, body, Buffer.from([0xff, 0xd9])]);
}

export function pdf(text: string): Buffer {
  return Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`, 'latin1');
}

export const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** Creates a request's instance over gRPC (as the scenarios do) and waits for the register worker to record it. */
export async function newRequest(w: ApiWorld, r: { requestId: string; villageId?: string; townshipId?: string; summary?: string; channel?: string }): Promise<string> {
  const pi = await w.world.createRequest({
    requestId: r.requestId,
    townshipId: r.townshipId ?? 'dingshan',
    villageId: r.villageId ?? 'dingshan-huangliang',
    channel: r.channel ?? 'door_to_door',
    summary: r.summary ?? '黄梁村二组路灯损坏,晚上出行不方便',
  });
  await eventually(() => getRequest(w.db, r.requestId)?.processInstanceKey === pi || undefined, `request ${r.requestId} to be registered`);
  return pi;
}

/** The entries of a ZIP (stored or deflated), read from its central directory. */
export function unzip(zip: Buffer): Map<string, Buffer> {
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a ZIP: no end of central directory');
  const entries = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const out = new Map<string, Buffer>();
  for (let n = 0; n < entries; n++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central directory record at ${at}`);
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    if (zip.readUInt32LE(local) !== 0x04034b50) throw new Error(`bad local header for ${name}`);
    const dataAt = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(dataAt, dataAt + compressedSize);
    const data = method === 0 ? Buffer.from(raw) : method === 8 ? inflateRawSync(raw) : undefined;
    if (data === undefined) throw new Error(`${name}: compression method ${method}`);
    if (data.length !== size) throw new Error(`${name}: ${data.length} bytes, the directory says ${size}`);
    out.set(name, data);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return out;
}
