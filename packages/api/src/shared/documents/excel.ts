import { PassThrough } from "node:stream";
import type ExcelJS from "exceljs";
import type { ColumnType, DocumentTable, ReportDocument } from "./model.js";

// A workbook from a document: a "Resumen" sheet (studio, period, headline facts), then one sheet
// per table with typed cells — money as numbers in the currency's format, counts as integers,
// percents as numbers, days as dates — a frozen header row, widths and a bold totals row.
// exceljs's streaming writer commits each row as it goes, so a long table does not sit in memory
// as a workbook model; the bytes are collected from the stream.

/** Excel number formats by column type; money gets the currency code as its symbol. */
function numFmt(type: ColumnType, currency: string): string | undefined {
  switch (type) {
    case "money":
      return `#,##0.00 [$${currency}];[Red]-#,##0.00 [$${currency}]`;
    case "integer":
      return "0";
    case "quantity":
      return "#,##0.000";
    case "percent":
      return '0.00" %"';
    case "date":
      return "dd/mm/yyyy";
    default:
      return undefined;
  }
}

/** A cell's value as Excel stores it: money in units, thousandths in units, days as UTC dates. */
function cellValue(value: string | number | null | undefined, type: ColumnType): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") {
    // Excel has no time zones: a studio day is written as that date at UTC midnight.
    return type === "date" ? new Date(`${value}T00:00:00.000Z`) : value;
  }
  if (type === "money") return value / 100;
  if (type === "quantity") return value / 1000;
  return value;
}

/** Sheet names: ≤ 31 characters, none of : \ / ? * [ ], unique. */
function sheetName(title: string, used: Set<string>): string {
  const base =
    title
      .replace(/[:\\/?*[\]]/g, " ")
      .slice(0, 31)
      .trim() || "Hoja";
  let name = base;
  for (let i = 2; used.has(name.toLowerCase()); i++) name = `${base.slice(0, 28)} ${i}`;
  used.add(name.toLowerCase());
  return name;
}

function writeTable(book: ExcelJS.stream.xlsx.WorkbookWriter, t: DocumentTable, currency: string, used: Set<string>) {
  const sheet = book.addWorksheet(sheetName(t.title, used), { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = t.columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width ?? Math.max(12, c.header.length + 2),
    style: { numFmt: numFmt(c.type, currency) } as Partial<ExcelJS.Style>,
  }));
  sheet.getRow(1).font = { bold: true };
  const values = (row: Record<string, string | number | null>) =>
    Object.fromEntries(t.columns.map((c) => [c.key, cellValue(row[c.key], c.type)]));
  for (const row of t.rows) sheet.addRow(values(row)).commit();
  if (t.totals) {
    const totals = sheet.addRow(values(t.totals));
    totals.font = { bold: true };
    totals.commit();
  }
  sheet.commit();
}

/** The document as .xlsx bytes. */
export async function renderExcel(doc: ReportDocument): Promise<Buffer> {
  // Imported on the first export, not at boot: exceljs and its dependencies took ~0.7 s to load
  // (README "Fast serving path"), on every node, for a file few requests ask for.
  const { default: Excel } = await import("exceljs");
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (chunk: Buffer) => chunks.push(chunk));
  const book = new Excel.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  book.creator = "FotoStudio Cloud";
  book.created = doc.generatedAt;
  const used = new Set<string>();
  const summary = book.addWorksheet(sheetName("Resumen", used));
  summary.columns = [
    { key: "label", width: 34 },
    { key: "value", width: 22 },
  ];
  const line = (label: string, value: ExcelJS.CellValue, fmt?: string, bold = false) => {
    const row = summary.addRow({ label, value });
    if (fmt) row.getCell(2).numFmt = fmt;
    if (bold) row.font = { bold: true };
    row.commit();
  };
  line(doc.title, null, undefined, true);
  line(doc.studio.name, doc.studio.taxId ? `RUC ${doc.studio.taxId}` : null);
  if (doc.period) {
    line("Desde", cellValue(doc.period.from, "date"), "dd/mm/yyyy");
    line("Hasta", cellValue(doc.period.to, "date"), "dd/mm/yyyy");
  }
  for (const fact of doc.facts ?? [])
    line(fact.label, cellValue(fact.value, fact.type), numFmt(fact.type, doc.studio.currency));
  summary.commit();
  for (const t of doc.tables) writeTable(book, t, doc.studio.currency, used);
  const done = new Promise<void>((resolve, reject) => {
    out.on("end", resolve);
    out.on("error", reject);
  });
  await book.commit();
  await done;
  return Buffer.concat(chunks);
}
