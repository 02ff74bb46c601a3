// Opening the business store: a SQLite file (or ':memory:'), migrated to the current schema.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type { RunResult } from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import * as schema from './schema.js';

export type Schema = typeof schema;
export type Db = BetterSQLite3Database<Schema>;
/** A database or a transaction on it: every repository function takes one. */
export type Conn = BaseSQLiteDatabase<'sync', RunResult, Schema>;

export interface Store {
  db: Db;
  sqlite: Database.Database;
  close(): void;
}

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));

/** how many distinct SQL texts keep their prepared statement (the repositories have a few hundred) */
const STATEMENT_CACHE_SIZE = 2_000;

/**
 * Drizzle prepares every query it runs anew (`sqlite.prepare(sql)`, about 0.1 ms each, some ten per
 * API call or job): keep the statement of each SQL text and hand it out again. Drizzle runs a
 * statement to completion before the next call (never an open iterator), so one statement per text
 * serves every caller; one still busy (iterating) gets a fresh statement. Drizzle switches a
 * statement to raw rows for some reads, so a reused reader is switched back first.
 */
function reusePreparedStatements(sqlite: Database.Database): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, Database.Statement>();
  sqlite.prepare = ((source: string) => {
    const cached = cache.get(source);
    if (cached !== undefined && !cached.busy) {
      if (cached.reader) cached.raw(false);
      return cached;
    }
    const statement = prepare(source);
    if (cached === undefined) {
      // the oldest text goes first: ad hoc SQL (inlined values) cannot grow the cache without end
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      cache.set(source, statement);
    }
    return statement;
  }) as typeof sqlite.prepare;
}

/**
 * Opens (creating if needed) the store at `path` and applies pending migrations.
 * Files use WAL (readers do not block the writer); foreign keys are enforced.
 */
export function openStore(path = ':memory:'): Store {
  if (path !== ':memory:' && !path.startsWith('file:')) mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  if (path !== ':memory:') sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  reusePreparedStatements(sqlite);
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  return { db, sqlite, close: () => sqlite.close() };
}
