// The full-text index of request texts (`request_text_index`, SQLite FTS5). Chinese has no spaces,
// so each text is stored as its grams (domain/similarity.ts: overlapping character bigrams, whole
// Latin/digit words) separated by spaces, which FTS5's unicode61 tokenizer reads as one token each.
// A query is cut the same way; all of its grams must occur (路灯不亮 → "路灯" "灯不" "不亮").
//
// Rows are written once, when the request is created (createRequest in store/requests.ts, for the
// API's and the workers' requests alike), in the same transaction, under the request's own rowid:
// the search joins the two by rowid (an integer lookup) and walks them newest first in rowid order,
// the order requests were received. Each row also names its request, and every join checks that
// name too, so should `VACUUM` ever renumber the requests a text search misses rows (until
// `rebuildTextIndex`) but never shows a request for another's text.
import { sql } from 'drizzle-orm';
import { runsOf, bigramsOf, textGrams } from '../domain/similarity.js';
import type { Conn } from './db.js';

/** Adds (or replaces) a request's text in the index, under the request's rowid. Called by createRequest. */
export function indexRequestText(conn: Conn, rowid: number, requestId: string, text: string): void {
  conn.run(sql`insert or replace into request_text_index (rowid, request_id, grams) values (${rowid}, ${requestId}, ${textGrams(text).join(' ')})`);
}

/**
 * The FTS5 query that finds texts holding every gram of `text`, or undefined when `text` has no
 * gram (only punctuation). A lone unspaced character (路 in 修 路) matches any bigram it starts.
 * Grams are letters and digits only, so quoting them is enough to keep FTS5's syntax out.
 */
export function matchAll(text: string): string | undefined {
  const terms = runsOf(text).flatMap((run) => {
    if (!run.unspaced) return [`"${run.text}"`];
    const grams = bigramsOf(run.text);
    return grams.length === 1 && [...run.text].length === 1 ? [`"${run.text}"*`] : grams.map((g) => `"${g}"`);
  });
  return terms.length === 0 ? undefined : [...new Set(terms)].join(' ');
}

/**
 * LIKE patterns over a row's grams, padded with a space each side (`' ' || grams || ' '`), that
 * every row `matchAll(text)` finds also passes: one per unspaced (CJK) gram of the query, which
 * FTS5's unicode61 tokenizer keeps as it is (no case, no diacritics to fold), so the pattern asks
 * for that very token. Words of letters and digits get none (unicode61 folds their diacritics,
 * which LIKE would not). A cheap first check for walking a few thousand rows in an index order;
 * the FTS5 match stays the judge.
 */
export function gramPatterns(text: string): string[] {
  const patterns = runsOf(text).flatMap((run) => {
    if (!run.unspaced) return [];
    const grams = bigramsOf(run.text);
    return grams.length === 1 && [...run.text].length === 1 ? [`% ${run.text}%`] : grams.map((g) => `% ${g} %`);
  });
  return [...new Set(patterns)];
}

/**
 * Rebuilds the whole index from `requests` (after restoring a store made before the index existed,
 * or to repair it); idempotent. Cost: one pass over every request.
 */
export function rebuildTextIndex(conn: Conn): number {
  conn.run(sql`delete from request_text_index`);
  const rows = conn.all<{ rowid: number; id: string; text: string }>(sql`select rowid, id, text from requests order by rowid`);
  for (const row of rows) indexRequestText(conn, row.rowid, row.id, row.text);
  return rows.length;
}
