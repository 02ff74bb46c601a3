// Intake (受理), from every channel: one write transaction records the request (its number from
// the day's counter, the citizen apart, the text index, the proxy record of a 代办 request, the
// lookup code as a hash) and, under an Idempotency-Key, the answer itself; after the commit the
// start message goes to the engine (instance-start.ts). 201 once the engine took it; 202 with the
// same body when it did not answer in time: the request is kept and starts when the engine is back.
//
// Idempotency-Key: the first answer is stored in the same transaction as the request, so a key is
// either unused or bound to a committed request; SQLite runs write transactions one at a time
// (IMMEDIATE), so of concurrent retries exactly one creates the request and the others read its
// answer. A retry that arrives while the first call is still waiting for the engine waits for that
// call's final answer (201 or 202) in this process, so every retry gets the same status and body.
// The stored answer holds the lookup code: it is kept for retries for a day, then purged.
import { validateNewRequest, type Channel } from '../../domain/index.js';
import type { Conn } from '../../store/db.js';
import { earlierResponse, fingerprintOf, idempotencyScope, purgeResponses, saveResponse, type StoredResponse } from '../../store/idempotent-responses.js';
import { nextRequestNumber, recordProxy, setStoredStatus, type ProxyRecord } from '../../store/intake.js';
import { setLookupCode } from '../../store/lookup-codes.js';
import { getOrgUnit } from '../../store/org-units.js';
import { likelyDuplicates } from '../../store/request-search.js';
import { createRequest, type CitizenIdentity } from '../../store/requests.js';
import type { Visibility } from '../../store/visibility.js';
import type { EngineClients } from '../plugins/engine.js';
import { ApiProblem, t, type FieldProblem } from '../problems.js';
import type { Api } from '../types.js';
import { instanceStarterOf, PUBLISH_WAIT_MS } from './instance-start.js';
import { duplicateView, type DuplicateView } from './views.js';

/** How long a stored answer serves retries. */
export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;

export interface NewIntake {
  channel: Channel;
  text: string;
  townshipId: string;
  villageId?: string;
  citizen?: CitizenIdentity;
  /** the member of staff who entered it (none: the citizen online) */
  enteredBy?: string;
  proxy?: ProxyRecord;
}

export interface IntakeCall {
  /** e.g. `POST /api/requests`: a key is the caller's own, per route */
  route: string;
  /** a staff id, or 'public' */
  caller: string;
  idempotencyKey?: string;
  /** the body as sent: what a retry must repeat */
  body: unknown;
  intake: NewIntake;
  /** staff: suggest likely duplicates among the requests this scope sees */
  duplicatesFor?: Visibility;
  /** what the door records with the request, in the same transaction (Open311: the service and the token) */
  alsoRecord?: (tx: Conn, requestId: string, at: Date) => void;
}

export interface Taken {
  id: string;
  lookupCode: string;
  status: 'received';
  duplicates?: DuplicateView[];
}

export interface IntakeAnswer {
  statusCode: 201 | 202;
  body: Taken;
}

/** The field problems of a new request that the body schema cannot see (domain validation, the places). */
export function intakeProblems(app: Api, i: NewIntake): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const checked = validateNewRequest({
    channel: i.channel,
    text: i.text,
    location: { townshipId: i.townshipId, villageId: i.villageId },
    citizen: { name: i.citizen?.name, phone: i.citizen?.phone },
    enteredBy: i.enteredBy,
  });
  if (!checked.ok) {
    for (const e of checked.errors) problems.push({ field: e.field === 'location.townshipId' ? 'townshipId' : e.field, message: t(e.message, e.code) });
  }
  const township = getOrgUnit(app.store.db, i.townshipId);
  if (township === undefined || (township.kind !== 'township' && township.kind !== 'street')) {
    problems.push({ field: 'townshipId', message: t('没有这个乡镇(街道)', 'no such township or street') });
  } else if (i.villageId !== undefined) {
    const village = getOrgUnit(app.store.db, i.villageId);
    if (village === undefined || (village.kind !== 'village' && village.kind !== 'community')) {
      problems.push({ field: 'villageId', message: t('没有这个村(社区)', 'no such village or community') });
    } else if (village.parentId !== township.id) {
      problems.push({ field: 'villageId', message: t(`该村(社区)不属于${township.name}`, `the village is not in ${township.id}`) });
    }
  }
  return problems;
}

