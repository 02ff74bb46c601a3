// The case file as the API gives it out (JSON, and what the printable page and the ZIP are made
// from): the store's projection (store/case-file-view.ts) with Chinese labels next to the codes and
// times in Beijing time. The schema is the response schema of GET /api/requests/:id/case-file.
import { Type, type Static, type TSchema } from 'typebox';
import { channels, difficulties, domainAreas, levels, listTypes, requestStatuses, satisfactions, signOffRoles, type Vocabulary } from '../../domain/index.js';
import type { ActorRef, CaseFileView, UnitRef } from '../../store/case-file-view.js';
import { beijing, DateTime, Nullable } from '../schemas.js';
import {
  CHANNEL_OF_NOTICE_LABELS,
  CONSENT_METHOD_LABELS,
  eventLabel,
  label,
  LEDGER_CLOSE_LABELS,
  NOTIFICATION_STATUS_LABELS,
  RETURN_DECISION_LABELS,
  RETURN_REASON_LABELS,
  SIGN_METHOD_LABELS,
} from './labels.js';
import { blockedKinds } from '../board/blocked-kinds.js';
import { summaryOf } from './summary.js';

const Time = DateTime;
const OptTime = Nullable(DateTime);
const OptS = Nullable(Type.String());
/** a code that may be missing, with its label */
const Coded = (description: string) => Type.Object({ code: OptS, label: OptS }, { description });

const Unit = Type.Object({ id: Type.String(), name: Type.String() });
const OptUnit = Nullable(Unit);

const Actor = Type.Object(
  {
    kind: Type.Union([Type.Literal('staff'), Type.Literal('citizen'), Type.Literal('system'), Type.Literal('unit'), Type.Literal('other')]),
    code: Type.String({ description: "what the store recorded: a staff id, 'citizen', 'system', a unit's candidate group or id" }),
    name: Type.String({ description: "the staff member's or unit's name, 诉求人 or 系统" }),
    staffId: OptS,
    unit: OptUnit,
    display: Type.String({ description: 'name (unit), as people read it' }),
  },
  { $id: 'CaseFileActor' },
);
const ActorRefSchema = Type.Unsafe<Static<typeof Actor>>({ $ref: 'CaseFileActor#' });
const OptActor = Nullable(ActorRefSchema);

const labelled = <T extends TSchema>(schema: T) => ({ code: schema, label: Type.String() });

const Attachment = Type.Object({
  id: Type.Integer(),
  fileName: Type.String(),
  mediaType: Type.String(),
  size: Type.Integer(),
  sha256: Type.String(),
  uploadedBy: ActorRefSchema,
  at: Time,
  url: Type.String({ description: 'where to download it (same origin, with the session cookie)' }),
});

