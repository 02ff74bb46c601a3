// Deploying resources with Zeebe's versioning: an identical resource returns the deployed
// version; a changed one becomes version n+1. Every problem of every resource is listed in
// one INVALID_ARGUMENT rejection.

import { createHash } from 'node:crypto';
import { checkFeelSyntax } from '../feel/index.js';
import { parseBpmn } from '../model/index.js';
import type { ProcessModel } from '../model/types.js';
import type { Tx } from './context.js';
import { IncidentSignal, invalidArgument } from './errors.js';
import { scheduleTimer, storeTimer } from './timers.js';

export interface Resource {
  name: string;
  content: Buffer | string;
}

export interface DeployedProcess {
  bpmnProcessId: string;
  version: number;
  processDefinitionKey: number;
  resourceName: string;
  tenantId: string;
  versionTag?: string;
}

export interface ParsedResource {
  name: string;
  xml: string;
  checksum: string;
  processes: ProcessModel[];
}

/** Parses and validates every resource, outside any transaction (parsing is async). */
export async function parseResources(resources: Resource[]): Promise<ParsedResource[]> {
  if (resources.length === 0) throw invalidArgument('Expected to deploy at least one resource, but none given');
  const problems: string[] = [];
  const parsed: ParsedResource[] = [];
  for (const resource of resources) {
    const xml = typeof resource.content === 'string' ? resource.content : resource.content.toString('utf8');
    if (!/\.(bpmn|xml)$/i.test(resource.name)) {
      problems.push(`'${resource.name}': the embedded engine deploys BPMN resources (.bpmn) only`);
      continue;
    }
    const result = await parseBpmn(xml, { checkExpression: checkFeelSyntax });
    if (!result.ok) {
      const lines = result.problems.map((p) => (p.elementId ? `- Element: ${p.elementId}\n    - ERROR: ${p.message}` : `- ERROR: ${p.message}`));
      problems.push(`'${resource.name}':\n${lines.join('\n')}`);
      continue;
    }
    const checksum = createHash('md5').update(xml).digest('hex');
    parsed.push({ name: resource.name, xml, checksum, processes: result.processes });
  }
  const ids = new Map<string, string>();
  for (const resource of parsed) {
    for (const process of resource.processes) {
      const other = ids.get(process.bpmnProcessId);
      if (other) problems.push(`Duplicated process id in resources '${other}' and '${resource.name}': '${process.bpmnProcessId}'`);
      ids.set(process.bpmnProcessId, resource.name);
    }
  }
  if (problems.length) {
    throw invalidArgument(`Expected to deploy new resources, but encountered the following errors:\n${problems.join('\n')}`);
  }
  return parsed;
}

/** A new version's timer start events are scheduled (evaluated now, without variables); the previous version's are cancelled. */
function scheduleStartTimers(tx: Tx, definitionKey: number, model: ProcessModel, tenantId: string, previousKey: number | undefined): void {
  if (previousKey !== undefined) for (const timer of tx.store.startTimersOfDefinition(previousKey)) tx.store.deleteTimer(timer.key);
  for (const element of model.elements.values()) {
    const definition = element.eventDefinition;
    if (element.type !== 'startEvent' || element.flowScopeId !== model.bpmnProcessId || definition?.kind !== 'timer') continue;
    let schedule;
    try {
      schedule = scheduleTimer(tx, definition, {});
    } catch (error) {
      if (!(error instanceof IncidentSignal)) throw error;
      throw invalidArgument(`Expected to deploy new resources, but encountered the following errors:\n- Element: ${element.id}\n    - ERROR: ${error.message}`);
    }
    storeTimer(tx, schedule, { elementInstanceKey: null, processInstanceKey: null, definitionKey, targetElementId: element.id, tenantId });
  }
}

export function storeDeployment(tx: Tx, parsed: ParsedResource[], tenantId: string, remember: (key: number, model: ProcessModel) => void) {
  const deploymentKey = tx.nextKey();
  tx.store.insertDeployment(deploymentKey, tenantId, tx.now);
  const processes: DeployedProcess[] = [];
  for (const resource of parsed) {
    for (const model of resource.processes) {
      const latest = tx.store.latestDefinition(tenantId, model.bpmnProcessId);
      if (latest && latest.checksum === resource.checksum && latest.resource_name === resource.name) {
        processes.push({
          bpmnProcessId: latest.bpmn_process_id, version: latest.version, processDefinitionKey: latest.key,
          resourceName: latest.resource_name, tenantId, versionTag: latest.version_tag ?? undefined,
        });
        continue;
      }
      const key = tx.nextKey();
      const version = (latest?.version ?? 0) + 1;
      tx.store.insertDefinition({
        key, bpmn_process_id: model.bpmnProcessId, version, version_tag: model.versionTag ?? null, name: model.name ?? null,
        resource_name: resource.name, checksum: resource.checksum, xml: resource.xml, deployment_key: deploymentKey, tenant_id: tenantId,
      });
      remember(key, model);
      scheduleStartTimers(tx, key, model, tenantId, latest?.key);
      processes.push({ bpmnProcessId: model.bpmnProcessId, version, processDefinitionKey: key, resourceName: resource.name, tenantId, versionTag: model.versionTag });
    }
  }
  return { deploymentKey, processes };
}
