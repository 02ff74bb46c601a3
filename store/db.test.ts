import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER, openStore } from './db.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('opening the store', () => {
  it('migrates a fresh in-memory database to the schema', () => {
    // given / when
    const store = openStore(':memory:');

    // then
    const tables = store.sqlite
      .prepare("select name from sqlite_master where type = 'table' and name not like '\\_\\_%' escape '\\' and name not like 'sqlite%' order by name")
      .all()
      .map((r) => (r as { name: string }).name);
    expect(tables.filter((name) => !name.startsWith('request_text_index_'))).toEqual([
      'accounts', 'attachments', 'audit_log', 'backstop_cases', 'backstop_reviews', 'case_events', 'claimants', 'claims', 'department_reports',
      'discipline_referrals', 'duties', 'extensions', 'follow_ups', 'idempotent_responses', 'interviews', 'ledger_entries', 'ledger_movements',
      'notifications', 'open311_keys', 'open311_requests', 'open_claims', 'org_units', 'processed_steps', 'ranking_snapshots', 'rehandlings',
      'request_access', 'request_citizens', 'request_numbers', 'request_proxies', 'request_returns', 'request_text_index', 'requests', 'sessions', 'sign_offs',
      'signing_codes', 'simulated_clock', 'spot_check_photos', 'spot_checks', 'staff', 'staff_roles', 'staged_measures', 'unit_reports', 'urgings', 'whistles',
    ]);
    expect(store.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    store.close();
  });

  it('opens a file in WAL mode and reopens it without migrating again', () => {
    // given
    const dir = mkdtempSync(join(tmpdir(), 'suqiu-store-'));
    dirs.push(dir);
    const path = join(dir, 'nested', 'suqiu.db');
    openStore(path).close();

    // when
    const reopened = openStore(path);

    // then
    expect(reopened.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    const migrations = reopened.sqlite.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number };
    const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
    expect(migrations.n).toBe(journal.entries.length);
    reopened.close();
  });
});