export const CaseFileSchema = Type.Object(
  {
    generatedAt: Time,
    request: Type.Object({
      id: Type.String(),
      channel: Type.Object(labelled(Type.String())),
      text: Type.String(),
      township: Unit,
      village: OptUnit,
      listType: Coded('清单类型'),
      domain: Coded('领域'),
      difficulty: Coded('难易程度'),
      level: Coded('办理层级'),
      responsibleUnit: OptUnit,
      timeLimitDays: Nullable(Type.Integer()),
      deadline: OptTime,
      status: Type.Object(labelled(Type.String())),
      overdue: Type.Boolean(),
      overdueAt: OptTime,
      blocked: Type.Boolean(),
      blockedKind: Coded('受阻类别: funding 资金受限, land, policy, other'),
      blockedReason: OptS,
      createdAt: Time,
      closedAt: OptTime,
      mergedInto: OptS,
      processInstanceKey: OptS,
      enteredBy: OptActor,
    }),
    citizen: Nullable(Type.Object({ name: OptS, phone: OptS, idNumber: OptS, address: OptS })),
    proxy: Nullable(
      Type.Object({
        proxyName: Type.String(),
        proxyPhone: OptS,
        relation: Type.String(),
        consentGiven: Type.Boolean(),
        consentMethod: Type.Object(labelled(Type.String())),
        consentNote: OptS,
        recordedBy: ActorRefSchema,
        at: Time,
      }),
    ),
    timeline: Type.Array(
      Type.Object({
        id: Type.Integer(),
        kind: Type.String(),
        label: Type.String(),
        at: Time,
        actor: ActorRefSchema,
        summary: Type.String({ description: 'the detail in one line of Chinese (labels, unit names, Beijing time)' }),
        detail: Nullable(Type.Object({}, { additionalProperties: true })),
      }),
    ),
    ledger: Type.Object({
      entries: Type.Array(
        Type.Object({
          id: Type.Integer(),
          level: Type.Object(labelled(Type.String())),
          unit: Unit,
          openedAt: Time,
          closedAt: OptTime,
          closeReason: Coded('关闭原因'),
        }),
      ),
      movements: Type.Array(
        Type.Object({
          fromLevel: Type.Object(labelled(Type.String())),
          toLevel: Type.Object(labelled(Type.String())),
          fromUnit: Unit,
          toUnit: Unit,
          reason: OptS,
          movedAt: Time,
        }),
      ),
    }),
    whistles: Type.Array(
      Type.Object({
        id: Type.Integer(),
        blownBy: Unit,
        blownAt: Time,
        reportDueAt: Time,
        departments: Type.Array(
          Type.Object({
            unit: Unit,
            state: Type.Union([Type.Literal('reported'), Type.Literal('not_reported'), Type.Literal('pending')]),
            stateLabel: Type.String(),
            reportedAt: OptTime,
            nonReportRecordedAt: OptTime,
          }),
        ),
      }),
    ),
    stagedMeasures: Type.Array(Type.Object({ seq: Type.Integer(), title: Type.String(), deadline: Time, doneAt: OptTime })),
    backstopCases: Type.Array(
      Type.Object({
        id: Type.String(),
        enteredAt: Time,
        plan: OptS,
        plannedAt: OptTime,
        resolvedAt: OptTime,
        resolutionNote: OptS,
        reviews: Type.Array(Type.Object({ seq: Type.Integer(), note: OptS, reviewedAt: Time })),
      }),
    ),
    signatures: Type.Array(
      Type.Object({
        round: Type.Integer(),
        role: Type.Object(labelled(Type.String())),
        signerName: Type.String(),
        signer: OptActor,
        method: Coded('签字方式: login / lookup_code / sms_code'),
        signedAt: Time,
      }),
    ),
    followUps: Type.Array(
      Type.Object({
        round: Type.Integer(),
        outcome: Type.Object(labelled(Type.String())),
        level: Type.Object(labelled(Type.String())),
        askedBy: OptActor,
        note: OptS,
        at: Time,
      }),
    ),
    rehandlings: Type.Array(Type.Object({ round: Type.Integer(), level: Type.Object(labelled(Type.String())), unit: OptUnit, reason: OptS, at: Time })),
    returns: Type.Array(
      Type.Object({
        id: Type.Integer(),
        unit: Unit,
        level: Type.Object(labelled(Type.String())),
        reason: Type.Object(labelled(Type.String())),
        note: OptS,
        returnedAt: Time,
        decision: Coded('专班审核: redispatched / rejected / 待审核'),
        decisionNote: OptS,
        redispatchedTo: OptUnit,
        decidedAt: OptTime,
      }),
    ),
    extensions: Type.Array(
      Type.Object({
        id: Type.Integer(),
        unit: Unit,
        days: Type.Integer(),
        reason: Type.String(),
        requestedAt: Time,
        oldDeadline: OptTime,
        approved: Nullable(Type.Boolean()),
        decisionLabel: Type.String(),
        decisionNote: OptS,
        newDeadline: OptTime,
        decidedAt: OptTime,
      }),
    ),
    notifications: Type.Array(
      Type.Object({
        id: Type.Integer(),
        channel: Type.Object(labelled(Type.String())),
        recipient: Type.String({ description: 'phone numbers masked (138****0000)' }),
        recipientName: OptS,
        text: Type.String(),
        status: Type.Object(labelled(Type.String())),
        attempts: Type.Integer(),
        lastError: OptS,
        createdAt: Time,
        nextAttemptAt: OptTime,
        sentAt: OptTime,
        deliveredVia: OptS,
      }),
    ),
    attachments: Type.Array(Attachment),
  },
  { $id: 'CaseFile' },
);

export const CaseFileActorSchema = Actor;
export type CaseFileJson = Static<typeof CaseFileSchema>;
export type ActorJson = Static<typeof Actor>;
export type AttachmentJson = CaseFileJson['attachments'][number];

