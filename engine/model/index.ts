// engine/model: BPMN XML -> validated, immutable executable model.
//
//   const result = await parseBpmn(xml, { checkExpression });
//   if (!result.ok) reject(result.problems); else deploy(result.processes);

import { buildProcessModel } from './build-elements.js';
import { deepFreeze } from './freeze.js';
import { bool, idOf, list, type MElement } from './moddle-access.js';
import { reportModdleWarnings } from './moddle-warnings.js';
import { readBpmnXml } from './moddle.js';
import { Problems } from './problems.js';
import { buildProcessTree } from './process-tree.js';
import type { ParseResult, ProcessModel } from './types.js';
import { validateActivities } from './validate-activities.js';
import { validateEvents } from './validate-events.js';
import { validateJobs } from './validate-jobs.js';
import { validateScopes } from './validate-scopes.js';
import { validateStructure } from './validate-structure.js';
import { validateUserTasks } from './validate-user-tasks.js';
import type { ValidationContext } from './validation-context.js';

export * from './types.js';
export {
  addIsoDuration,
  exactMillis,
  isCalendarBased,
  nextCronTime,
  parseCron,
  parseIsoDuration,
  parseTimeCycle,
  parseTimeDate,
  zoneOffsetMinutes,
} from './timer-syntax.js';
export type { CronSchedule, DayOfMonthEntry, DayOfWeekEntry, IsoDuration, Parsed, TimeCycle, TimeDate } from './timer-syntax.js';
export { USER_TASK_HEADERS, USER_TASK_JOB_TYPE } from './build-tasks.js';

export interface ParseOptions {
  /** syntax check for FEEL expressions (source WITHOUT leading '='); returns an error message or undefined. Injected so the model does not depend on the FEEL module. */
  checkExpression: (source: string) => string | undefined;
}

/**
 * Parses a BPMN resource into one model per executable process. Every problem found is reported
 * (with the id of the element it concerns), as Zeebe lists them when it rejects a deployment.
 */
export async function parseBpmn(xml: string, options: ParseOptions): Promise<ParseResult> {
  const read = await readBpmnXml(xml);
  if (!read.ok) return { ok: false, problems: [{ message: read.message }] };

  const problems = new Problems();
  const unresolved = reportModdleWarnings(read.warnings, problems);

  const executable = list(read.definitions, 'rootElements').filter(
    (el: MElement) => el.$type === 'bpmn:Process' && bool(el, 'isExecutable') === true,
  );
  if (executable.length === 0) {
    problems.add(idOf(read.definitions), 'the resource must contain at least one executable process (isExecutable="true")');
  }

  const trees = executable.map(buildProcessTree);
  for (const tree of trees) {
    const ctx: ValidationContext = { tree, problems, checkExpression: options.checkExpression, unresolved };
    if (!tree.processId) problems.add(undefined, 'an executable process must have an id');
    validateStructure(ctx);
    validateEvents(ctx);
    validateJobs(ctx);
    validateUserTasks(ctx);
    validateActivities(ctx);
    validateScopes(ctx);
  }

  if (!problems.isEmpty) return deepFreeze({ ok: false, problems: [...problems.list] });
  const processes: ProcessModel[] = trees.map(buildProcessModel);
  return deepFreeze({ ok: true, processes });
}
