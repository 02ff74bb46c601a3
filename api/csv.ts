// CSV exports that Excel opens as they are: UTF-8 with a byte-order mark (without it Excel reads
// Chinese as mojibake), CRLF line ends and RFC 4180 quoting. A text cell that a spreadsheet would
// run as a formula (it starts with = + - @, a tab or a carriage return) is prefixed with an
// apostrophe, so an exported request text like `=HYPERLINK(...)` shows as text instead of acting
// (CSV injection, OWASP). Numbers go out as numbers; callers turn booleans and dates into words.
import { Readable } from 'node:stream';
import { CSV_BOM, csvLine, type CsvValue } from './csv-cells.js';

export { CSV_BOM, csvCell, csvLine, type CsvValue } from './csv-cells.js';

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';

/**
 * The whole file as a stream: the BOM and the header, then the rows as they are pulled, a batch
 * of lines per chunk, so a big export is never held in memory at once.
 */
export function csvStream(header: readonly string[], rows: Iterable<readonly CsvValue[]> | AsyncIterable<readonly CsvValue[]>, linesPerChunk = 200): Readable {
  async function* chunks(): AsyncGenerator<string> {
    yield CSV_BOM + csvLine(header);
    let batch = '';
    let n = 0;
    for await (const row of rows as AsyncIterable<readonly CsvValue[]>) {
      batch += csvLine(row);
      if (++n % linesPerChunk === 0) {
        yield batch;
        batch = '';
      }
    }
    if (batch !== '') yield batch;
  }
  return Readable.from(chunks(), { objectMode: false });
}

/**
 * `attachment` with an ASCII file name for clients that read only the plain parameter, and the
 * Chinese one as `filename*=UTF-8''…` (RFC 6266 / 5987) for the browsers and Excel that read it.
 */
export function csvDisposition(asciiName: string, utf8Name: string): string {
  const ascii = asciiName.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  const encoded = encodeURIComponent(utf8Name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
