// The forms of handle-at-level's user tasks (workflows/README.md), and the checks of those forms
// the schema cannot express: a field required only with some answer (a return's reason, the
// extension asked), and a unit to re-dispatch to that must exist in the store and not be the
// returning unit. The tasks module runs the checks after the schema (see `handleAtLevelChecks`).
import { Type } from 'typebox';
import type { Conn } from '../../../store/db.js';
import { getOrgUnit, unitOfCandidateGroup, type OrgUnit } from '../../../store/org-units.js';
import { getRequest } from '../../../store/requests.js';
import { RETURN_REASON_LABELS, RETURN_REASONS } from '../../../store/returns.js';
import { t, type FieldProblem } from '../../problems.js';
import { choicesOf, form } from './form.js';
import { IsoDateTime, Note, UnitGroup } from './fields.js';

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));

export const handleAtLevelForms = [
  form(
    'accept',
    t('受理交办', 'Accept the request'),
    Type.Object(
      {
        decision: Type.Optional(literals(['accept', 'return'] as const)),
        returnReason: Type.Optional(literals(RETURN_REASONS)),
        returnNote: Type.Optional(Note('required when returnReason is other')),
        handler: Type.Optional(Type.String({ maxLength: 100 })),
      },
      { additionalProperties: false },
    ),
    {
      decision: t('受理或退单(默认受理)', 'Accept (default) or return'),
      returnReason: t('退单理由:属地不符、权属不清、职能交叉、其他', 'Why it is returned: wrong locality, unclear ownership, overlapping duties, other'),
      returnNote: t('退单说明', 'Note on the return'),
      handler: t('承办人', 'Who handles it'),
    },
    { decision: { accept: t('受理', 'Accept'), return: t('退单', 'Return') }, returnReason: choicesOf(RETURN_REASON_LABELS) },
  ),
  form(
    'handle-task',
    t('办理诉求', 'Handle the request'),
    Type.Object(
      {
        outcome: literals(['resolved', 'joint', 'staged', 'cannot_solve', 'extend'] as const),
        milestones: Type.Optional(Type.Array(Type.Object({ title: Type.String({ minLength: 1, maxLength: 200 }), dueDate: IsoDateTime }, { additionalProperties: false }), { minItems: 1, maxItems: 20 })),
        resolutionNote: Type.Optional(Note()),
        reason: Type.Optional(Note()),
        extensionDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 90, description: 'with outcome extend: how many more days' })),
        extensionReason: Type.Optional(Note('with outcome extend: why more time is needed')),
      },
      { additionalProperties: false },
    ),
    {
      outcome: t('办理结果', 'Outcome'),
      milestones: t('阶段性措施', 'Staged measures'),
      resolutionNote: t('办理情况', 'What was done'),
      reason: t('原因', 'Reason'),
      extensionDays: t('申请延期天数(1-90)', 'Days of extension asked (1-90)'),
      extensionReason: t('延期理由', 'Why more time is needed'),
    },
    {
      outcome: {
        resolved: t('已解决', 'Resolved'),
        joint: t('需联合办理(吹哨)', 'Needs joint handling (whistle)'),
        staged: t('分阶段落实', 'Staged measures'),
        cannot_solve: t('本级无法解决,上报', 'Cannot be solved here: escalate'),
        extend: t('申请延期', 'Ask for an extension'),
      },
    },
  ),
  form('staged-measures', t('落实阶段性措施', 'Carry out a staged measure'), Type.Object({ progressNote: Type.Optional(Note()) }, { additionalProperties: false }), {
    progressNote: t('落实情况', 'Progress'),
  }),
  form(
    'review-return',
    t('审核退单', 'Review the return'),
    Type.Object(
      {
        returnDecision: literals(['redispatch', 'reject'] as const),
        redispatchTo: Type.Optional(UnitGroup),
        decisionNote: Type.Optional(Note('required when the return is rejected')),
      },
      { additionalProperties: false },
    ),
    {
      returnDecision: t('审核结果:改派或驳回退单', 'Re-dispatch, or reject the return'),
      redispatchTo: t('改派至(单位)', 'Re-dispatch to (unit)'),
      decisionNote: t('审核意见', 'Review note'),
    },
    { returnDecision: { redispatch: t('改派', 'Re-dispatch'), reject: t('驳回退单', 'Reject the return') } },
  ),
  form(
    'approve-extension',
    t('审批延期', 'Decide on the extension'),
    Type.Object({ extensionApproved: Type.Boolean(), extensionNote: Type.Optional(Note()) }, { additionalProperties: false }),
    { extensionApproved: t('是否批准延期', 'Approve the extension'), extensionNote: t('审批意见', 'Note') },
    { extensionApproved: { true: t('批准', 'Approve'), false: t('不批准', 'Refuse') } },
  ),
];

