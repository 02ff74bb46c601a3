// Notices to staff and citizens. Handlers hand them to a Notifier inside their own transaction;
// the default one writes to the store's outbox (store/notifications.ts), which a deliverer sends
// later, so a notice is never sent for a step that rolled back, nor twice for a repeated job.
import type { Conn } from '../../store/db.js';
import { enqueueNotification } from '../../store/notifications.js';
import { staffOfUnit, unitsOfKind } from '../../store/org-units.js';

export interface Notice {
  /** 'internal' (workbench message to a unit or staff member), 'sms', ... */
  channel: 'internal' | 'sms';
  /** a unit id, staff id or phone number, as the channel addresses */
  recipient: string;
  text: string;
  requestId?: string;
  /** a second notice with the same key is dropped */
  key: string;
}

export interface Notifier {
  notify(conn: Conn, notice: Notice, at: Date): void;
}

export const outboxNotifier: Notifier = {
  notify(conn, notice, at) {
    enqueueNotification(conn, {
      channel: notice.channel,
      recipient: notice.recipient,
      text: notice.text,
      requestId: notice.requestId,
      idempotencyKey: notice.key,
      at,
    });
  },
};

/**
 * The district's supervisors (督查, the supervision group 督导组), who hear of warnings, missed
 * deadlines and non-reports: staff with the supervisor role at the district or its bodies.
 */
export function supervisorIds(conn: Conn): string[] {
  return unitsOfKind(conn, 'district', 'district_body').flatMap((unit) => staffOfUnit(conn, unit.id, 'supervisor').map((s) => s.id));
}

/** Sends the same text to the unit and to every supervisor, one notice each (keys `<key>:<recipient>`). */
export function notifyUnitAndSupervisors(
  conn: Conn,
  notifier: Notifier,
  at: Date,
  n: { unitId?: string; text: string; requestId?: string; key: string },
): void {
  const recipients = [...(n.unitId === undefined ? [] : [n.unitId]), ...supervisorIds(conn)];
  for (const recipient of recipients) {
    notifier.notify(conn, { channel: 'internal', recipient, text: n.text, requestId: n.requestId, key: `${n.key}:${recipient}` }, at);
  }
}
