// State written by an older engine goes on under this one: rows stored before schema 3 have no
// count of active children, and their scopes must still complete when their last child ends.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../runtime/engine.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const ONE_TASK = readFileSync(new URL('../../bench/engine-throughput/one-task.bpmn', import.meta.url), 'utf8');

describe('engine state written before the count of active children', () => {
  it('completes an instance started under schema 2 once its job is completed under schema 3', async () => {
    // given an instance waiting at its service task, stored as schema 2 stored it
    const dataDir = mkdtempSync(join(tmpdir(), 'suqiu-engine-upgrade-'));
    dirs.push(dataDir);
    const before = await Engine.open(dataDir);
    await before.deploy([{ name: 'one-task.bpmn', content: ONE_TASK }]);
    const { processInstanceKey } = before.createProcessInstance({ bpmnProcessId: 'bench-one-task', variables: {} });
    before.store.db.exec("ALTER TABLE element_instances DROP COLUMN active_children; UPDATE meta SET value = '2' WHERE name = 'schema_version'");
    before.close();

    // when the upgraded engine completes the job
    const after = await Engine.open(dataDir);
    const [job] = after.activateJobs({ type: 'bench-one', worker: 'test', timeout: 60_000, maxJobsToActivate: 1, fetchVariable: [], tenantIds: [] });
    after.completeJob(job!.key, {});

    // then the instance completed, its old rows counted by a query
    const { instance, elements } = after.inspect(Number(processInstanceKey));
    expect(instance?.state).toBe('COMPLETED');
    expect(elements.map((e) => [e.element_id, e.state])).toEqual([
      ['bench-one-task', 'COMPLETED'], ['start', 'COMPLETED'], ['task', 'COMPLETED'], ['end', 'COMPLETED'],
    ]);
    expect(after.store.db.prepare('SELECT key, active_children FROM element_instances WHERE element_id = ?').get('bench-one-task'))
      .toEqual({ key: Number(processInstanceKey), active_children: null });
    after.close();
  });
});