const blank = (value: unknown): boolean => typeof value !== 'string' || value.trim() === '';
const required = (field: string, zh: string, en: string): FieldProblem => ({ field, message: t(zh, en) });

/** 受理交办: a return needs its reason, and "other" needs a note saying which. */
export function acceptProblems(variables: Record<string, unknown>): FieldProblem[] {
  if (variables.decision !== 'return') return [];
  if (variables.returnReason === undefined) return [required('returnReason', '退单须说明理由', 'a return needs its reason')];
  if (variables.returnReason === 'other' && blank(variables.returnNote)) return [required('returnNote', '以"其他"理由退单须写明说明', 'a return for another reason needs a note')];
  return [];
}

/** 办理诉求: an extension is asked with its days and its reason. */
export function handleTaskProblems(variables: Record<string, unknown>): FieldProblem[] {
  if (variables.outcome !== 'extend') return [];
  const out: FieldProblem[] = [];
  if (variables.extensionDays === undefined) out.push(required('extensionDays', '申请延期须填写天数', 'an extension needs its number of days'));
  if (blank(variables.extensionReason)) out.push(required('extensionReason', '申请延期须说明理由', 'an extension needs its reason'));
  return out;
}

/** kinds of unit a request can be re-dispatched to: those that handle requests */
const HANDLING_KINDS: readonly OrgUnit['kind'][] = ['village', 'community', 'township', 'street', 'department', 'special_team'];

/**
 * 审核退单: a re-dispatch names a unit the store knows (that handles requests) other than the one
 * that returned it; a rejection says why. `requestId`, when given, names the request whose
 * responsible unit (the store's) is the returning unit.
 */
export function reviewReturnProblems(db: Conn, variables: Record<string, unknown>, context: { requestId?: string } = {}): FieldProblem[] {
  if (variables.returnDecision === 'reject') {
    return blank(variables.decisionNote) ? [required('decisionNote', '驳回退单须说明理由', 'a rejected return needs the reason')] : [];
  }
  if (variables.returnDecision !== 'redispatch') return [];
  const to = variables.redispatchTo;
  if (typeof to !== 'string' || to === '') return [required('redispatchTo', '改派须选择接收单位', 'a re-dispatch needs the unit that takes it')];
  const unit = unitOfCandidateGroup(db, to);
  if (unit === undefined || !HANDLING_KINDS.includes(unit.kind)) {
    return [{ field: 'redispatchTo', message: t(`没有可接收诉求的单位 ${to}`, `no unit that handles requests is called ${to}`) }];
  }
  const returning = context.requestId === undefined ? undefined : getRequest(db, context.requestId)?.responsibleUnitId;
  if (returning !== undefined && returning !== null && returning === unit.id) {
    const name = getOrgUnit(db, returning)?.name ?? returning;
    return [{ field: 'redispatchTo', message: t(`不能改派给退单单位(${name})本身`, `cannot re-dispatch to the unit that returned it (${name})`) }];
  }
  return [];
}

/**
 * The checks above by element id, in the shape of the tasks module's checks
 * (`(db, requestId, variables) => problems`, run after the form's schema).
 */
export const handleAtLevelChecks: Readonly<Record<string, (db: Conn, requestId: string, variables: Record<string, unknown>) => FieldProblem[]>> = {
  accept: (_db, _requestId, variables) => acceptProblems(variables),
  'handle-task': (_db, _requestId, variables) => handleTaskProblems(variables),
  'review-return': (db, requestId, variables) => reviewReturnProblems(db, variables, { requestId }),
};
