// The whole case file of one request (一案一卷), read in one transaction so its parts agree: the
// request, who asked (and who brought it for them), every step with who did it, the ledger, joint
// handling, staged measures, the backstop, returns, extensions, signatures, follow-ups and
// re-handlings, the notices with their delivery state, and the attachments. Codes stay codes and
// times stay Dates here; the API labels and formats them (JSON, the printable page, the ZIP).
//
// Who did a step is recorded as a code (`case_events.actor`, `attachments.uploaded_by`, ...): a
// staff id, 'citizen', 'system', a unit's candidate group (`township:dingshan`) or a unit id.
// `ActorRef` resolves it to a name and a unit so people can read it.
import { asc, eq, inArray } from 'drizzle-orm';
import type { Conn } from './db.js';
import { attachmentsOf, type Attachment } from './attachments.js';
import { backstopCasesOf, type BackstopCaseWithReviews } from './backstop.js';
import { caseFile, type CaseEvent } from './case-file.js';
import { followUpsOf, type FollowUp } from './follow-ups.js';
import { whistlesOf } from './joint-handling.js';
import { ledgerHistory } from './ledger.js';
import { candidateGroupOf, type OrgUnit } from './org-units.js';
import { notificationsOfRequest, type NoticeState } from './notifications.js';
import { getRequest, type RequestRow } from './requests.js';
import {
  extensions,
  orgUnits,
  rehandlings,
  requestCitizens,
  requestProxies,
  requestReturns,
  staff,
} from './schema.js';
import { signOffsOf, type SignOff } from './sign-offs.js';
import { stagedMeasuresOf, type StagedMeasure } from './staged-measures.js';

export interface UnitRef {
  id: string;
  name: string;
}

export type ActorRef =
  | { kind: 'staff'; code: string; name: string; staffId: string; unit: UnitRef | null }
  | { kind: 'citizen' | 'system'; code: string; name: string }
  | { kind: 'unit'; code: string; name: string; unit: UnitRef }
  | { kind: 'other'; code: string; name: string };

export interface TimelineEntry {
  id: number;
  kind: string;
  at: Date;
  actor: ActorRef;
  detail: Record<string, unknown> | null;
}

export interface CaseFileView {
  request: RequestRow & {
    township: UnitRef;
    village: UnitRef | null;
    responsibleUnit: UnitRef | null;
    enteredBy: ActorRef | null;
  };
  citizen: { name: string | null; phone: string | null; idNumber: string | null; address: string | null } | null;
  proxy: {
    proxyName: string;
    proxyPhone: string | null;
    relation: string;
    consentGiven: boolean;
    consentMethod: string;
    consentNote: string | null;
    recordedBy: ActorRef;
    at: Date;
  } | null;
  timeline: TimelineEntry[];
  ledger: {
    entries: { id: number; level: string; unit: UnitRef; openedAt: Date; closedAt: Date | null; closeReason: string | null }[];
    movements: { fromLevel: string; toLevel: string; fromUnit: UnitRef; toUnit: UnitRef; reason: string | null; movedAt: Date }[];
  };
  whistles: {
    id: number;
    blownBy: UnitRef;
    blownAt: Date;
    reportDueAt: Date;
    departments: { unit: UnitRef; reportedAt: Date | null; nonReportRecordedAt: Date | null }[];
  }[];
  stagedMeasures: StagedMeasure[];
  backstopCases: BackstopCaseWithReviews[];
  signatures: (SignOff & { signer: ActorRef | null })[];
  followUps: (FollowUp & { askedByRef: ActorRef | null })[];
  rehandlings: { round: number; level: string; unit: UnitRef | null; reason: string | null; at: Date }[];
  returns: {
    id: number;
    unit: UnitRef;
    level: string;
    reason: string;
    note: string | null;
    returnedAt: Date;
    decision: 'redispatched' | 'rejected' | null;
    decisionNote: string | null;
    redispatchedTo: UnitRef | null;
    decidedAt: Date | null;
  }[];
  extensions: {
    id: number;
    unit: UnitRef;
    days: number;
    reason: string;
    requestedAt: Date;
    oldDeadline: Date | null;
    approved: boolean | null;
    decisionNote: string | null;
    newDeadline: Date | null;
    decidedAt: Date | null;
  }[];
  notifications: NoticeState[];
  attachments: (Attachment & { uploader: ActorRef })[];
  /** every unit's name by id, for the unit ids inside the steps' details */
  unitNames: ReadonlyMap<string, string>;
}

