// How requests leave the staff API: codes with their Chinese labels, dates in Beijing time, units
// with their names. The schemas here are also the response schemas, which strip anything else.
import { Type, type Static } from 'typebox';
import { channels, levels, requestStatuses, type Level, type RequestStatus } from '../../domain/index.js';
import type { Duplicate, SearchHit } from '../../store/request-search.js';
import { beijing, DateTime, Nullable } from '../schemas.js';

/** A code and its Chinese label, e.g. `{code: 'received', label: '已受理(待甄别)'}`. */
export const Coded = Type.Object({ code: Type.String(), label: Type.String() });
export const UnitName = Type.Object({ id: Type.String(), name: Type.String() });

export const statusOf = (code: RequestStatus) => ({ code, label: requestStatuses.label(code) });
export const levelOf = (code: Level | null) => (code === null ? null : { code, label: levels.label(code) });

/** At most this much of a request's text in lists (the detail has all of it). */
const EXCERPT = 200;
const excerpt = (text: string) => ([...text].length > EXCERPT ? `${[...text].slice(0, EXCERPT).join('')}…` : text);

export const DuplicateItem = Type.Object({
  id: Type.String(),
  text: Type.String({ description: 'the beginning of the text' }),
  status: Coded,
  similarity: Type.Number({ description: 'Dice similarity of the texts, 0 to 1' }),
  villageId: Nullable(Type.String()),
  createdAt: DateTime,
  closedAt: Nullable(DateTime),
});
export type DuplicateView = Static<typeof DuplicateItem>;

export function duplicateView(d: Duplicate): DuplicateView {
  return {
    id: d.id,
    text: excerpt(d.text),
    status: statusOf(d.status),
    similarity: d.similarity,
    villageId: d.villageId,
    createdAt: beijing(d.createdAt),
    closedAt: beijing(d.closedAt),
  };
}

export const SearchItem = Type.Object({
  id: Type.String(),
  text: Type.String({ description: 'the beginning of the text' }),
  channel: Coded,
  status: Coded,
  level: Nullable(Coded),
  townshipId: Type.String(),
  villageId: Nullable(Type.String()),
  responsibleUnit: Nullable(UnitName),
  deadline: Nullable(DateTime),
  overdue: Type.Boolean(),
  blocked: Type.Boolean(),
  createdAt: DateTime,
  closedAt: Nullable(DateTime),
  mergedInto: Nullable(Type.String()),
});

export function searchItemView(h: SearchHit) {
  return {
    id: h.id,
    text: excerpt(h.text),
    channel: { code: h.channel, label: channels.is(h.channel) ? channels.label(h.channel) : h.channel },
    status: statusOf(h.status),
    level: levelOf(h.level),
    townshipId: h.townshipId,
    villageId: h.villageId,
    responsibleUnit: h.responsibleUnitId === null ? null : { id: h.responsibleUnitId, name: h.responsibleUnitName ?? h.responsibleUnitId },
    deadline: beijing(h.deadline),
    overdue: h.overdue,
    blocked: h.blocked,
    createdAt: beijing(h.createdAt),
    closedAt: beijing(h.closedAt),
    mergedInto: h.mergedInto,
  };
}

/** The Idempotency-Key header: any visible ASCII, long enough not to be guessed by someone else's client. */
export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({ minLength: 8, maxLength: 128, pattern: '^[\\x21-\\x7e]+$', description: 'a retry with the same key gets the first answer again (e.g. a UUID)' }),
  ),
});

/** What an intake answers (201, or 202 when the engine was away). */
export const Taken = Type.Object({
  id: Type.String({ description: 'the request number, SQ<yyyymmdd><sequence>' }),
  lookupCode: Type.String({ description: 'the citizen\'s lookup code (查询码): hand it over, it is not shown again' }),
  status: Type.Literal('received'),
});

