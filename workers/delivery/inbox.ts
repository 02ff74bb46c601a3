// The workbench inbox: an internal notice addressed to a unit or to a member of staff is in their
// inbox (GET /api/notifications) from the moment the step that wrote it committed. Delivering it
// means, when SMTP is configured, sending an e-mail copy to the addressed person, or to every member
// of the addressed unit, who has an address in `staff.email` (delivered_via 'inbox+smtp'); with no
// SMTP or nobody with an address, there is nothing more to do ('inbox'). The copies leave the
// building, so phone and ID numbers in them are masked: the workbench has the details.
import type { Conn } from '../../store/db.js';
import { emailAddressesOf } from '../../store/notifications.js';
import { mailOf, type Mailer } from './smtp.js';
import type { Delivery } from './types.js';

export function inboxDelivery(conn: Conn, mailer?: Mailer): Delivery {
  return {
    name: 'inbox',
    async deliver(m) {
      if (mailer === undefined) return 'inbox';
      const to = emailAddressesOf(conn, m.recipient);
      if (to.length === 0) return 'inbox';
      await mailer.send(mailOf(m, to, { mask: true }));
      return 'inbox+smtp';
    },
    describe: () => (mailer === undefined ? 'inbox' : `inbox, with e-mail copies to staff who have an address (${mailer.describe()})`),
  };
}
