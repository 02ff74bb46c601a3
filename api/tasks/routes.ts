// 待办: the user tasks of the caller's unit. The list (filters: step, level, due, overdue,
// assignment; paging), a task with its request and the step's form, claim and unclaim, and
// completion: the form is validated (400 naming the field), the caller must belong to the task's
// candidate unit and hold a role the task names (403), what the form carries is recorded, then the
// task is completed in the engine. Signing tasks record the signature (api/signatures); the
// citizen's own signature is never completed here.
import { Type } from 'typebox';
import { getCitizen, getRequest } from '../../store/requests.js';
import { requestSummaries, type RequestSummary } from '../../store/request-summaries.js';
import { requireStaff } from '../auth/access.js';
import type { Staff } from '../auth/staff.js';
import { userTasksOf, type DateFilter, type TaskFilter, type UserTask } from '../engine/user-tasks.js';
import { conflict, forbidden, notFound, ApiProblem, t } from '../problems.js';
import type { RouteOptions } from '../route-options.js';
import { beijing, Nullable, problems } from '../schemas.js';
import { sign } from '../signatures/sign.js';
import type { Api } from '../types.js';
import { mayRead, mayWork, rolesOf, signOffRoleOf } from './authorise.js';
import { FORMS, formProblems } from './forms/index.js';
import { isRequestlessStep, prepareStep } from './recorders.js';
import { extraProblems } from './checks.js';

const WORKING_ROLES = ['collector', 'clerk', 'handler', 'leader_in_charge', 'main_leader', 'supervisor', 'admin'] as const;

const RequestLine = Type.Object({
  id: Type.String(),
  text: Type.String(),
  township: Type.String(),
  village: Nullable(Type.String()),
  status: Type.String(),
  level: Nullable(Type.String()),
  deadline: Nullable(Type.String()),
  overdue: Type.Boolean(),
});

const TaskLine = Type.Object(
  {
    key: Type.String(),
    elementId: Type.String(),
    name: Type.String(),
    processDefinitionId: Type.String(),
    candidateGroups: Type.Array(Type.String()),
    roles: Nullable(Type.Array(Type.String())),
    assignee: Nullable(Type.String()),
    createdAt: Nullable(Type.String()),
    dueDate: Nullable(Type.String()),
    overdue: Type.Boolean(),
    formKey: Nullable(Type.String()),
    requestId: Nullable(Type.String()),
    request: Nullable(RequestLine),
  },
  { $id: 'TaskLine' },
);

function requestLine(r: RequestSummary | undefined) {
  if (r === undefined) return null;
  return { id: r.id, text: r.text, township: r.townshipName, village: r.villageName, status: r.status, level: r.level, deadline: beijing(r.deadline), overdue: r.overdue };
}

function taskLine(task: UserTask, requestId: string | null, request: RequestSummary | undefined, now: Date) {
  const due = task.dueDate === undefined ? undefined : Date.parse(task.dueDate);
  return {
    key: task.userTaskKey,
    elementId: task.elementId,
    name: task.name ?? task.elementId,
    processDefinitionId: task.processDefinitionId,
    candidateGroups: task.candidateGroups,
    roles: rolesOf(task) ?? null,
    assignee: task.assignee ?? null,
    createdAt: task.creationDate === undefined ? null : beijing(new Date(task.creationDate)),
    dueDate: due === undefined ? null : beijing(new Date(due)),
    overdue: due !== undefined && due < now.getTime() && task.state === 'CREATED',
    formKey: task.externalFormReference ?? null,
    requestId,
    request: requestLine(request),
  };
}

/** The groups whose tasks a list shows: the caller's own, or for district units with `all`, every group at a level. */
function groupFilter(staff: Staff, all: boolean, level: string | undefined): TaskFilter['candidateGroup'] {
  if (all && staff.scope.kind === 'district') {
    if (level === 'village') return { $like: 'village:*' };
    if (level === 'township') return { $like: 'township:*' };
    // department:… and district:… both start with d
    if (level === 'district') return { $like: 'd*' };
    return undefined;
  }
  return { $in: staff.groups };
}

