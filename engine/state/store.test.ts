import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from './schema.js';
import { Store } from './store.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const task = (key: number, state: string, groups: string[], due: string | null) => ({
  key, element_instance_key: key + 1, process_instance_key: 1, definition_key: 1, bpmn_process_id: 'p', element_id: 'u', tenant_id: '<default>',
  state, assignee: null, candidate_groups: JSON.stringify(groups), candidate_users: '[]', due_date: due, follow_up_date: null, form_key: null,
  priority: 50, creation_time: 0,
});

describe('the user-task index of the engine state', () => {
  it('keeps the groups of open tasks and the due date in ms, and builds both for state written by schema 1', () => {
    // given: two tasks, then the state as schema 1 left it (no index rows, no due_ms)
    const dataDir = mkdtempSync(join(tmpdir(), 'suqiu-engine-state-'));
    dirs.push(dataDir);
    const store = new Store({ dataDir });
    store.insertUserTask(task(10, 'CREATED', ['village:a', 'village:a:leader-in-charge'], '2030-01-01T09:00:00+08:00'));
    store.insertUserTask(task(20, 'CREATED', ['village:b'], null));
    store.endUserTask(20, 'COMPLETED', 5);
    const indexed = store.db.prepare('SELECT value, user_task_key FROM open_user_task_groups ORDER BY value').all();
    store.db.exec("DELETE FROM open_user_task_groups; UPDATE user_tasks SET due_ms = NULL; UPDATE meta SET value = '1' WHERE name = 'schema_version'");
    store.db.close();

    // when
    const reopened = new Store({ dataDir });

    // then
    expect(indexed).toEqual([{ value: 'village:a', user_task_key: 10 }, { value: 'village:a:leader-in-charge', user_task_key: 10 }]);
    expect(reopened.db.prepare('SELECT value, user_task_key FROM open_user_task_groups ORDER BY value').all()).toEqual(indexed);
    expect(reopened.db.prepare('SELECT key, due_ms FROM user_tasks ORDER BY key').all()).toEqual([
      { key: 10, due_ms: Date.parse('2030-01-01T01:00:00Z') },
      { key: 20, due_ms: null },
    ]);
    expect(reopened.db.prepare("SELECT value FROM meta WHERE name = 'schema_version'").get()).toEqual({ value: String(SCHEMA_VERSION) });
    reopened.db.close();
  });
});
