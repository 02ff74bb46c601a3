// A small multipart/form-data reader (RFC 7578) for deployments: the whole body is already
// in memory (bounded by the body limit), so parts are sliced out of one buffer.

import { badRequest } from './problem.js';

export interface FormPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

export function boundaryOf(contentType: string): string | undefined {
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2];
  return boundary && boundary.length <= 70 ? boundary : undefined;
}

export function parseMultipart(body: Buffer, contentType: string): FormPart[] {
  const boundary = boundaryOf(contentType);
  if (!boundary) throw badRequest('Failed to parse multipart servlet request: no multipart boundary was found');
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: FormPart[] = [];
  let position = body.indexOf(delimiter);
  if (position < 0) throw malformed();
  while (true) {
    position += delimiter.length;
    // the closing delimiter is followed by `--`
    if (body[position] === 0x2d && body[position + 1] === 0x2d) break;
    // skip transport padding and the CRLF after the delimiter
    while (body[position] === 0x20 || body[position] === 0x09) position++;
    if (body[position] === 0x0d && body[position + 1] === 0x0a) position += 2;
    else throw malformed();
    const headerEnd = body.indexOf('\r\n\r\n', position);
    if (headerEnd < 0) throw malformed();
    const headers = parseHeaders(body.subarray(position, headerEnd).toString('utf8'));
    const dataStart = headerEnd + 4;
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), dataStart);
    if (next < 0) throw malformed();
    const disposition = headers.get('content-disposition') ?? '';
    const name = parameter(disposition, 'name');
    if (!/^form-data\b/i.test(disposition) || name === undefined) throw malformed();
    parts.push({
      name,
      filename: parameter(disposition, 'filename'),
      contentType: headers.get('content-type'),
      data: body.subarray(dataStart, next),
    });
    position = next + 2;
  }
  return parts;
}

function malformed() {
  return badRequest('Failed to parse multipart servlet request: the body is not well-formed multipart/form-data');
}

function parseHeaders(text: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of text.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

/** `name="x"`, `name=x` or RFC 5987 `name*=UTF-8''x` (which wins) from a header value */
function parameter(header: string, name: string): string | undefined {
  const extended = new RegExp(`;\\s*${name}\\*=([^']*)'[^']*'([^;]*)`, 'i').exec(header);
  if (extended) {
    try {
      return decodeURIComponent(extended[2]!.trim());
    } catch {
      // fall through to the plain parameter
    }
  }
  const plain = new RegExp(`;\\s*${name}=(?:"((?:[^"\\\\]|\\\\.)*)"|([^;]*))`, 'i').exec(header);
  if (!plain) return undefined;
  return plain[1] !== undefined ? plain[1].replace(/\\(.)/g, '$1') : plain[2]!.trim();
}
