// Which channel delivers which notice. Each lane has its own loop in the deliverer, so a slow or
// dead SMS gateway holds up SMS notices only, never the inbox or e-mail.
//
//   outbox channel   delivered by
//   sms              the SMS gateway (SUQIU_SMS_GATEWAY_URL), else the log
//   email            SMTP (SUQIU_SMTP_URL), else the log
//   internal         the workbench inbox, plus e-mail copies over SMTP when it is configured
//   anything else    the log
import type { Conn } from '../../store/db.js';
import type { ChannelFilter } from '../../store/notifications.js';
import { inboxDelivery } from './inbox.js';
import { logDelivery } from './log.js';
import type { DeliverySettings } from './settings.js';
import { smsGatewayDelivery } from './sms-gateway.js';
import { emailDelivery, smtpMailer, type Mailer } from './smtp.js';
import type { Delivery } from './types.js';

export interface Lane {
  /** the outbox channel(s) it takes, for the log: 'sms', 'email', 'internal', 'other' */
  name: string;
  channels: ChannelFilter;
  delivery: Delivery;
}

export interface Routes {
  lanes: Lane[];
  /** closes what the channels opened (the SMTP transport) */
  close(): void;
}

const ROUTED = ['sms', 'email', 'internal'];

export function routesFor(settings: DeliverySettings, deps: { db: Conn; log: (line: string) => void }): Routes {
  const mailer: Mailer | undefined = settings.smtp === undefined ? undefined : smtpMailer(settings.smtp, settings.timeoutMs);
  const lanes: Lane[] = [
    {
      name: 'sms',
      channels: { in: ['sms'] },
      delivery: settings.smsGateway === undefined ? logDelivery(deps.log, 'SUQIU_SMS_GATEWAY_URL not set') : smsGatewayDelivery(settings.smsGateway),
    },
    { name: 'email', channels: { in: ['email'] }, delivery: mailer === undefined ? logDelivery(deps.log, 'SUQIU_SMTP_URL not set') : emailDelivery(mailer) },
    { name: 'internal', channels: { in: ['internal'] }, delivery: inboxDelivery(deps.db, mailer) },
    { name: 'other', channels: { notIn: ROUTED }, delivery: logDelivery(deps.log) },
  ];
  return { lanes, close: () => mailer?.close() };
}

/** For the start log: `sms → sms-gateway POST https://...; email → log (...); ...` (no secrets). */
export function describeRoutes(routes: Routes): string {
  return routes.lanes.map((lane) => `${lane.name} → ${lane.delivery.describe()}`).join('; ');
}
