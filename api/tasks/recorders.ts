// What completing a step records in the business store, besides completing the user task: the
// case file's entry for the step (who, when, what), and for the steps whose form carries business
// data no worker sees (workflows/README.md says which) that data: the whistle and the departments'
// reports (joint handling), staged measures, the backstop case's plan, monthly reviews and
// resolution; the supervision cycle's interviews and their rectification checks. Each record is
// keyed by the user task (or is written once), so completing again records nothing twice.
//
// `prepare` reads and checks what it needs (task variables, units) and returns the writes, which
// run in one transaction before the task is completed in the engine (a failed completion leaves a
// record that a retry of the same task finds already there).
import { appendCaseEvent } from '../../store/case-file.js';
import type { Conn } from '../../store/db.js';
import { recordBackstopPlan, recordBackstopReview, resolveBackstopCase } from '../../store/backstop.js';
import { blowWhistle, recordReport, whistleByKey } from '../../store/joint-handling.js';
import { getInterview, recordInterviewHeld, recordRectificationCheck } from '../../store/interviews.js';
import { enqueueNotification } from '../../store/notifications.js';
import { getOrgUnit } from '../../store/org-units.js';
import { completeMilestone, planMilestonesByDate, stagedMeasuresOf } from '../../store/staged-measures.js';
import type { Staff } from '../auth/staff.js';
import type { UserTask, UserTasks } from '../engine/user-tasks.js';
import { ApiProblem, conflict, t, type FieldProblem } from '../problems.js';

export interface StepContext {
  db: Conn;
  now: Date;
  staff: Staff;
  task: UserTask;
  /** null for the steps of a process that is not a request's (supervision-cycle) */
  requestId: string | null;
  variables: Record<string, unknown>;
  tasks: UserTasks;
}

export type Write = (tx: Conn) => void;

/** Thrown by `prepare` for a form that is well-formed but wrong for this request (400 naming the field). */
function fieldProblems(problems: FieldProblem[]): ApiProblem {
  return new ApiProblem('validation', problems[0]!.message, problems);
}

/** An ISO 8601 duration of days and hours (`P1D`, `PT12H`, `P2DT4H`) in milliseconds. */
export function durationMs(iso: string): number | undefined {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/.exec(iso);
  if (m === null || iso === 'P' || iso === 'PT') return undefined;
  return ((Number(m[1] ?? 0) * 24 + Number(m[2] ?? 0)) * 60 + Number(m[3] ?? 0)) * 60_000;
}

type Preparer = (ctx: StepContext) => Promise<Write[]>;
type RequestStep = (ctx: StepContext & { requestId: string }) => Promise<Write[]>;

/** A step of a request's process: without a request it cannot be recorded. */
const ofRequest =
  (step: RequestStep): Preparer =>
  async (ctx) => {
    if (ctx.requestId === null) throw conflict(t('此任务不属于任何诉求', 'the task belongs to no request'));
    return step({ ...ctx, requestId: ctx.requestId });
  };

