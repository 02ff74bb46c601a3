// Script task with a `zeebe:script` FEEL expression: the result becomes `resultVariable`,
// merged like a job's completion variables.

import { complete } from '../lifecycle.js';
import { evaluate } from '../expressions.js';
import { visibleVariables } from '../variables.js';
import type { Behaviour } from './behaviour.js';
import { jobTask } from './job-task.js';

export const scriptTask: Behaviour = {
  activate(tx, row, element) {
    if (!element.script) return jobTask.activate(tx, row, element);
    const value = evaluate(tx, element.script.expression, visibleVariables(tx, row.key));
    complete(tx, row.key, { variables: { [element.script.resultVariable]: value } });
  },
  terminate(tx, row, element) {
    if (!element.script) jobTask.terminate!(tx, row, element);
  },
};
