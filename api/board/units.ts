// GET /api/public/board/units: per-unit closure and satisfaction figures, grouped like with like.
// Aggregating a year of a million-request store takes a good part of a second, and anyone may ask,
// so each answer is kept per query: served again while nothing was recorded since (no new case
// event: every closure, overdue mark, assessment and follow-up writes one), and for 5 s in any case
// so a busy store is not aggregated on every read; never longer than a minute. `computedAt` says
// when it was counted.
import { Type, type Static } from 'typebox';
import { boardUnitFigures, storeVersion, UNIT_GROUP_KINDS, type UnitGroup } from '../../store/board.js';
import { beijing, DateTime, Nullable } from '../schemas.js';
import type { Api } from '../types.js';
import { beijingYear, periodOf } from './period.js';

/** An answer younger than this is served again even if something was recorded since. */
export const UNIT_FIGURES_MIN_AGE_MS = 5_000;
/** No answer is served older than this. */
export const UNIT_FIGURES_MAX_AGE_MS = 60_000;
/** At most this many different queries are kept (a period per query: years and dates people pick). */
const MAX_KEPT = 200;

const GROUP_LABELS: Record<UnitGroup, string> = { village: '村(社区)', township: '乡镇(街道)', department: '区级部门' };
const Rate = Nullable(Type.Number({ minimum: 0, maximum: 1 }));

const UnitFigures = Type.Object({
  unit: Type.Object({ id: Type.String(), name: Type.String(), kind: Type.String(), parent: Nullable(Type.String({ description: 'the township or street of a village' })) }),
  assigned: Type.Integer(),
  closed: Type.Integer(),
  open: Type.Integer({ description: 'assigned and not closed' }),
  overdue: Type.Integer(),
  followUpsAnswered: Type.Integer(),
  satisfied: Type.Integer({ description: '满意 and 基本满意' }),
  closureRate: Rate,
  satisfactionRate: Rate,
});

export const UnitFiguresAnswer = Type.Object({
  period: Type.Object({ from: Nullable(Type.String()), to: Nullable(Type.String()) }),
  computedAt: DateTime,
  groups: Type.Array(Type.Object({ code: Type.String(), label: Type.String(), units: Type.Array(UnitFigures) })),
});
type Answer = Static<typeof UnitFiguresAnswer>;

interface Query {
  group?: UnitGroup;
  year?: number;
  from?: string;
  to?: string;
}

export function unitFiguresRoute(app: Api) {
  const kept = new Map<string, { at: number; version: number; answer: Answer }>();
  return async (request: { query: Query }): Promise<Answer> => {
    const now = app.now();
    const version = storeVersion(app.store.db);
    const age = (at: number) => performance.now() - at;
    const period = periodOf(request.query, beijingYear(now));
    const groups = request.query.group === undefined ? (Object.keys(UNIT_GROUP_KINDS) as UnitGroup[]) : [request.query.group];
    const key = JSON.stringify([groups, period.label]);
    const hit = kept.get(key);
    if (hit !== undefined && age(hit.at) < UNIT_FIGURES_MAX_AGE_MS && (hit.version === version || age(hit.at) < UNIT_FIGURES_MIN_AGE_MS)) return hit.answer;
    const answer: Answer = {
      period: period.label,
      computedAt: beijing(now),
      groups: groups.map((g) => ({
        code: g,
        label: GROUP_LABELS[g],
        units: boardUnitFigures(app.store.db, g, period).map((u) => ({
          unit: { id: u.unitId, name: u.name, kind: u.kind, parent: u.parentName },
          assigned: u.assigned,
          closed: u.closed,
          open: u.open,
          overdue: u.overdue,
          followUpsAnswered: u.answered,
          satisfied: u.content,
          closureRate: u.closureRate ?? null,
          satisfactionRate: u.satisfactionRate ?? null,
        })),
      })),
    };
    if (kept.size >= MAX_KEPT) kept.clear();
    kept.set(key, { at: performance.now(), version, answer });
    return answer;
  };
}
