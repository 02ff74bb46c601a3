// Process instances: create (optionally awaiting completion), cancel, search, get.

import { normalizeTenant } from '../../runtime/engine.js';
import { PROCESS_INSTANCE } from '../../state/search.js';
import type { RestContext } from '../context.js';
import { jsonBody, noContent } from '../http.js';
import { processInstanceResult } from '../mappers.js';
import { command, commandAsync, invalidArgument, notFound } from '../problem.js';
import type { Router } from '../router.js';
import { pageResponse, parseSearch } from '../search-request.js';
import {
  object, optionalBoolean, optionalInteger, optionalKey, optionalString, optionalStringArray, optionalVariables, pathKey, unreadable,
} from '../validate.js';

/** Zeebe's gateway default for requests awaiting a result */
const DEFAULT_AWAIT_TIMEOUT_MS = 15_000;

function validateOperationReference(body: Record<string, unknown>, violations: string[]): void {
  const reference = optionalInteger(body, 'operationReference');
  if (reference !== undefined && reference < 1) violations.push(`The value for operationReference is '${reference}' but must be > 0`);
}

export function registerProcessInstances(router: Router, { engine, search, waiters }: RestContext): void {
  router.post('/v2/process-instances', async (ctx) => {
    const body = object(jsonBody(ctx, true));
    const processDefinitionId = optionalString(body, 'processDefinitionId');
    const processDefinitionKey = optionalKey(body, 'processDefinitionKey');
    const version = optionalInteger(body, 'processDefinitionVersion') ?? -1;
    const variables = optionalVariables(body);
    const tenantId = optionalString(body, 'tenantId');
    const awaitCompletion = optionalBoolean(body, 'awaitCompletion') ?? false;
    const fetchVariables = optionalStringArray(body, 'fetchVariables');
    const requestTimeout = optionalInteger(body, 'requestTimeout') ?? 0;
    const startInstructions = body.startInstructions;
    const violations: string[] = [];
    if (processDefinitionId === undefined && processDefinitionKey === undefined) {
      violations.push('At least one of [processDefinitionId, processDefinitionKey] is required');
    }
    if (processDefinitionId !== undefined && processDefinitionKey !== undefined) {
      violations.push('Only one of [processDefinitionId, processDefinitionKey] is allowed');
    }
    validateOperationReference(body, violations);
    if (Array.isArray(body.tags) && body.tags.length) violations.push('The embedded engine does not support process instance tags');
    if (Array.isArray(body.runtimeInstructions) && body.runtimeInstructions.length) {
      violations.push('The embedded engine does not support runtime instructions');
    }
    if (violations.length) throw invalidArgument(violations);
    let startElementIds: string[] | undefined;
    if (startInstructions !== undefined && startInstructions !== null) {
      if (!Array.isArray(startInstructions)) throw unreadable('startInstructions');
      startElementIds = startInstructions.map((s, i) => {
        const id = object(s, `startInstructions[${i}]`).elementId;
        if (typeof id !== 'string') throw unreadable(`startInstructions[${i}].elementId`);
        return id;
      });
    }
    const intent = awaitCompletion ? 'CREATE_WITH_AWAITING_RESULT' : 'CREATE';
    const created = command(intent, () => engine.createProcessInstance({
      processDefinitionKey, bpmnProcessId: processDefinitionId, version: version > 0 ? version : -1, variables, tenantId, startElementIds,
    }));
    const resultVariables = awaitCompletion
      ? await commandAsync(intent, () => waiters.waitForCompletion(
        created.processInstanceKey, requestTimeout > 0 ? requestTimeout : DEFAULT_AWAIT_TIMEOUT_MS, fetchVariables))
      : {};
    return {
      json: {
        processDefinitionId: created.bpmnProcessId,
        processDefinitionVersion: created.version,
        tenantId: normalizeTenant(created.tenantId),
        variables: resultVariables,
        processDefinitionKey: String(created.processDefinitionKey),
        processInstanceKey: String(created.processInstanceKey),
      },
    };
  });

  router.post('/v2/process-instances/:processInstanceKey/cancellation', (ctx) => {
    const key = pathKey(ctx.params, 'processInstanceKey');
    const body = object(jsonBody(ctx, false));
    const violations: string[] = [];
    validateOperationReference(body, violations);
    if (violations.length) throw invalidArgument(violations);
    command('CANCEL', () => engine.cancelProcessInstance(key));
    return noContent;
  });

  router.post('/v2/process-instances/search', (ctx) => {
    const query = parseSearch(jsonBody(ctx, false), PROCESS_INSTANCE, {
      allowOr: true,
      unsupported: ['batchOperationId', 'hasRetriesLeft', 'incidentErrorHashCode', 'tags'],
    });
    const { rows, total } = search.processInstances(query);
    return { json: { items: rows.map(processInstanceResult), page: pageResponse(query, total, rows.length) } };
  });

  router.get('/v2/process-instances/:processInstanceKey', (ctx) => {
    const key = pathKey(ctx.params, 'processInstanceKey');
    const row = search.processInstance(key);
    if (!row) throw notFound(`Process Instance with key '${key}' not found`);
    return { json: processInstanceResult(row) };
  });
}