/** Names for the codes a case file records, looked up once per case file. */
class Names {
  private readonly units = new Map<string, OrgUnit>();
  private readonly byGroup = new Map<string, OrgUnit>();
  private readonly staffById = new Map<string, { name: string; unitId: string } | null>();

  constructor(private readonly conn: Conn) {
    for (const u of conn.select().from(orgUnits).all()) {
      this.units.set(u.id, u);
      this.byGroup.set(candidateGroupOf(u), u);
    }
  }

  /** Loads the staff members among `codes` in one query. */
  preloadStaff(codes: Iterable<string>): void {
    const wanted = [...new Set(codes)].filter((c) => !this.staffById.has(c));
    if (wanted.length === 0) return;
    for (let i = 0; i < wanted.length; i += 500) {
      const batch = wanted.slice(i, i + 500);
      const rows = this.conn.select({ id: staff.id, name: staff.name, unitId: staff.unitId }).from(staff).where(inArray(staff.id, batch)).all();
      for (const id of batch) this.staffById.set(id, null);
      for (const r of rows) this.staffById.set(r.id, { name: r.name, unitId: r.unitId });
    }
  }

  unitNames(): ReadonlyMap<string, string> {
    return new Map([...this.units.values()].map((u) => [u.id, u.name]));
  }

  unit(id: string): UnitRef {
    return { id, name: this.units.get(id)?.name ?? id };
  }

  optionalUnit(id: string | null | undefined): UnitRef | null {
    return id === null || id === undefined ? null : this.unit(id);
  }

  actor(code: string): ActorRef {
    if (code === 'citizen') return { kind: 'citizen', code, name: '诉求人' };
    if (code === 'system') return { kind: 'system', code, name: '系统' };
    this.preloadStaff([code]);
    const member = this.staffById.get(code);
    if (member) return { kind: 'staff', code, name: member.name, staffId: code, unit: this.optionalUnit(member.unitId) };
    // a candidate group (`township:dingshan`, `village:x:leader-in-charge`) or a bare unit id
    const group = code.split(':').slice(0, 2).join(':');
    const unit = this.byGroup.get(group) ?? this.units.get(code);
    if (unit !== undefined) return { kind: 'unit', code, name: unit.name, unit: { id: unit.id, name: unit.name } };
    return { kind: 'other', code, name: code };
  }

  optionalActor(code: string | null | undefined): ActorRef | null {
    return code === null || code === undefined ? null : this.actor(code);
  }

  /** The name a notice's recipient code stands for (a staff member or a unit), if any. */
  recipientName(recipient: string): string | null {
    const ref = this.actor(recipient);
    return ref.kind === 'staff' ? `${ref.name}(${ref.unit?.name ?? ''})`.replace(/\(\)$/, '') : ref.kind === 'unit' ? ref.name : null;
  }
}

