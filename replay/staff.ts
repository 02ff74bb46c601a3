// The simulated staff (and citizens) of a replay: what each person does with an open user task
// of a request, and when, following the request's plan (workload.ts). They only ever see what a
// real person sees in the task list of the API (GET /api/tasks): the task's step, its candidate
// groups, the roles it names and its due date. What they send is the step's form
// (api/tasks/forms/), as the workbench would send it.
import type { Level } from '../domain/index.js';
import { seededRandom, type Random } from './random.js';
import type { RequestPlan } from './workload.js';

/** An open user task, as the API's task list (`GET /api/tasks`) shows it. */
export interface OpenTask {
  key: string;
  elementId: string;
  processDefinitionId: string;
  candidateGroups: string[];
  /** the roles the task names (its `roles` header); null: any member of the unit */
  roles: string[] | null;
  /** ISO date-time (Beijing time) */
  createdAt: string | null;
  dueDate: string | null;
  /** null for tasks of no request (the weekly supervision's interviews) */
  requestId: string | null;
}

/** The citizen's answer to the follow-up (满意, 基本满意, 不满意). */
export type Satisfaction = 'satisfied' | 'basically_satisfied' | 'unsatisfied';

/** What a person does with a task: complete it with these variables, `afterDays` days after it opened. */
export interface Action {
  afterDays: number;
  variables: Record<string, unknown>;
  /** when set: the citizen's answer to the follow-up, given once the request is closed and the citizen asked */
  answer?: Satisfaction;
  /** set on the fourth signature of a round: all four signed, or one refused */
  roundEnded?: 'signed' | 'refused';
}

const DAY_MS = 86_400_000;

/** The time limit the workflow's FEEL rule gives the plan (request-lifecycle → decide-time-limit). */
export function timeLimitOf(plan: RequestPlan): number {
  const difficulty = difficultyOf(plan);
  if (difficulty === 'easy' || plan.listType === 'policy_consultation' || plan.listType === 'suggestion') return 15;
  if (plan.timeLimitChoice !== undefined) return plan.timeLimitChoice;
  return difficulty === 'major' ? 90 : 30;
}

export function difficultyOf(plan: RequestPlan): 'easy' | 'hard' | 'major' {
  const start = plan.path[0];
  return start === 'village' ? 'easy' : start === 'township' ? 'hard' : 'major';
}

/** The level a candidate group belongs to: `village:…`, `township:…`, else the district. */
export function levelOfGroup(group: string | undefined): Level {
  if (group?.startsWith('village:')) return 'village';
  if (group?.startsWith('township:')) return 'township';
  return 'district';
}

const SIGN_TASKS = ['sign-citizen', 'sign-handler', 'sign-leader-in-charge', 'sign-main-leader'] as const;

/**
 * The people around one request. Keeps what they remember between tasks (whether the whistle
 * was blown, the signatures of the round under way, ...) and answers, task by task, what to do.
 */
export class RequestStaff {
  private readonly random: Random;
  private jointDone = false;
  private stagedDone = false;
  private missingSignatureDone = false;
  private rehandleDone = false;
  private inBackstop = false;
  /** the sign-off round under way: how many of the four signed, and whether any refused */
  private signed = 0;
  private refused = false;

  constructor(readonly plan: RequestPlan) {
    this.random = seededRandom(plan.seed);
  }

  private isFinal(level: Level): boolean {
    return this.plan.path[this.plan.path.length - 1] === level && !this.plan.backstop;
  }

  /** how the request leaves `level`, or undefined when it is solved there */
  private leaves(level: Level): 'cannot_solve' | 'refused_twice' | undefined {
    const i = this.plan.path.indexOf(level);
    if (i < 0) return undefined;
    if (i < this.plan.path.length - 1 || this.plan.backstop) return this.plan.escalations[i];
    return undefined;
  }

  private handlingDays(level: Level): number {
    const limit = timeLimitOf(this.plan);
    if (this.random.chance(0.06)) return limit + this.random.int(1, 15);
    const typical = level === 'village' ? 10 : level === 'township' ? 25 : 70;
    return this.random.int(1, Math.min(limit - 1, typical));
  }