const coded = <C extends string>(vocabulary: Vocabulary<C>, code: string | null) => ({
  code,
  label: code === null ? null : vocabulary.is(code) ? vocabulary.label(code) : code,
});
const both = <C extends string>(vocabulary: Vocabulary<C>, code: string) => ({ code, label: vocabulary.is(code) ? vocabulary.label(code) : code });
const table = (labels: Readonly<Record<string, string>>, code: string) => ({ code, label: labels[code] ?? code });

export function actorJson(a: ActorRef): ActorJson {
  switch (a.kind) {
    case 'staff':
      return { kind: a.kind, code: a.code, name: a.name, staffId: a.staffId, unit: a.unit, display: a.unit === null ? a.name : `${a.name}(${a.unit.name})` };
    case 'unit':
      return { kind: a.kind, code: a.code, name: a.name, staffId: null, unit: a.unit, display: a.name };
    default:
      return { kind: a.kind, code: a.code, name: a.name, staffId: null, unit: null, display: a.name };
  }
}

const optActor = (a: ActorRef | null) => (a === null ? null : actorJson(a));
const unit = (u: UnitRef) => ({ id: u.id, name: u.name });
const optUnit = (u: UnitRef | null) => (u === null ? null : unit(u));

export const attachmentUrl = (id: number): string => `/api/attachments/${id}`;

export function attachmentJson(a: CaseFileView['attachments'][number]): AttachmentJson {
  return { id: a.id, fileName: a.fileName, mediaType: a.mediaType, size: a.size, sha256: a.sha256, uploadedBy: actorJson(a.uploader), at: beijing(a.at), url: attachmentUrl(a.id) };
}

