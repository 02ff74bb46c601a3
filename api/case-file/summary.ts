// One line in Chinese for what a step recorded (its `detail`), so people need not read codes: known
// keys get their Chinese names, codes their labels, unit ids their unit's name, times Beijing time.
// Keys it does not know show as they are; the JSON keeps the detail itself beside the line.
import { channels, difficulties, domainAreas, levels, listTypes, requestStatuses, satisfactions, signOffRoles, type Vocabulary } from '../../domain/index.js';
import { beijing } from '../schemas.js';
import { label, RETURN_REASON_LABELS, SIGN_METHOD_LABELS } from './labels.js';

const KEY_LABELS: Readonly<Record<string, string>> = {
  channel: '渠道',
  listType: '清单类型',
  domain: '领域',
  difficulty: '难易程度',
  level: '层级',
  from: '从',
  to: '到',
  unitId: '单位',
  fromUnitId: '原单位',
  toUnitId: '新单位',
  departmentId: '部门',
  departmentIds: '部门',
  timeLimitDays: '时限(天)',
  deadline: '截止时间',
  reportDueAt: '报到时限',
  role: '角色',
  roles: '角色',
  round: '轮次',
  method: '方式',
  outcome: '满意度',
  status: '状态',
  reason: '原因',
  note: '说明',
  plan: '方案',
  milestones: '措施',
  seq: '序号',
  fileName: '文件名',
  mediaType: '类型',
  size: '大小(字节)',
  sha256: 'SHA-256',
  attachmentId: '附件编号',
  whistleId: '吹哨编号',
  backstopCaseId: '兜底案件',
  ledgerEntryId: '台账编号',
  processInstanceKey: '流程实例',
  caseFileId: '卷宗编号',
  events: '事件数',
  screeningNote: '甄别意见',
  explanationNote: '解释说明',
  days: '天数',
  into: '并入',
  returnId: '退单编号',
  extensionId: '延期编号',
  refusedBy: '不同意方',
  newDeadline: '新截止时间',
  oldDeadline: '原截止时间',
  requestedAt: '申请时间',
  elementId: '环节标识',
  name: '环节',
  variables: '填写内容',
  by: '方式',
};

const VOCABULARIES: Readonly<Record<string, Vocabulary<string>>> = {
  channel: channels,
  listType: listTypes,
  domain: domainAreas,
  difficulty: difficulties,
  level: levels,
  from: levels,
  to: levels,
  role: signOffRoles,
  roles: signOffRoles,
  outcome: satisfactions,
  status: requestStatuses,
} as Record<string, Vocabulary<string>>;

const UNIT_KEYS = new Set(['unitId', 'fromUnitId', 'toUnitId', 'departmentId', 'departmentIds', 'redispatchedToUnitId']);
const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/;

function valueOf(key: string, value: unknown, unitNames: ReadonlyMap<string, string>): string {
  if (Array.isArray(value)) return value.map((v) => valueOf(key, v, unitNames)).join('、');
  if (typeof value === 'string') {
    const vocabulary = VOCABULARIES[key];
    if (vocabulary?.is(value)) return vocabulary.label(value);
    if (UNIT_KEYS.has(key)) return unitNames.get(value) ?? value;
    if (key === 'reason') return label(RETURN_REASON_LABELS, value) ?? value;
    if (key === 'method') return label(SIGN_METHOD_LABELS, value) ?? value;
    if (key === 'sha256') return `${value.slice(0, 12)}…`;
    if (ISO_TIME.test(value)) return (beijing(new Date(value)) ?? value).slice(0, 16).replace('T', ' ');
    return value;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** e.g. `清单类型:集体诉求;领域:城乡建设;层级:村(社区);单位:黄梁村;时限(天):15` */
export function summaryOf(detail: Record<string, unknown> | null, unitNames: ReadonlyMap<string, string>): string {
  if (detail === null) return '';
  return Object.entries(detail)
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => `${KEY_LABELS[k] ?? k}:${valueOf(k, v, unitNames)}`)
    .join(';');
}
