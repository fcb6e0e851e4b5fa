/**
 * The results record as CSV for spreadsheets: RFC 4180 (every field quoted, quotes doubled, CRLF between
 * records; line breaks inside a note stay inside its quoted field), one row per contribution (a relation's
 * text is its sentence "from → to: label").
 *
 * - The text starts with a UTF-8 byte order mark (U+FEFF): without it Excel reads the file as the
 *   system code page and shows umlauts and ß as mojibake. Other readers skip the BOM.
 * - Formula injection: a cell starting with `=`, `+`, `-`, `@`, tab or carriage return is prefixed with `'`,
 *   so a spreadsheet shows it as text instead of running it (OWASP's advice; a note "- Punkt" shows as "'- Punkt").
 * - Headers, type, colour and area are in the record's language; times are ISO 8601 in UTC, votes plain integers.
 * - The delimiter is `,` (RFC 4180). German Excel expects `;` when a file is opened by double-click, so
 *   callers serving German spreadsheet users may pass `{ delimiter: ';' }`.
 */
import { RESULTS_TEXT } from './results-labels.js'
import type { ResultsRecord } from './results-record.js'

/** The UTF-8 byte order mark the CSV starts with. */
export const CSV_BOM = '\uFEFF'

/** Options of {@link resultsToCsv}. */
export interface CsvOptions {
  delimiter?: ',' | ';'
}

/** First characters that make a spreadsheet treat a cell as a formula (or strip them and then do). */
const FORMULA_STARTS: ReadonlySet<string> = new Set(['=', '+', '-', '@', '\t', '\r'])

/** One quoted CSV field: formula starts neutralised with `'`, quotes doubled. */
export function csvField(value: string | number): string {
  let text = String(value)
  if (FORMULA_STARTS.has(text.charAt(0))) text = `'${text}`
  return `"${text.replace(/"/g, '""')}"`
}

/** The results record as CSV text: BOM, header row, one row per contribution, CRLF line ends (also after the last row). */
export function resultsToCsv(model: ResultsRecord, options: CsvOptions = {}): string {
  const delimiter = options.delimiter ?? ','
  const words = RESULTS_TEXT[model.locale]
  const rows: Array<ReadonlyArray<string | number>> = [words.csvHeader]
  for (const group of model.groups) {
    for (const item of group.items) {
      rows.push([
        group.title,
        item.order,
        words[item.type],
        item.text,
        item.colorLabel,
        item.area ?? '',
        item.author ?? '',
        item.at === null ? '' : new Date(item.at).toISOString(),
        item.votes,
      ])
    }
  }
  return CSV_BOM + rows.map((row) => row.map(csvField).join(delimiter) + '\r\n').join('')
}
