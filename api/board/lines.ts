// How a line of the public board leaves the API: codes with their Chinese labels, units with their
// names, dates in Beijing time. The schema is also the response schema, which strips anything else.
import { Type } from 'typebox';
import { domainAreas, listTypes } from '../../domain/index.js';
import type { BoardLine } from '../../store/board.js';
import { Coded, levelOf, statusOf, UnitName } from '../requests/views.js';
import { beijing, DateTime, Nullable } from '../schemas.js';
import { blockedKinds } from './blocked-kinds.js';

export const BoardLineSchema = Type.Object({
  id: Type.String({ description: 'the request number' }),
  text: Type.String({ description: 'the beginning of the text: phone and ID numbers masked, the citizen\'s own name, numbers and address blanked' }),
  status: Coded,
  level: Nullable(Coded),
  listType: Nullable(Coded),
  domain: Nullable(Coded),
  responsibleUnit: Nullable(UnitName),
  township: UnitName,
  village: Nullable(UnitName),
  createdAt: DateTime,
  deadline: Nullable(DateTime),
  closedAt: Nullable(DateTime),
  overdue: Type.Boolean({ description: 'went past its deadline (also when it closed late)' }),
  blocked: Type.Boolean(),
  blockedKind: Nullable(Type.Object({ code: Type.String(), label: Type.String() }, { description: 'what blocks it, e.g. funding 资金受限' })),
});

/** At most this much of a request's text on the board. */
const EXCERPT = 200;
const excerpt = (text: string) => ([...text].length > EXCERPT ? `${[...text].slice(0, EXCERPT).join('')}…` : text);

export function boardLineView(l: BoardLine) {
  return {
    id: l.id,
    text: excerpt(l.text),
    status: statusOf(l.status),
    level: levelOf(l.level),
    listType: l.listType === null ? null : { code: l.listType, label: listTypes.label(l.listType) },
    domain: l.domain === null ? null : { code: l.domain, label: domainAreas.label(l.domain) },
    responsibleUnit: l.responsibleUnitId === null ? null : { id: l.responsibleUnitId, name: l.responsibleUnit ?? l.responsibleUnitId },
    township: { id: l.townshipId, name: l.township },
    village: l.villageId === null ? null : { id: l.villageId, name: l.village ?? l.villageId },
    createdAt: beijing(l.createdAt),
    deadline: beijing(l.deadline),
    closedAt: beijing(l.closedAt),
    overdue: l.overdue,
    blocked: l.blocked,
    blockedKind: l.blockedKind === null ? null : { code: l.blockedKind, label: blockedKinds.label(l.blockedKind) },
  };
}