const settling = new WeakMap<EngineClients, Map<string, Promise<StoredResponse>>>();

function settlingOf(app: Api): Map<string, Promise<StoredResponse>> {
  let map = settling.get(app.engine);
  if (map === undefined) {
    map = new Map();
    settling.set(app.engine, map);
  }
  return map;
}

type Outcome = { kind: 'replay'; response: StoredResponse } | { kind: 'created'; body: Taken };

/** Takes a request in (see the head of this file). The caller has checked who may and `intakeProblems`. */
export async function takeIn(app: Api, call: IntakeCall): Promise<IntakeAnswer> {
  const now = app.now();
  const scopeKey = call.idempotencyKey === undefined ? undefined : idempotencyScope(call.route, call.caller, call.idempotencyKey);
  const fingerprint = fingerprintOf(call.body);
  const i = call.intake;

  // read before the write transaction (which every intake waits for in turn), not inside it
  const duplicates =
    call.duplicatesFor === undefined
      ? undefined
      : likelyDuplicates(app.store.db, call.duplicatesFor, { townshipId: i.townshipId, villageId: i.villageId, text: i.text, now }).map(duplicateView);

  const outcome = app.store.db.transaction(
    (tx): Outcome => {
      if (scopeKey !== undefined) {
        const earlier = earlierResponse(tx, scopeKey, fingerprint);
        if (earlier.kind === 'replay') return earlier;
        if (earlier.kind === 'mismatch') {
          throw new ApiProblem('idempotency-mismatch', t('这个幂等键已用于内容不同的另一次提交', 'this Idempotency-Key was used for a request with another body'));
        }
      }
      const id = nextRequestNumber(tx, now);
      createRequest(tx, {
        id,
        channel: i.channel,
        text: i.text.trim(),
        location: { townshipId: i.townshipId, villageId: i.villageId },
        citizen: i.citizen,
        enteredBy: i.enteredBy,
        createdAt: now,
      });
      if (i.proxy !== undefined && i.enteredBy !== undefined) recordProxy(tx, id, i.proxy, i.enteredBy, now);
      call.alsoRecord?.(tx, id, now);
      const lookupCode = setLookupCode(tx, id);
      const body: Taken = { id, lookupCode, status: 'received', ...(duplicates === undefined ? {} : { duplicates }) };
      if (scopeKey !== undefined) saveResponse(tx, scopeKey, fingerprint, { statusCode: 201, body }, now);
      return { kind: 'created', body };
    },
    { behavior: 'immediate' },
  );

  if (outcome.kind === 'replay') {
    const first = settlingOf(app).get(scopeKey!);
    const response = first === undefined ? outcome.response : await first;
    return response as IntakeAnswer;
  }

  const starter = instanceStarterOf(app);
  const answer = (async (): Promise<StoredResponse> => {
    const started = await starter.start({ id: outcome.body.id, townshipId: i.townshipId, villageId: i.villageId ?? null, channel: i.channel, text: i.text.trim() }, PUBLISH_WAIT_MS);
    if (!started && scopeKey !== undefined) setStoredStatus(app.store.db, scopeKey, 202);
    return { statusCode: started ? 201 : 202, body: outcome.body };
  })();
  if (scopeKey === undefined) return (await answer) as IntakeAnswer;
  const waiting = settlingOf(app);
  waiting.set(scopeKey, answer);
  try {
    return (await answer) as IntakeAnswer;
  } finally {
    waiting.delete(scopeKey);
  }
}

/** Forgets stored answers older than IDEMPOTENCY_TTL_MS (the recovery loop calls it). */
export function purgeOldAnswers(app: Api): number {
  return purgeResponses(app.store.db, new Date(app.now().getTime() - IDEMPOTENCY_TTL_MS));
}

/** The Idempotency-Key header, if sent. */
export function idempotencyKeyOf(headers: Record<string, unknown>): string | undefined {
  const value = headers['idempotency-key'];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