export function caseFileJson(v: CaseFileView, generatedAt: Date): CaseFileJson {
  const r = v.request;
  return {
    generatedAt: beijing(generatedAt),
    request: {
      id: r.id,
      channel: both(channels, r.channel),
      text: r.text,
      township: unit(r.township),
      village: optUnit(r.village),
      listType: coded(listTypes, r.listType),
      domain: coded(domainAreas, r.domain),
      difficulty: coded(difficulties, r.difficulty),
      level: coded(levels, r.level),
      responsibleUnit: optUnit(r.responsibleUnit),
      timeLimitDays: r.timeLimitDays,
      deadline: beijing(r.deadline),
      status: both(requestStatuses, r.status),
      overdue: r.overdueAt !== null,
      overdueAt: beijing(r.overdueAt),
      blocked: r.blockedKind !== null || r.blockedReason !== null,
      blockedKind: coded(blockedKinds, r.blockedKind),
      blockedReason: r.blockedReason,
      createdAt: beijing(r.createdAt),
      closedAt: beijing(r.closedAt),
      mergedInto: r.mergedInto,
      processInstanceKey: r.processInstanceKey,
      enteredBy: optActor(r.enteredBy),
    },
    citizen: v.citizen,
    proxy:
      v.proxy === null
        ? null
        : {
            proxyName: v.proxy.proxyName,
            proxyPhone: v.proxy.proxyPhone,
            relation: v.proxy.relation,
            consentGiven: v.proxy.consentGiven,
            consentMethod: table(CONSENT_METHOD_LABELS, v.proxy.consentMethod),
            consentNote: v.proxy.consentNote,
            recordedBy: actorJson(v.proxy.recordedBy),
            at: beijing(v.proxy.at),
          },
    timeline: v.timeline.map((e) => ({
      id: e.id,
      kind: e.kind,
      // a completed user task is called by its step's name (受理诉求, 办理诉求, ...)
      label: e.kind === 'step_done' && typeof e.detail?.name === 'string' ? e.detail.name : eventLabel(e.kind),
      at: beijing(e.at),
      actor: actorJson(e.actor),
      summary: summaryOf(e.detail, v.unitNames),
      detail: e.detail,
    })),
    ledger: {
      entries: v.ledger.entries.map((e) => ({
        id: e.id,
        level: both(levels, e.level),
        unit: unit(e.unit),
        openedAt: beijing(e.openedAt),
        closedAt: beijing(e.closedAt),
        closeReason: { code: e.closeReason, label: label(LEDGER_CLOSE_LABELS, e.closeReason) },
      })),
      movements: v.ledger.movements.map((m) => ({
        fromLevel: both(levels, m.fromLevel),
        toLevel: both(levels, m.toLevel),
        fromUnit: unit(m.fromUnit),
        toUnit: unit(m.toUnit),
        reason: m.reason,
        movedAt: beijing(m.movedAt),
      })),
    },
    whistles: v.whistles.map((w) => ({
      id: w.id,
      blownBy: unit(w.blownBy),
      blownAt: beijing(w.blownAt),
      reportDueAt: beijing(w.reportDueAt),
      departments: w.departments.map((d) => {
        const state = d.reportedAt !== null ? 'reported' : d.nonReportRecordedAt !== null ? 'not_reported' : 'pending';
        return {
          unit: unit(d.unit),
          state,
          stateLabel: state === 'reported' ? '已报到' : state === 'not_reported' ? '未报到' : '待报到',
          reportedAt: beijing(d.reportedAt),
          nonReportRecordedAt: beijing(d.nonReportRecordedAt),
        };
      }),
    })),
    stagedMeasures: v.stagedMeasures.map((m) => ({ seq: m.seq, title: m.title, deadline: beijing(m.deadline), doneAt: beijing(m.doneAt) })),
    backstopCases: v.backstopCases.map((c) => ({
      id: c.id,
      enteredAt: beijing(c.enteredAt),
      plan: c.plan,
      plannedAt: beijing(c.plannedAt),
      resolvedAt: beijing(c.resolvedAt),
      resolutionNote: c.resolutionNote,
      reviews: c.reviews.map((x) => ({ seq: x.seq, note: x.note, reviewedAt: beijing(x.reviewedAt) })),
    })),
    signatures: v.signatures.map((s) => ({
      round: s.round,
      role: both(signOffRoles, s.role),
      signerName: s.signerName,
      signer: optActor(s.signer),
      method: { code: s.method, label: label(SIGN_METHOD_LABELS, s.method) },
      signedAt: beijing(s.signedAt),
    })),
    followUps: v.followUps.map((f) => ({
      round: f.round,
      outcome: both(satisfactions, f.outcome),
      level: both(levels, f.level),
      askedBy: optActor(f.askedByRef),
      note: f.note,
      at: beijing(f.at),
    })),
    rehandlings: v.rehandlings.map((r) => ({ round: r.round, level: both(levels, r.level), unit: optUnit(r.unit), reason: r.reason, at: beijing(r.at) })),
    returns: v.returns.map((r) => ({
      id: r.id,
      unit: unit(r.unit),
      level: both(levels, r.level),
      reason: table(RETURN_REASON_LABELS, r.reason),
      note: r.note,
      returnedAt: beijing(r.returnedAt),
      decision: { code: r.decision, label: r.decision === null ? '待专班审核' : (RETURN_DECISION_LABELS[r.decision] ?? r.decision) },
      decisionNote: r.decisionNote,
      redispatchedTo: optUnit(r.redispatchedTo),
      decidedAt: beijing(r.decidedAt),
    })),
    extensions: v.extensions.map((x) => ({
      id: x.id,
      unit: unit(x.unit),
      days: x.days,
      reason: x.reason,
      requestedAt: beijing(x.requestedAt),
      oldDeadline: beijing(x.oldDeadline),
      approved: x.approved,
      decisionLabel: x.approved === null ? '待审批' : x.approved ? '同意延期' : '不同意延期',
      decisionNote: x.decisionNote,
      newDeadline: beijing(x.newDeadline),
      decidedAt: beijing(x.decidedAt),
    })),
    notifications: v.notifications.map((n) => ({
      id: n.id,
      channel: table(CHANNEL_OF_NOTICE_LABELS, n.channel),
      recipient: n.recipient,
      recipientName: n.recipientName,
      text: n.text,
      status: table(NOTIFICATION_STATUS_LABELS, n.status),
      attempts: n.attempts,
      lastError: n.lastError,
      createdAt: beijing(n.createdAt),
      nextAttemptAt: beijing(n.nextAttemptAt),
      sentAt: beijing(n.sentAt),
      deliveredVia: n.deliveredVia,
    })),
    attachments: v.attachments.map(attachmentJson),
  };
}