export default async function tasksRoutes(app: Api, _options: RouteOptions): Promise<void> {
  const tasks = userTasksOf(app);
  app.addSchema(TaskLine);
  const taskLineRef = Type.Unsafe<unknown>({ $ref: 'TaskLine#' });
  const KeyParams = Type.Object({ key: Type.String({ pattern: '^[0-9]{1,19}$' }) });

  /** The task, if the caller may see it; 404 otherwise (a task of another unit is not confirmed to exist). */
  async function visibleTask(staff: Staff, key: string): Promise<UserTask> {
    const task = await tasks.get(key);
    if (!mayRead(staff, task)) throw notFound(t('任务不存在或已办结', 'the task does not exist or is finished'));
    return task;
  }

  /** The task, if the caller may work it: 403 for anyone outside its candidate unit and role. */
  async function workableTask(staff: Staff, key: string): Promise<UserTask> {
    const task = await tasks.get(key);
    const check = mayWork(staff, task);
    if (!check.ok) throw forbidden(check.reason);
    return task;
  }

  async function requestOf(task: UserTask): Promise<string> {
    const requestId = await tasks.requestIdOf(task);
    if (requestId === null) throw conflict(t('此任务不属于任何诉求', 'the task belongs to no request'));
    return requestId;
  }

  app.get(
    '/api/tasks',
    {
      config: { access: { staff: WORKING_ROLES } },
      schema: {
        tags: ['tasks'],
        summary: '本单位待办 My unit\'s open tasks',
        description: 'Open tasks offered to the caller\'s candidate groups, due first. District units may pass all=true to see every task of the district (read only). createdAfter lists only the tasks created at or after an instant (a client following new work).',
        querystring: Type.Object(
          {
            element: Type.Optional(Type.String({ maxLength: 100, description: 'the step (element id), e.g. handle-task' })),
            level: Type.Optional(Type.Union([Type.Literal('village'), Type.Literal('township'), Type.Literal('district')])),
            overdue: Type.Optional(Type.Boolean()),
            dueBefore: Type.Optional(Type.String({ format: 'date-time' })),
            createdAfter: Type.Optional(Type.String({ format: 'date-time', maxLength: 40, description: 'only tasks created at or after this instant' })),
            assigned: Type.Optional(Type.Union([Type.Literal('me'), Type.Literal('unassigned'), Type.Literal('any')], { default: 'any' })),
            all: Type.Optional(Type.Boolean({ default: false })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
            offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000, default: 0 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(taskLineRef), total: Type.Integer() }), ...problems(400, 401, 403) },
      },
    },
    async (request) => {
      const staff = requireStaff(request);
      const q = request.query;
      const now = app.now();
      // the engine's user-task search filters on creationDate too (Camunda 8's REST v2 does)
      const filter: TaskFilter & { creationDate?: DateFilter } = { state: 'CREATED' };
      const groups = groupFilter(staff, q.all === true, q.level);
      if (groups !== undefined) filter.candidateGroup = groups;
      if (q.element !== undefined) filter.elementId = q.element;
      if (q.assigned === 'me') filter.assignee = staff.staffId;
      if (q.assigned === 'unassigned') filter.assignee = { $exists: false };
      const due = [q.overdue ? now.toISOString() : undefined, q.dueBefore].filter((d): d is string => d !== undefined).sort()[0];
      if (due !== undefined) filter.dueDate = q.overdue ? { $lt: due } : { $lte: due };
      if (q.createdAfter !== undefined) filter.creationDate = { $gte: new Date(q.createdAfter).toISOString() };
      const page = await tasks.search(filter, { from: q.offset ?? 0, limit: q.limit ?? 50 }, [{ field: 'dueDate', order: 'ASC' }, { field: 'creationDate', order: 'ASC' }]);
      const requestIds = await tasks.requestIdsOf(page.items.map((task) => task.processInstanceKey));
      const summaries = requestSummaries(app.store.db, [...requestIds.values()].filter((id): id is string => id !== null));
      return {
        items: page.items.map((task) => {
          const requestId = requestIds.get(task.processInstanceKey) ?? null;
          return taskLine(task, requestId, requestId === null ? undefined : summaries.get(requestId), now);
        }),
        total: page.total,
      };
    },
  );

  app.get(
    '/api/tasks/:key',
    {
      config: { access: { staff: WORKING_ROLES } },
      schema: {
        tags: ['tasks'],
        summary: '任务详情与表单 A task, its request and its form',
        params: KeyParams,
        response: {
          200: Type.Object({
            task: taskLineRef,
            canWork: Type.Boolean(),
            cannotWorkBecause: Nullable(Type.String()),
            form: Nullable(Type.Object({ key: Type.String(), title: Type.Unknown(), schema: Type.Unknown(), labels: Type.Unknown(), choices: Type.Unknown({ description: 'per field with a closed set of values: a label per value ({zh, en}), in the order to offer them' }) })),
            variables: Type.Record(Type.String(), Type.Unknown(), { description: 'what the process knows at this step (no personal data: that stays in the store)' }),
            request: Nullable(
              Type.Object({
                id: Type.String(),
                channel: Type.String(),
                text: Type.String(),
                townshipId: Type.String(),
                villageId: Nullable(Type.String()),
                status: Type.String(),
                level: Nullable(Type.String()),
                deadline: Nullable(Type.String()),
                citizen: Nullable(Type.Object({ name: Nullable(Type.String()), phone: Nullable(Type.String()) }, { description: 'only for staff who may work the task' })),
              }),
            ),
          }),
          ...problems(401, 403, 404),
        },
      },
    },
    async (request) => {
      const staff = requireStaff(request);
      const task = await visibleTask(staff, request.params.key);
      const requestId = await tasks.requestIdOf(task);
      const check = mayWork(staff, task);
      const row = requestId === null ? undefined : getRequest(app.store.db, requestId);
      const form = task.externalFormReference === undefined ? undefined : FORMS.get(task.externalFormReference);
      const citizen = row !== undefined && check.ok ? getCitizen(app.store.db, row.id) : undefined;
      const summary = requestId === null ? undefined : requestSummaries(app.store.db, [requestId]).get(requestId);
      return {
        task: taskLine(task, requestId, summary, app.now()),
        canWork: check.ok,
        cannotWorkBecause: check.ok ? null : typeof check.reason === 'string' ? check.reason : check.reason.zh,
        form: form === undefined ? null : { key: form.key, title: form.title, schema: form.schema, labels: form.labels, choices: form.choices },
        variables: await tasks.variables(task.userTaskKey),
        request:
          row === undefined
            ? null
            : {
                id: row.id,
                channel: row.channel,
                text: row.text,
                townshipId: row.townshipId,
                villageId: row.villageId,
                status: row.status,
                level: row.level,
                deadline: beijing(row.deadline),
                citizen: citizen === undefined ? null : { name: citizen.name, phone: citizen.phone },
              },
      };
    },
  );

  app.post(
    '/api/tasks/:key/assignment',
    {
      config: { access: { staff: WORKING_ROLES } },
      schema: { tags: ['tasks'], summary: '认领 Claim a task', params: KeyParams, response: { 204: Type.Null(), ...problems(401, 403, 404, 409) } },
    },
    async (request, reply) => {
      const staff = requireStaff(request);
      const task = await workableTask(staff, request.params.key);
      request.audit.target = task.userTaskKey;
      if (task.assignee !== undefined && task.assignee !== staff.staffId) throw conflict(t(`已被 ${task.assignee} 认领`, `claimed by ${task.assignee}`));
      if (task.assignee !== staff.staffId) await tasks.assign(task.userTaskKey, staff.staffId);
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/api/tasks/:key/assignment',
    {
      config: { access: { staff: WORKING_ROLES } },
      schema: { tags: ['tasks'], summary: '取消认领 Unclaim a task', description: 'By whoever claimed it, or a leader of the task\'s unit.', params: KeyParams, response: { 204: Type.Null(), ...problems(401, 403, 404) } },
    },
    async (request, reply) => {
      const staff = requireStaff(request);
      const task = await visibleTask(staff, request.params.key);
      request.audit.target = task.userTaskKey;
      if (task.assignee === undefined) return reply.code(204).send(null);
      const leader = staff.roles.includes('leader_in_charge') || staff.roles.includes('main_leader');
      if (task.assignee !== staff.staffId && !(leader && task.candidateGroups.some((g) => staff.groups.includes(g)))) {
        throw forbidden(t('只能由认领人或本单位领导取消认领', 'only whoever claimed it or a leader of the unit may unclaim it'));
      }
      await tasks.unassign(task.userTaskKey);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/tasks/:key/completion',
    {
      config: { access: { staff: WORKING_ROLES } },
      schema: {
        tags: ['tasks'],
        summary: '办理完成 Complete a task with its form',
        description: 'The variables must match the step\'s form (GET /api/tasks/{key}); 400 names the bad field. 403 for anyone outside the task\'s candidate unit and role. The citizen\'s signature is given with the lookup code or a one-time code, not here.',
        params: KeyParams,
        body: Type.Object({ variables: Type.Record(Type.String({ maxLength: 100 }), Type.Unknown()) }, { additionalProperties: false }),
        response: { 204: Type.Null(), ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const staff = requireStaff(request);
      const task = await workableTask(staff, request.params.key);
      request.audit.target = task.userTaskKey;
      if (task.state !== 'CREATED') throw conflict(t('任务已办结', 'the task is finished'));
      if (task.assignee !== undefined && task.assignee !== staff.staffId) throw conflict(t(`已被 ${task.assignee} 认领`, `claimed by ${task.assignee}`));
      const form = task.externalFormReference === undefined ? undefined : FORMS.get(task.externalFormReference);
      if (form === undefined) throw conflict(t(`此步骤(${task.elementId})没有可在工作台填写的表单`, `the step ${task.elementId} has no workbench form`));
      const variables = request.body.variables;
      const fieldProblems = formProblems(form, variables);
      if (fieldProblems.length > 0) throw new ApiProblem('validation', fieldProblems[0]!.message, fieldProblems);
      // the supervision cycle's steps belong to no request; every other step needs its request
      const requestId = isRequestlessStep(task.elementId) ? await tasks.requestIdOf(task) : await requestOf(task);
      request.audit.detail = { requestId, elementId: task.elementId };
      const more = requestId === null ? [] : extraProblems(app.store.db, staff, task.elementId, requestId, variables);
      if (more.length > 0) throw new ApiProblem('validation', more[0]!.message, more);

      const signOffRole = requestId === null ? undefined : signOffRoleOf(task);
      if (signOffRole === 'citizen') {
        throw forbidden(t('诉求人须本人签字:在线用查询码签字,或现场用发送到其手机的验证码签字', 'the citizen signs in person: online with the lookup code, or on site with a one-time code sent to their phone'));
      }
      if (signOffRole !== undefined) {
        const v = variables as { signed: boolean; note?: string };
        await sign(app, tasks, { task, requestId: requestId!, role: signOffRole, signer: { name: `${staff.unitName}${staff.name}`, staffId: staff.staffId, method: 'login' }, signed: v.signed, note: v.note });
        return reply.code(204).send(null);
      }

      const now = app.now();
      const writes = await prepareStep({ db: app.store.db, now, staff, task, requestId, variables, tasks });
      app.store.db.transaction((tx) => {
        for (const write of writes) write(tx);
      }, { behavior: 'immediate' });
      await tasks.complete(task.userTaskKey, variables);
      return reply.code(204).send(null);
    },
  );
}
