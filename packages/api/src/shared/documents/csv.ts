import { stringify } from "csv-stringify/sync";
import { cellCsv } from "./format.js";
import type { ReportDocument } from "./model.js";

// CSV for spreadsheets: UTF-8 with a BOM (so Excel reads the accents), `;` by default (Excel in a
// Spanish locale splits on it; `,` on request), CRLF line ends. Each table follows the other —
// its title on a line of its own, its header, rows and totals, then an empty line — and values
// are the API's own (decimal strings for money, YYYY-MM-DD days).

export type CsvDelimiter = ";" | ",";

export function renderCsv(doc: ReportDocument, delimiter: CsvDelimiter = ";"): Buffer {
  const records: string[][] = [];
  for (const fact of doc.facts ?? []) records.push([fact.label, cellCsv(fact.value, fact.type)]);
  if (records.length) records.push([]);
  for (const t of doc.tables) {
    records.push([t.title]);
    records.push(t.columns.map((c) => c.header));
    for (const row of [...t.rows, ...(t.totals ? [t.totals] : [])]) {
      records.push(t.columns.map((c) => cellCsv(row[c.key] ?? null, c.type)));
    }
    records.push([]);
  }
  const text = stringify(records, { bom: true, delimiter, record_delimiter: "windows" });
  return Buffer.from(text, "utf8");
}