/** The case file of a request, or undefined when there is no such request. */
export function caseFileView(conn: Conn, requestId: string): CaseFileView | undefined {
  return conn.transaction((tx) => {
    const request = getRequest(tx, requestId);
    if (request === undefined) return undefined;
    const names = new Names(tx);

    const events: CaseEvent[] = caseFile(tx, requestId);
    const citizen = tx.select().from(requestCitizens).where(eq(requestCitizens.requestId, requestId)).get();
    const proxy = tx.select().from(requestProxies).where(eq(requestProxies.requestId, requestId)).get();
    const signatures = signOffsOf(tx, requestId);
    const follow = followUpsOf(tx, requestId);
    const files = attachmentsOf(tx, requestId);
    names.preloadStaff([
      ...events.map((e) => e.actor),
      ...signatures.flatMap((s) => (s.signerStaffId === null ? [] : [s.signerStaffId])),
      ...follow.flatMap((f) => (f.askedBy === null ? [] : [f.askedBy])),
      ...files.map((a) => a.uploadedBy),
      ...(proxy === undefined ? [] : [proxy.recordedByStaffId]),
      ...(request.enteredByStaffId === null ? [] : [request.enteredByStaffId]),
    ]);

    const { entries, movements } = ledgerHistory(tx, requestId);

    return {
      request: {
        ...request,
        township: names.unit(request.townshipId),
        village: names.optionalUnit(request.villageId),
        responsibleUnit: names.optionalUnit(request.responsibleUnitId),
        enteredBy: names.optionalActor(request.enteredByStaffId),
      },
      citizen: citizen === undefined ? null : { name: citizen.name, phone: citizen.phone, idNumber: citizen.idNumber, address: citizen.address },
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
              recordedBy: names.actor(proxy.recordedByStaffId),
              at: proxy.at,
            },
      timeline: events.map((e) => ({ id: e.id, kind: e.kind, at: e.at, actor: names.actor(e.actor), detail: e.detail ?? null })),
      ledger: {
        entries: entries.map((e) => ({ id: e.id, level: e.level, unit: names.unit(e.unitId), openedAt: e.openedAt, closedAt: e.closedAt, closeReason: e.closeReason })),
        movements: movements.map((m) => ({
          fromLevel: m.fromLevel,
          toLevel: m.toLevel,
          fromUnit: names.unit(m.fromUnitId),
          toUnit: names.unit(m.toUnitId),
          reason: m.reason,
          movedAt: m.movedAt,
        })),
      },
      whistles: whistlesOf(tx, requestId).map((w) => ({
        id: w.id,
        blownBy: names.unit(w.blownByUnitId),
        blownAt: w.blownAt,
        reportDueAt: w.reportDueAt,
        departments: w.reports.map((r) => ({ unit: names.unit(r.departmentId), reportedAt: r.reportedAt, nonReportRecordedAt: r.nonReportRecordedAt })),
      })),
      stagedMeasures: stagedMeasuresOf(tx, requestId),
      backstopCases: backstopCasesOf(tx, requestId),
      signatures: signatures.map((s) => ({ ...s, signer: names.optionalActor(s.signerStaffId) })),
      followUps: follow.map((f) => ({ ...f, askedByRef: names.optionalActor(f.askedBy) })),
      rehandlings: tx
        .select()
        .from(rehandlings)
        .where(eq(rehandlings.requestId, requestId))
        .orderBy(asc(rehandlings.round))
        .all()
        .map((r) => ({ round: r.round, level: r.level, unit: names.optionalUnit(r.unitId), reason: r.reason, at: r.at })),
      returns: tx
        .select()
        .from(requestReturns)
        .where(eq(requestReturns.requestId, requestId))
        .orderBy(asc(requestReturns.returnedAt), asc(requestReturns.id))
        .all()
        .map((r) => ({
          id: r.id,
          unit: names.unit(r.unitId),
          level: r.level,
          reason: r.reason,
          note: r.note,
          returnedAt: r.returnedAt,
          decision: r.decision,
          decisionNote: r.decisionNote,
          redispatchedTo: names.optionalUnit(r.redispatchedToUnitId),
          decidedAt: r.decidedAt,
        })),
      extensions: tx
        .select()
        .from(extensions)
        .where(eq(extensions.requestId, requestId))
        .orderBy(asc(extensions.requestedAt), asc(extensions.id))
        .all()
        .map((x) => ({
          id: x.id,
          unit: names.unit(x.unitId),
          days: x.days,
          reason: x.reason,
          requestedAt: x.requestedAt,
          oldDeadline: x.oldDeadline,
          approved: x.approved,
          decisionNote: x.decisionNote,
          newDeadline: x.newDeadline,
          decidedAt: x.decidedAt,
        })),
      notifications: notificationsOfRequest(tx, requestId, (recipient) => names.recipientName(recipient)),
      attachments: files.map((a) => ({ ...a, uploader: names.actor(a.uploadedBy) })),
      unitNames: names.unitNames(),
    };
  });
}
