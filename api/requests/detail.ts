// GET /api/requests/:id for staff who may see the request: where it stands, and who asked (the
// citizen's identity and, for a 代办 request, who brought it and how the citizen consented).
import { Type } from 'typebox';
import { channels, difficulties, domainAreas, listTypes } from '../../domain/index.js';
import type { Conn } from '../../store/db.js';
import { citizenIdentityOf, proxyOf } from '../../store/intake.js';
import { getOrgUnit } from '../../store/org-units.js';
import { getRequest } from '../../store/requests.js';
import { blockedKinds } from '../board/blocked-kinds.js';
import { beijing, DateTime, Nullable } from '../schemas.js';
import { Coded, levelOf, statusOf, UnitName } from './views.js';

export const RequestDetail = Type.Object({
  id: Type.String(),
  channel: Coded,
  text: Type.String(),
  status: Coded,
  level: Nullable(Coded),
  listType: Nullable(Coded),
  domain: Nullable(Coded),
  difficulty: Nullable(Coded),
  township: UnitName,
  village: Nullable(UnitName),
  responsibleUnit: Nullable(UnitName),
  timeLimitDays: Nullable(Type.Integer()),
  deadline: Nullable(DateTime),
  overdue: Type.Boolean(),
  overdueAt: Nullable(DateTime),
  blocked: Type.Boolean(),
  blockedReason: Nullable(Type.String()),
  blockedKind: Nullable(Coded),
  createdAt: DateTime,
  closedAt: Nullable(DateTime),
  mergedInto: Nullable(Type.String({ description: '并单: the request this one was merged into' })),
  processInstanceKey: Nullable(Type.String()),
  enteredByStaffId: Nullable(Type.String()),
  citizen: Nullable(
    Type.Object({
      name: Type.Optional(Type.String()),
      phone: Type.Optional(Type.String()),
      idNumber: Type.Optional(Type.String()),
      address: Type.Optional(Type.String()),
    }),
  ),
  proxy: Nullable(
    Type.Object({
      proxyName: Type.String(),
      proxyPhone: Nullable(Type.String()),
      relation: Type.String(),
      consentGiven: Type.Boolean(),
      consentMethod: Type.String(),
      consentNote: Nullable(Type.String()),
      recordedByStaffId: Type.String(),
      at: DateTime,
    }),
  ),
});

const coded = <C extends string>(v: { is(x: unknown): x is C; label(c: C): string }, code: string | null) =>
  code === null ? null : { code, label: v.is(code) ? v.label(code) : code };

function unitName(db: Conn, id: string | null) {
  if (id === null) return null;
  return { id, name: getOrgUnit(db, id)?.name ?? id };
}

/** The detail of a request (the caller has checked that the staff member may see it). */
export function requestDetail(db: Conn, id: string) {
  const r = getRequest(db, id);
  if (r === undefined) return undefined;
  const proxy = proxyOf(db, id);
  return {
    id: r.id,
    channel: coded(channels, r.channel)!,
    text: r.text,
    status: statusOf(r.status),
    level: levelOf(r.level),
    listType: coded(listTypes, r.listType),
    domain: coded(domainAreas, r.domain),
    difficulty: coded(difficulties, r.difficulty),
    township: unitName(db, r.townshipId)!,
    village: unitName(db, r.villageId),
    responsibleUnit: unitName(db, r.responsibleUnitId),
    timeLimitDays: r.timeLimitDays,
    deadline: beijing(r.deadline),
    overdue: r.overdueAt !== null,
    overdueAt: beijing(r.overdueAt),
    blocked: r.blockedReason !== null,
    blockedReason: r.blockedReason,
    blockedKind: r.blockedKind === null ? null : { code: r.blockedKind, label: blockedKinds.label(r.blockedKind) },
    createdAt: beijing(r.createdAt),
    closedAt: beijing(r.closedAt),
    mergedInto: r.mergedInto,
    processInstanceKey: r.processInstanceKey,
    enteredByStaffId: r.enteredByStaffId,
    citizen: citizenIdentityOf(db, id) ?? null,
    proxy:
      proxy === undefined
        ? null
        : {
            proxyName: proxy.proxyName,
            proxyPhone: proxy.proxyPhone,
            relation: proxy.relation,
            consentGiven: proxy.consentGiven,
            consentMethod: proxy.consentMethod,
            consentNote: proxy.consentNote,
            recordedByStaffId: proxy.recordedByStaffId,
            at: beijing(proxy.at),
          },
  };
}