const PREPARERS: Readonly<Record<string, Preparer>> = {
  /** 确定报到部门及任务: the township blows the whistle, naming the departments. */
  'name-departments': ofRequest(async ({ db, now, staff, task, requestId, variables }) => {
    const departments = variables.departments as { unit: string; task: string }[];
    const problems: FieldProblem[] = [];
    const ids = departments.map((d, i) => {
      const id = d.unit.slice('department:'.length);
      if (getOrgUnit(db, id)?.kind !== 'department') problems.push({ field: `departments.${i}.unit`, message: t(`没有这个区级部门: ${d.unit}`, `no such district department: ${d.unit}`) });
      return id;
    });
    const limit = typeof variables.reportLimit === 'string' ? durationMs(variables.reportLimit) : undefined;
    if (typeof variables.reportLimit === 'string' && (limit === undefined || limit <= 0)) problems.push({ field: 'reportLimit', message: t('报到时限须为天或小时的时长,如 P1D、PT12H', 'the report limit is a duration of days or hours, e.g. P1D, PT12H') });
    if (problems.length > 0) throw fieldProblems(problems);
    // the form sends the limit the township chose; the diagram's default (P1D) applies when it sends none
    const reportDueAt = new Date(now.getTime() + (limit ?? 86_400_000));
    return [
      (tx) => {
        blowWhistle(tx, { requestId, blownByUnitId: staff.unitId, departmentIds: ids, reportDueAt, idempotencyKey: `joint:${task.processInstanceKey}`, actor: staff.staffId, at: now });
      },
    ];
  }),

  /** 部门报到: the department reports on the whistle that named it. */
  report: ofRequest(async ({ db, now, staff, task }) => {
    const whistle = whistleByKey(db, `joint:${task.processInstanceKey}`);
    if (whistle === undefined) throw conflict(t('找不到这次吹哨的记录,无法报到', 'no whistle is recorded for this joint handling'));
    return [(tx) => void recordReport(tx, whistle.id, staff.unitId, now)];
  }),

  /** 办理诉求 with staged measures: the milestones and their due dates. */
  'handle-task': ofRequest(async ({ now, requestId, variables, staff }) => {
    if (variables.outcome !== 'staged') return [];
    const milestones = variables.milestones as { title: string; dueDate: string }[] | undefined;
    if (milestones === undefined || milestones.length === 0) throw fieldProblems([{ field: 'milestones', message: t('分阶段办理须列出阶段性措施', 'staged handling needs its milestones') }]);
    const problems = milestones.flatMap((m, i) =>
      Date.parse(m.dueDate) > now.getTime() ? [] : [{ field: `milestones.${i}.dueDate`, message: t('阶段期限须晚于现在', 'a milestone is due after now') }],
    );
    if (problems.length > 0) throw fieldProblems(problems);
    return [(tx) => void planMilestonesByDate(tx, requestId, now, milestones.map((m) => ({ title: m.title, deadline: new Date(m.dueDate) })), staff.staffId)];
  }),

  /** 落实阶段性措施: the current milestone is done. */
  'staged-measures': ofRequest(async ({ db, now, requestId, task, tasks, staff }) => {
    const milestone = await tasks.variable<{ title?: string }>(task.userTaskKey, 'milestone');
    const planned = stagedMeasuresOf(db, requestId).find((m) => m.title === milestone?.title && m.doneAt === null);
    if (planned === undefined) return [];
    return [(tx) => void completeMilestone(tx, requestId, planned.seq, now, staff.staffId)];
  }),

  'backstop-plan': ofRequest(async (ctx) => {
    const caseId = await backstopCaseOf(ctx);
    return [(tx) => void recordBackstopPlan(tx, caseId, String(ctx.variables.plan), { actor: ctx.staff.staffId, at: ctx.now })];
  }),

  'monthly-review': ofRequest(async (ctx) => {
    const caseId = await backstopCaseOf(ctx);
    return [(tx) => void recordBackstopReview(tx, { caseId, note: String(ctx.variables.reviewNote), idempotencyKey: `review:${ctx.task.userTaskKey}`, actor: ctx.staff.staffId, at: ctx.now })];
  }),

  'backstop-resolve': ofRequest(async (ctx) => {
    const caseId = await backstopCaseOf(ctx);
    return [(tx) => void resolveBackstopCase(tx, caseId, { note: String(ctx.variables.resolutionNote), actor: ctx.staff.staffId, at: ctx.now })];
  }),

  /** 约谈单位: the interviewer's record (who is the person completing it). */
  interview: async (ctx) => {
    const interview = await interviewOf(ctx);
    const v = ctx.variables as { heldAt: string; findings: string; rectificationDeadline: string };
    const deadline = new Date(`${v.rectificationDeadline}T23:59:59+08:00`);
    if (Date.parse(v.heldAt) > ctx.now.getTime()) throw fieldProblems([{ field: 'heldAt', message: t('约谈时间不能晚于现在', 'the interview cannot be held in the future') }]);
    if (deadline.getTime() <= ctx.now.getTime()) throw fieldProblems([{ field: 'rectificationDeadline', message: t('整改期限须晚于今天', 'the rectification deadline is after today') }]);
    return [
      (tx) => {
        recordInterviewHeld(tx, interview.id, { staffId: ctx.staff.staffId, heldAt: new Date(v.heldAt), findings: v.findings, rectificationDeadline: deadline });
        enqueueNotification(tx, {
          channel: 'internal',
          recipient: interview.unitId,
          text: `约谈情况:${v.findings}。请于 ${v.rectificationDeadline} 前整改到位,届时复查`,
          idempotencyKey: `interview:${ctx.task.userTaskKey}`,
          at: ctx.now,
        });
      },
    ];
  },

  /** 整改复查: whether the unit put it right by the deadline. */
  'check-rectification': async (ctx) => {
    const interview = await interviewOf(ctx);
    const v = ctx.variables as { rectified: boolean; checkNote?: string };
    return [
      (tx) => {
        recordRectificationCheck(tx, interview.id, { staffId: ctx.staff.staffId, at: ctx.now, rectified: v.rectified, note: v.checkNote ?? null });
        enqueueNotification(tx, {
          channel: 'internal',
          recipient: interview.unitId,
          text: v.rectified ? `整改复查:${interview.unitName}已按期整改到位` : `整改复查:${interview.unitName}未按期整改到位${v.checkNote ? `(${v.checkNote})` : ''}`,
          idempotencyKey: `rectification:${ctx.task.userTaskKey}`,
          at: ctx.now,
        });
      },
    ];
  },
};

async function interviewOf(ctx: StepContext) {
  const id = await ctx.tasks.variable<number>(ctx.task.userTaskKey, 'interviewId');
  const interview = typeof id === 'number' ? getInterview(ctx.db, id) : undefined;
  if (interview === undefined) throw conflict(t('此任务没有约谈记录', 'the task sees no interview record'));
  return interview;
}

/** Whether the step may be completed without a request (the supervision cycle's). */
export function isRequestlessStep(elementId: string): boolean {
  return elementId === 'interview' || elementId === 'check-rectification';
}

async function backstopCaseOf(ctx: StepContext): Promise<string> {
  const caseId = await ctx.tasks.variable<string>(ctx.task.userTaskKey, 'backstopCaseId');
  if (typeof caseId !== 'string') throw conflict(t('此任务没有兜底案件编号', 'the task sees no backstop case'));
  return caseId;
}

/** The writes of completing this step: its own records, and the case file's entry for the step. */
export async function prepareStep(ctx: StepContext): Promise<Write[]> {
  const own = (await PREPARERS[ctx.task.elementId]?.(ctx)) ?? [];
  const requestId = ctx.requestId;
  if (requestId === null) return own;
  const entry: Write = (tx) => {
    appendCaseEvent(tx, {
      requestId,
      kind: 'step_done',
      actor: ctx.staff.staffId,
      at: ctx.now,
      detail: { elementId: ctx.task.elementId, name: ctx.task.name ?? ctx.task.elementId, unitId: ctx.staff.unitId, variables: ctx.variables },
      idempotencyKey: `task:${ctx.task.userTaskKey}`,
    });
  };
  return [...own, entry];
}