  /** Decides what to do with an open task of this request. */
  act(task: OpenTask, now: Date): Action {
    const plan = this.plan;
    const group = task.candidateGroups[0];
    const level = levelOfGroup(group);
    switch (task.elementId) {
      case 'screen':
        return { afterDays: 0, variables: { valid: plan.valid, screeningNote: plan.valid ? '属实,纳入办理' : '不属于诉求范围' } };
      case 'explain-invalid':
        return { afterDays: 0, variables: { explanationNote: '已向诉求人当面解释说明' } };
      case 'assess':
        return {
          afterDays: 0,
          variables: {
            listType: plan.listType,
            domain: plan.domain,
            difficulty: difficultyOf(plan),
            ...(plan.timeLimitChoice === undefined ? {} : { timeLimitChoice: plan.timeLimitChoice }),
          },
        };
      case 'accept':
        return { afterDays: 0, variables: { handler: `${group ?? 'unit'} 办理人` } };
      case 'handle-task':
        return this.handle(level, now);
      case 'name-departments':
        return {
          afterDays: 0,
          variables: {
            departments: (plan.joint?.departments ?? []).map((d) => ({ unit: `department:${d}`, task: '派员现场会商并落实本部门职责' })),
            // the diagram's default, said out loud as the township's form would
            reportLimit: 'P1D',
          },
        };
      case 'report':
        // a late department reports two days on: after the one-day limit has run out
        return { afterDays: plan.joint?.lateDepartment !== undefined && group === `department:${plan.joint.lateDepartment}` ? 2 : 0, variables: {} };
      case 'contribute':
        return { afterDays: this.random.int(0, 1), variables: { contribution: '已落实本部门职责' } };
      case 'consolidate':
        return { afterDays: 0, variables: { jointSummary: '各部门已报到并履职,汇总化解' } };
      case 'staged-measures': {
        const due = task.dueDate ? Date.parse(task.dueDate) : now.getTime();
        return { afterDays: Math.max(0, Math.floor((due - now.getTime()) / DAY_MS) - 1), variables: { progressNote: '本阶段措施已落实' } };
      }
      case 'backstop-plan':
        this.inBackstop = true;
        return { afterDays: 0, variables: { plan: '党政联席会议制定化解方案,专班牵头' } };
      case 'backstop-resolve':
        return { afterDays: this.random.int(60, 200), variables: { resolutionNote: '兜底化解完成' } };
      case 'monthly-review':
        return { afterDays: 0, variables: { reviewNote: '月度调度:推进中' } };
      default:
        if ((SIGN_TASKS as readonly string[]).includes(task.elementId)) return this.sign(task.elementId, level);
        throw new Error(`the simulated staff do not know the task ${task.elementId} (${task.processDefinitionId})`);
    }
  }

  private handle(level: Level, now: Date): Action {
    const plan = this.plan;
    if (level === 'township' && plan.joint !== undefined && !this.jointDone) {
      this.jointDone = true;
      return { afterDays: this.random.int(1, 3), variables: { outcome: 'joint' } };
    }
    const days = this.handlingDays(level);
    if (this.leaves(level) === 'cannot_solve') return { afterDays: days, variables: { outcome: 'cannot_solve', reason: '本级无法解决' } };
    if (this.isFinal(level) && plan.stagedMilestones > 0 && !this.stagedDone) {
      this.stagedDone = true;
      const start = now.getTime() + days * DAY_MS;
      const milestones = Array.from({ length: plan.stagedMilestones }, (_, i) => ({
        title: `第${i + 1}阶段措施`,
        dueDate: new Date(start + (i + 1) * 30 * DAY_MS).toISOString().replace('.000Z', 'Z'),
      }));
      return { afterDays: days, variables: { outcome: 'staged', milestones } };
    }
    return { afterDays: days, variables: { outcome: 'resolved', resolutionNote: '已办结' } };
  }

  private sign(elementId: string, level: Level): Action {
    const refuse = elementId === 'sign-leader-in-charge' && this.plan.missingSignature && !this.missingSignatureDone && this.isFinal(level);
    this.signed += 1;
    if (refuse) this.refused = true;
    const action: Action = { afterDays: 0, variables: { signed: !refuse } };
    if (this.signed < SIGN_TASKS.length) return action;
    // the fourth signature of the round
    const refusedThisRound = this.refused;
    this.signed = 0;
    this.refused = false;
    if (refusedThisRound) {
      this.missingSignatureDone = true;
      return { ...action, roundEnded: 'refused' };
    }
    const answer = this.answerAfterSignOff(level);
    return { ...action, roundEnded: 'signed', ...(answer === undefined ? {} : { answer }) };
  }

  /** The citizen's answer once a round is signed off; undefined: no answer (the 7-day timer runs out). */
  private answerAfterSignOff(level: Level): Satisfaction | undefined {
    // a level the citizen drives out refuses every round: the second refusal moves it up
    if (!this.inBackstop && this.leaves(level) === 'refused_twice') return 'unsatisfied';
    if (!this.inBackstop && this.isFinal(level) && this.plan.rehandledOnce && !this.rehandleDone) {
      this.rehandleDone = true;
      return 'unsatisfied';
    }
    if (this.plan.finalAnswer !== 'satisfied') return undefined;
    // a quarter of the content citizens answer 基本满意, which the diagram counts as satisfied
    // (drawn from the plan's seed, not its random stream, so the handling times stay as planned)
    return this.plan.seed % 4 === 0 ? 'basically_satisfied' : 'satisfied';
  }

  /**
   * Whether people are done with this request after this action: nothing more will be asked of
   * them (the workers close, follow up and archive on their own).
   */
  finishedAfter(task: OpenTask, action: Action): boolean {
    if (task.elementId === 'explain-invalid') return true;
    return action.roundEnded === 'signed' && action.answer !== 'unsatisfied';
  }
}
