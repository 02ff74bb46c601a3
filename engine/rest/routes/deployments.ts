// POST /v2/deployments: multipart/form-data with one or more `resources` files and an
// optional `tenantId` field.

import { normalizeTenant } from '../../runtime/engine.js';
import type { RestContext } from '../context.js';
import { parseMultipart } from '../multipart.js';
import { commandAsync, invalidArgument } from '../problem.js';
import type { Router } from '../router.js';

export function registerDeployments(router: Router, { engine }: RestContext): void {
  router.post('/v2/deployments', async (ctx) => {
    const parts = parseMultipart(ctx.body, String(ctx.headers['content-type'] ?? ''));
    const resources = parts
      .filter((p) => p.name === 'resources')
      .map((p) => ({ name: p.filename ?? '', content: p.data }));
    const tenantPart = parts.find((p) => p.name === 'tenantId');
    const tenantId = tenantPart ? tenantPart.data.toString('utf8') : undefined;
    if (resources.length === 0) throw invalidArgument('No resources provided');
    const unnamed = resources.find((r) => r.name.trim() === '');
    if (unnamed) throw invalidArgument('No resource name provided');
    const result = await commandAsync('CREATE', () => engine.deploy(resources, tenantId));
    const tenant = normalizeTenant(tenantId);
    return {
      json: {
        deploymentKey: String(result.deploymentKey),
        tenantId: tenant,
        deployments: result.processes.map((p) => ({
          processDefinition: {
            processDefinitionId: p.bpmnProcessId,
            processDefinitionVersion: p.version,
            resourceName: p.resourceName,
            tenantId: p.tenantId,
            processDefinitionKey: String(p.processDefinitionKey),
          },
        })),
      },
    };
  }, { multipart: true });
}
