// Local stand-ins for what the outbox delivers to: an SMTP server (the `smtp-server` package) that
// keeps every message it accepts, and an HTTP sink (node:http) standing in for an SMS gateway that
// keeps every request and answers as the test tells it to (2xx, an error status, or never).
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** the SMTP envelope */
  mailFrom: string;
  rcptTo: string[];
  /** who logged in (AUTH), if anyone */
  user: string | undefined;
  headers: Record<string, string>;
  /** the decoded Subject */
  subject: string;
  /** the decoded text body */
  text: string;
}

export interface SmtpSink {
  readonly port: number;
  readonly mails: ReceivedMail[];
  close(): Promise<void>;
}

export const SMTP_USER = 'suqiu';
export const SMTP_PASSWORD = 's3cret-smtp-pw';

/** Decodes RFC 2047 encoded words (`=?UTF-8?B?...?=`, `=?UTF-8?Q?...?=`). */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, _charset: string, encoding: string, data: string) =>
      encoding.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8') : decodeQuotedPrintable(data.replace(/_/g, ' ')),
    );
}

function decodeQuotedPrintable(data: string): string {
  const bytes: number[] = [];
  const text = data.replace(/=\r?\n/g, '');
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(text[i]!, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** A single-part message: headers (unfolded, names lower-case) and the body decoded to text. */
export function parseMail(raw: string): { headers: Record<string, string>; subject: string; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const encoding = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  const text =
    encoding === 'base64' ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8') : encoding === 'quoted-printable' ? decodeQuotedPrintable(body) : body;
  return { headers, subject: decodeWords(headers.subject ?? ''), text: text.replace(/\r\n/g, '\n').replace(/\n$/, '') };
}

/**
 * An SMTP server on 127.0.0.1 (a free port, no TLS) that wants SMTP_USER / SMTP_PASSWORD and
 * refuses mail to `refused@...` with 550.
 */
export async function startSmtpSink(): Promise<SmtpSink> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: false,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD) callback(null, { user: auth.username });
      else callback(new Error('535 authentication failed'));
    },
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith('refused@')) {
        const error = new Error('no such mailbox') as Error & { responseCode: number };
        error.responseCode = 550;
        callback(error);
      } else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const parsed = parseMail(Buffer.concat(chunks).toString('utf8'));
        const from = session.envelope.mailFrom;
        mails.push({
          mailFrom: from === false ? '' : from.address,
          rcptTo: session.envelope.rcptTo.map((r) => r.address),
          user: typeof session.user === 'string' ? session.user : undefined,
          ...parsed,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export interface SinkRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** How the HTTP sink answers: with this status, or not at all (the request is held open). */
export type SinkAnswer = number | 'never';

export interface HttpSink {
  readonly url: string;
  readonly requests: SinkRequest[];
  /** requests being held open right now */
  readonly open: number;
  answer: SinkAnswer;
  close(): Promise<void>;
}

export async function startHttpSink(path = '/sms/send'): Promise<HttpSink> {
  const requests: SinkRequest[] = [];
  let open = 0;
  const state = { answer: 202 as SinkAnswer };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const answer = state.answer;
      if (answer === 'never') {
        open++;
        res.on('close', () => open--);
        return;
      }
      res.writeHead(answer, { 'content-type': 'application/json' }).end(JSON.stringify(answer < 300 ? { accepted: true } : { error: `status ${answer}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    requests,
    get open() {
      return open;
    },
    get answer() {
      return state.answer;
    },
    set answer(a: SinkAnswer) {
      state.answer = a;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
