// Queries built once per connection. Drizzle builds a query's SQL text anew every time it runs
// (walking the query's tree: some 50 µs), which for the reads made on every API call or job (the
// simulated time, the session and its member of staff) adds up to seconds over a replay; a query
// prepared with placeholders is built once and then only bound and run.
import type { Conn } from './db.js';

const byConnection = new WeakMap<Conn, Map<(conn: Conn) => unknown, unknown>>();

/**
 * The query `build` makes on `conn`, built the first time it is asked for on that connection
 * (`build` is the key: pass a function defined once, at module level). A transaction is a
 * connection of its own here, so a query is never run on a connection it was not built for.
 */
export function preparedOn<T>(conn: Conn, build: (conn: Conn) => T): T {
  let queries = byConnection.get(conn);
  if (queries === undefined) {
    queries = new Map();
    byConnection.set(conn, queries);
  }
  let query = queries.get(build) as T | undefined;
  if (query === undefined) {
    query = build(conn);
    queries.set(build, query);
  }
  return query;
}
