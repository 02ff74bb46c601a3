// The outbox deliverer's settings (read from the environment in workers/runtime/config.ts).

export interface SmtpSettings {
  /** smtp://user:password@host:587 (STARTTLS when offered) or smtps://user:password@host:465 */
  url: string;
  /** the From of every message, e.g. `"巴州区诉求系统" <noreply@example.org>` */
  from: string;
}

export interface SmsGatewaySettings {
  /** where each SMS is POSTed as JSON */
  url: string;
  /** sent as `Authorization: Bearer <token>` when set */
  token?: string;
}

export interface DeliverySettings {
  /** undefined: e-mail notices go to the log, internal notices to the inbox only */
  smtp?: SmtpSettings;
  /** undefined: SMS notices go to the log */
  smsGateway?: SmsGatewaySettings;
  /** how long one attempt may take (connect, send, answer) */
  timeoutMs: number;
  /** attempts before a notice is marked failed */
  maxAttempts: number;
  /** wait after the first failed attempt, doubled after each further one ... */
  backoffMs: number;
  /** ... up to this */
  backoffMaxMs: number;
  /** attempts at a time per channel */
  concurrency: number;
}
