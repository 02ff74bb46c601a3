// How ledger lines leave the API: as JSON (codes with their Chinese labels, Beijing times) and as
// CSV rows under Chinese headers. One projection, two forms, so the export says what the page says.
import { Type } from 'typebox';
import { difficulties, domainAreas, levels, listTypes, type Level } from '../../domain/index.js';
import type { UnitReportFigures } from '../../store/schema.js';
import type { LedgerCloseReason, LedgerLine, UnitLedgerFigures } from '../../store/unit-ledger.js';
import type { CsvValue } from '../csv.js';
import { beijing, DateTime, Nullable } from '../schemas.js';

export const CLOSE_REASON_LABELS: Readonly<Record<LedgerCloseReason, string>> = {
  closed: '销号',
  escalated: '提级(上移)',
  redispatched: '改派',
  invalid: '无效诉求',
  merged: '并单',
};

const Coded = Type.Object({ code: Type.String(), label: Type.String() });
const coded = <C extends string>(code: C | null, label: (c: C) => string) => (code === null ? null : { code, label: label(code) });

/** At most this much of a request's text in the JSON list (the CSV carries all of it). */
const EXCERPT = 200;
const excerpt = (text: string) => ([...text].length > EXCERPT ? `${[...text].slice(0, EXCERPT).join('')}…` : text);

export const LedgerFlags = Type.Object(
  {
    open: Type.Boolean({ description: '在办: not closed' }),
    overdue: Type.Boolean({ description: '超期: open, and the request is marked overdue' }),
    closed: Type.Boolean({ description: '已销号: closed as done (销号)' }),
    movedUp: Type.Boolean({ description: '已上移: closed because the request moved a level up' }),
    returned: Type.Boolean({ description: '退单: the unit returned the request while this entry was open' }),
    rehandled: Type.Boolean({ description: '重办: sent back to this unit for re-handling once this entry had opened' }),
  },
  { additionalProperties: false },
);

export const LedgerItem = Type.Object(
  {
    entryId: Type.Integer(),
    request: Type.Object({ id: Type.String(), text: Type.String({ description: 'the beginning of the text' }) }, { additionalProperties: false }),
    listType: Nullable(Coded),
    domain: Nullable(Coded),
    difficulty: Nullable(Coded),
    level: Coded,
    unit: Type.Object({ id: Type.String(), name: Type.String() }, { additionalProperties: false }),
    openedAt: DateTime,
    closedAt: Nullable(DateTime),
    closeReason: Nullable(Coded),
    deadline: Nullable(Type.String({ format: 'date-time', description: "the request's deadline in force now" })),
    flags: LedgerFlags,
  },
  { additionalProperties: false },
);

export function ledgerItemView(l: LedgerLine) {
  return {
    entryId: l.entryId,
    request: { id: l.requestId, text: excerpt(l.text) },
    listType: coded(l.listType, listTypes.label),
    domain: coded(l.domain, domainAreas.label),
    difficulty: coded(l.difficulty, difficulties.label),
    level: { code: l.level, label: levels.label(l.level) },
    unit: { id: l.unitId, name: l.unitName },
    openedAt: beijing(l.openedAt),
    closedAt: beijing(l.closedAt),
    closeReason: coded(l.closeReason, (c) => CLOSE_REASON_LABELS[c]),
    deadline: beijing(l.deadline),
    flags: { open: l.open, overdue: l.overdue, closed: l.closed, movedUp: l.movedUp, returned: l.returned, rehandled: l.rehandled },
  };
}

export const CSV_HEADER = [
  '诉求编号',
  '诉求内容',
  '清单类型',
  '领域',
  '难易程度',
  '层级',
  '责任单位',
  '建账时间',
  '销账时间',
  '销账原因',
  '办理期限',
  '在办',
  '超期',
  '已销号',
  '已上移',
  '退单',
  '重办',
] as const;

const yesNo = (b: boolean) => (b ? '是' : '否');
/** Beijing time as people write it: 2025-03-03 09:00:00. */
const csvTime = (d: Date | null) => (d === null ? null : beijing(d).slice(0, 19).replace('T', ' '));

export function ledgerCsvRow(l: LedgerLine): CsvValue[] {
  return [
    l.requestId,
    l.text,
    l.listType === null ? null : listTypes.label(l.listType),
    l.domain === null ? null : domainAreas.label(l.domain),
    l.difficulty === null ? null : difficulties.label(l.difficulty),
    levels.label(l.level),
    l.unitName,
    csvTime(l.openedAt),
    csvTime(l.closedAt),
    l.closeReason === null ? null : CLOSE_REASON_LABELS[l.closeReason],
    csvTime(l.deadline),
    yesNo(l.open),
    yesNo(l.overdue),
    yesNo(l.closed),
    yesNo(l.movedUp),
    yesNo(l.returned),
    yesNo(l.rehandled),
  ];
}

export const Figures = {
  open: Type.Integer({ description: '在办' }),
  overdue: Type.Integer({ description: '超期(在办中)' }),
  closed: Type.Integer({ description: '已销号' }),
  movedUp: Type.Integer({ description: '上移' }),
  returned: Type.Integer({ description: '退单(期间内)' }),
  rehandled: Type.Integer({ description: '重办(期间内)' }),
};

export const LedgerSummary = Type.Object(
  {
    units: Type.Array(Type.Object({ unit: Type.Object({ id: Type.String(), name: Type.String() }), level: Coded, ...Figures }, { additionalProperties: false })),
    levels: Type.Array(Type.Object({ level: Coded, ...Figures }, { additionalProperties: false })),
    total: Type.Object(Figures, { additionalProperties: false }),
  },
  { additionalProperties: false },
);

const figuresOf = (f: UnitReportFigures): UnitReportFigures => ({ open: f.open, overdue: f.overdue, closed: f.closed, movedUp: f.movedUp, returned: f.returned, rehandled: f.rehandled });

export function unitFiguresView(f: UnitLedgerFigures) {
  return { unit: { id: f.unitId, name: f.unitName }, level: { code: f.level, label: levels.label(f.level) }, ...figuresOf(f) };
}

export function levelFiguresView(level: Level, f: UnitReportFigures) {
  return { level: { code: level, label: levels.label(level) }, ...figuresOf(f) };
}

export { figuresOf };
