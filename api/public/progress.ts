// What a citizen sees of their request with its lookup code: where it stands and its timeline, each
// step named in Chinese with its date and the unit that acted. Never a staff member's name, never
// the citizen's identity, never what staff wrote (notes may name people): only the kind of step,
// when, and which unit. A merged request (并单) shows that it was merged and the master's progress.
import { Type } from 'typebox';
import { levels, requestStatuses, satisfactions, signOffRoles } from '../../domain/index.js';
import { staffIdentity } from '../../store/accounts.js';
import { caseFile, type CaseEvent } from '../../store/case-file.js';
import type { Conn } from '../../store/db.js';
import { getOrgUnit } from '../../store/org-units.js';
import { getRequest, type RequestRow } from '../../store/requests.js';
import { eventLabel } from '../case-file/labels.js';
import { beijing, DateTime, Nullable } from '../schemas.js';

const Coded = Type.Object({ code: Type.String(), label: Type.String() });

const Step = Type.Object({
  label: Type.String({ description: 'what happened, in Chinese' }),
  at: DateTime,
  unit: Nullable(Type.String({ description: 'the unit that acted (no person is named)' })),
});

const Standing = {
  status: Coded,
  level: Nullable(Coded),
  responsibleUnit: Nullable(Type.String()),
  deadline: Nullable(DateTime),
  overdue: Type.Boolean(),
  createdAt: DateTime,
  closedAt: Nullable(DateTime),
  timeline: Type.Array(Step),
};

export const Progress = Type.Object({
  id: Type.String(),
  ...Standing,
  merged: Nullable(
    Type.Object(
      { into: Type.String({ description: 'the request this one was merged into' }), master: Type.Object(Standing) },
      { description: '并单: this request follows the progress of the one it was merged into' },
    ),
  ),
  awaits: Type.Optional(
    Type.Object(
      {
        signature: Type.Boolean({ description: 'the closure awaits the citizen\'s signature now (POST .../signature)' }),
        followUp: Type.Boolean({ description: 'the follow-up awaits the citizen\'s answer now (POST .../satisfaction)' }),
      },
      { description: 'what the citizen is asked to do now' },
    ),
  ),
});

/** Names of units, looked up once per view. */
class UnitNames {
  private readonly names = new Map<string, string | null>();
  constructor(private readonly db: Conn) {}

  of(unitId: unknown): string | null {
    if (typeof unitId !== 'string') return null;
    if (!this.names.has(unitId)) this.names.set(unitId, getOrgUnit(this.db, unitId)?.name ?? null);
    return this.names.get(unitId) ?? null;
  }

  /** The unit of whoever acted: a member of staff's unit, a unit's candidate group (`township:dingshan`) or a unit id; none for the citizen and the system. */
  ofActor(actor: string): string | null {
    if (actor === 'citizen' || actor === 'system') return null;
    const group = /^(?:village|township|department|district):([a-z0-9-]+)/.exec(actor);
    if (group !== null) return this.of(group[1]);
    const unit = this.of(actor);
    if (unit !== null) return unit;
    const staff = staffIdentity(this.db, actor);
    return staff === undefined ? null : staff.unitName;
  }
}

/** A step as the citizen reads it: the kind's Chinese name, made precise where its detail holds only codes. */
function labelOf(e: CaseEvent): string {
  const d = e.detail ?? {};
  switch (e.kind) {
    case 'received':
      return e.actor === 'citizen' ? '群众在线提交诉求' : '工作人员受理诉求';
    case 'step_done':
      return typeof d.name === 'string' ? `完成: ${d.name}` : eventLabel(e.kind);
    case 'signed':
      return typeof d.role === 'string' && signOffRoles.is(d.role) ? `${signOffRoles.label(d.role)}签字` : eventLabel(e.kind);
    case 'follow_up':
      return typeof d.outcome === 'string' && satisfactions.is(d.outcome) ? `回访结果: ${satisfactions.label(d.outcome)}` : eventLabel(e.kind);
    case 'escalated':
      return typeof d.to === 'string' && levels.is(d.to) ? `提级至${levels.label(d.to)}办理` : eventLabel(e.kind);
    case 'merged':
      return typeof d.into === 'string' ? `已并入诉求 ${d.into} 一并办理` : eventLabel(e.kind);
    case 'merged_in':
      return '同一事项的其他诉求已并入本件办理';
    default: {
      const label = eventLabel(e.kind);
      // a kind the case file has no Chinese name for shows as progress, never as a code
      return label === e.kind ? '办理进展' : label;
    }
  }
}

function unitOf(e: CaseEvent, names: UnitNames): string | null {
  const d = e.detail ?? {};
  return names.of(d.toUnitId) ?? names.of(d.unitId) ?? names.ofActor(e.actor);
}

function standingOf(db: Conn, r: RequestRow, names: UnitNames) {
  return {
    status: { code: r.status, label: requestStatuses.label(r.status) },
    level: r.level === null ? null : { code: r.level, label: levels.label(r.level) },
    responsibleUnit: names.of(r.responsibleUnitId),
    deadline: beijing(r.deadline),
    overdue: r.overdueAt !== null,
    createdAt: beijing(r.createdAt),
    closedAt: beijing(r.closedAt),
    timeline: caseFile(db, r.id).map((e) => ({ label: labelOf(e), at: beijing(e.at), unit: unitOf(e, names) })),
  };
}

/** The citizen's view of request `id` (the caller has checked the lookup code). */
export function progressOf(db: Conn, id: string) {
  const r = getRequest(db, id);
  if (r === undefined) return undefined;
  const names = new UnitNames(db);
  const master = r.mergedInto === null ? undefined : getRequest(db, r.mergedInto);
  return {
    id: r.id,
    ...standingOf(db, r, names),
    merged: master === undefined ? null : { into: master.id, master: standingOf(db, master, names) },
  };
}
