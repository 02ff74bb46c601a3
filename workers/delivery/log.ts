// The log channel: what happens when nothing else is configured. The notice is written to the
// workers' log and counts as delivered (delivered_via 'log': nobody outside was told).
import { maskIdentity } from '../../domain/index.js';
import type { Delivery } from './types.js';

export function logDelivery(write: (line: string) => void, reason?: string): Delivery {
  return {
    name: 'log',
    async deliver(m) {
      // phone and ID numbers never reach a log line
      write(maskIdentity(`[notify ${m.channel} → ${m.recipient}] ${m.text}`));
      return 'log';
    },
    describe: () => (reason === undefined ? 'log' : `log (${reason})`),
  };
}
