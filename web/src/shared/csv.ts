// A chart's table as a CSV file the person downloads, written cell by cell exactly as the API's
// own exports are (api/csv-cells.ts: the BOM for Excel, quoting, the formula guard).
import { CSV_BOM, csvLine, type CsvValue } from '../../../api/csv-cells.js';

export type Cell = CsvValue;

export function csvText(header: string[], rows: Cell[][]): string {
  return CSV_BOM + [header, ...rows].map(csvLine).join('');
}

export function downloadCsv(fileName: string, header: string[], rows: Cell[][]): void {
  const blob = new Blob([csvText(header, rows)], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
