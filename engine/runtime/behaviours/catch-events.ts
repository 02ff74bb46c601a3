// Elements that wait for an event: intermediate catch events, receive tasks and event-based
// gateways. Their subscriptions are opened by the lifecycle (event-subscriptions.ts); they
// complete when the event is triggered (event-trigger.ts). A link catch event passes through.

import { complete } from '../lifecycle.js';
import type { Behaviour } from './behaviour.js';

export const waitForEvent: Behaviour = {
  activate(tx, row, element) {
    if (element.eventDefinition?.kind === 'link') complete(tx, row.key);
    // otherwise: wait; the subscriptions are open
  },
};
