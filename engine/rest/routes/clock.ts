// The engine clock: PUT /v2/clock pins it, POST /v2/clock/reset unpins it (Camunda 8.8);
// GET /v2/clock reads it and POST /v2/clock/add moves it by an ISO 8601 duration (8.11).

import type { RestContext } from '../context.js';
import { jsonBody, noContent } from '../http.js';
import { invalidArgument } from '../problem.js';
import type { Router } from '../router.js';
import { object, optionalInteger, optionalString } from '../validate.js';

const DURATION = /^([-+])?P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d{1,3})?)S)?)?$/;

/** ISO 8601 duration in days, hours, minutes and seconds, optionally negative; milliseconds */
export function parseDuration(text: string): number | undefined {
  const m = DURATION.exec(text);
  if (!m || text.endsWith('P') || text.endsWith('T') || (m[2] ?? m[3] ?? m[4] ?? m[5]) === undefined) return undefined;
  const ms = Number(m[2] ?? 0) * 86_400_000 + Number(m[3] ?? 0) * 3_600_000 + Number(m[4] ?? 0) * 60_000 + Math.round(Number(m[5] ?? 0) * 1000);
  return m[1] === '-' ? -ms : ms;
}

export function registerClock(router: Router, { engine }: RestContext): void {
  router.put('/v2/clock', (ctx) => {
    const body = object(jsonBody(ctx, true));
    const timestamp = optionalInteger(body, 'timestamp');
    if (timestamp === undefined) throw invalidArgument('No timestamp provided');
    if (timestamp < 0) throw invalidArgument(`The value for timestamp is '${timestamp}' but must be not negative`);
    engine.pinClock(timestamp);
    return noContent;
  });

  router.post('/v2/clock/reset', () => {
    engine.resetClock();
    return noContent;
  });

  router.get('/v2/clock', () => ({ json: { timestamp: new Date(engine.clock.now()).toISOString() } }));

  router.post('/v2/clock/add', (ctx) => {
    const body = object(jsonBody(ctx, true));
    const text = optionalString(body, 'duration');
    if (text === undefined || text.trim() === '') throw invalidArgument('No duration provided');
    const ms = parseDuration(text.trim());
    if (ms === undefined) {
      throw invalidArgument(`The value for duration is '${text}' but must be an ISO 8601 duration in days, hours, minutes and seconds`);
    }
    const target = engine.clock.now() + ms;
    if (target < 0) throw invalidArgument(`The value for duration is '${text}' but must not move the clock before 1970-01-01T00:00:00Z`);
    engine.advanceClock(ms);
    return { json: { timestamp: new Date(engine.clock.now()).toISOString() } };
  });
}
