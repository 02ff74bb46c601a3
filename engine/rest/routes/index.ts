// Every REST route, one module per resource.

import type { RestContext } from '../context.js';
import type { Router } from '../router.js';
import { registerClock } from './clock.js';
import { registerDeployments } from './deployments.js';
import { registerElementInstances } from './element-instances.js';
import { registerIncidents } from './incidents.js';
import { registerJobs } from './jobs.js';
import { registerMessages } from './messages.js';
import { registerProcessDefinitions } from './process-definitions.js';
import { registerProcessInstances } from './process-instances.js';
import { registerSignals } from './signals.js';
import { registerTopology } from './topology.js';
import { registerUserTasks } from './user-tasks.js';
import { registerVariables } from './variables.js';

export function registerRoutes(router: Router, context: RestContext): void {
  registerTopology(router, context);
  registerDeployments(router, context);
  registerProcessInstances(router, context);
  registerProcessDefinitions(router, context);
  registerElementInstances(router, context);
  registerVariables(router, context);
  registerIncidents(router, context);
  registerJobs(router, context);
  registerUserTasks(router, context);
  registerMessages(router, context);
  registerSignals(router, context);
  registerClock(router, context);
}
