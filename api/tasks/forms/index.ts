// Every step's form, by form key (`suqiu-form:<element id>`).
import type { TaskForm } from './form.js';
import { handleAtLevelForms } from './handle-at-level.js';
import { jointHandlingForms } from './joint-handling.js';
import { requestLifecycleForms } from './request-lifecycle.js';
import { supervisionCycleForms } from './supervision-cycle.js';

export type { TaskForm } from './form.js';
export { formProblems } from './form.js';

export const FORMS: ReadonlyMap<string, TaskForm> = new Map(
  [...requestLifecycleForms, ...handleAtLevelForms, ...jointHandlingForms, ...supervisionCycleForms].map((f) => [f.key, f]),
);
