// E-mail over SMTP (nodemailer): notices of channel 'email' (the recipient is an address) and the
// e-mail copies of internal notices (inbox.ts). SUQIU_SMTP_URL is smtp://user:password@host:587
// (STARTTLS when the server offers it) or smtps://user:password@host:465; SUQIU_SMTP_FROM the From.
//
// Each message: Subject `诉求通知:<the text's first 40 characters>`, a UTF-8 plain-text body (the
// notice, then the request id if any, then a line saying it was sent automatically), and the header
// `X-Suqiu-Reference: suqiu-notification-<id>` (the same on every retry, to spot a repeated send).
import nodemailer from 'nodemailer';
import SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import { maskIdentity } from '../../domain/index.js';
import type { SmtpSettings } from './settings.js';
import { PermanentDeliveryError, redactedUrl, referenceOf, type Delivery, type OutboxMessage } from './types.js';

export interface Mail {
  to: string[];
  subject: string;
  text: string;
  reference: string;
  requestId: string | null;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
  describe(): string;
  close(): void;
}

const SUBJECT_CHARS = 40;

/** The message for a notice; `mask`: phone and ID numbers masked (copies leaving the building). */
export function mailOf(m: OutboxMessage, to: string[], options: { mask?: boolean } = {}): Mail {
  const text = options.mask ? maskIdentity(m.text) : m.text;
  const line = text.replace(/\s+/g, ' ').trim();
  const chars = [...line];
  const subject = `诉求通知:${chars.length > SUBJECT_CHARS ? `${chars.slice(0, SUBJECT_CHARS).join('')}…` : line}`;
  const about = m.requestId === null ? '' : `\n\n诉求编号:${m.requestId}`;
  return { to, subject, text: `${text}${about}\n\n——诉求系统自动发送,请勿直接回复。`, reference: referenceOf(m), requestId: m.requestId };
}

interface SmtpError extends Error {
  code?: string;
  responseCode?: number;
}

export function smtpMailer(settings: SmtpSettings, timeoutMs: number): Mailer {
  const transport = nodemailer.createTransport(
    new SMTPTransport({ url: settings.url, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs, disableFileAccess: true, disableUrlAccess: true }),
  );
  return {
    async send(mail) {
      try {
        await transport.sendMail({
          from: settings.from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          headers: { 'X-Suqiu-Reference': mail.reference, ...(mail.requestId === null ? {} : { 'X-Suqiu-Request-Id': mail.requestId }) },
        });
      } catch (error) {
        const e = error as SmtpError;
        // 5xx: the server refused this message (e.g. 550 no such mailbox); a refused login is a
        // setting to fix, after which a retry succeeds
        if (e.responseCode !== undefined && e.responseCode >= 500 && e.code !== 'EAUTH') throw new PermanentDeliveryError(`refused: ${e.message}`);
        throw error;
      }
    },
    describe: () => `smtp ${redactedUrl(settings.url)} from ${settings.from}`,
    close: () => transport.close(),
  };
}

/** Channel 'email': the recipient is the address; the text goes as written. */
export function emailDelivery(mailer: Mailer): Delivery {
  return {
    name: 'smtp',
    async deliver(m) {
      await mailer.send(mailOf(m, [m.recipient]));
      return 'smtp';
    },
    describe: () => mailer.describe(),
  };
}
