// What an export or a printable document is made of, independent of its format: the reports and
// the printable order/contract build one `ReportDocument`, and the PDF, Excel and CSV renderers
// (pdf.ts, excel.ts, csv.ts) each turn it into a file. Values stay typed to the end: money as
// integer cents, counts as integers, percents as numbers, days as YYYY-MM-DD, so the workbook gets
// number, currency and date cells and the CSV the API's own decimal strings.

/** How a column's values are typed and shown. */
export type ColumnType =
  | "text"
  /** Integer cents: "1250.00" in CSV, a currency-formatted number in Excel and the PDF. */
  | "money"
  /** An integer count. */
  | "integer"
  /** Thousandths of a unit (quantities, DECIMAL(12,3)): "2.500". */
  | "quantity"
  /** A number with two decimals (12.34 → "12.34 %"); null shows empty. */
  | "percent"
  /** A calendar day, YYYY-MM-DD, in the studio's calendar. */
  | "date";

export interface DocumentColumn {
  key: string;
  /** The header, in the studio's language (Spanish for the demo studios). */
  header: string;
  type: ColumnType;
  /** Relative width hint for PDF and Excel (characters); the renderers pick a default. */
  width?: number;
}

export type CellValue = string | number | null;
export type DocumentRow = Record<string, CellValue>;

/** A table: one Excel sheet, one PDF table, one CSV block. */
export interface DocumentTable {
  /** Short and unique within the document: the sheet's name (≤ 31 characters in Excel). */
  title: string;
  columns: DocumentColumn[];
  rows: DocumentRow[];
  /** A totals row under the table (same keys as the rows; text in the first column). */
  totals?: DocumentRow;
}

/** A chart drawn as vectors in the PDF (Vega-Lite, rendered to SVG on the server). */
export interface DocumentChart {
  kind: "bar" | "pie" | "line";
  title: string;
  /** Axis titles (bar and line). */
  xTitle?: string;
  yTitle?: string;
  points: { label: string; value: number }[];
}

/** Label/value pairs shown above the tables (headline figures, the client, the order's number). */
export interface DocumentFact {
  label: string;
  value: CellValue;
  type: ColumnType;
}

/** The studio's branding, from the business settings. */
export interface DocumentStudio {
  slug: string;
  name: string;
  taxId: string | null;
  address?: string | null;
  phone?: string | null;
  email?: string | null;
  /** The logo's bytes (PNG or JPEG) when the studio has one. */
  logo?: Buffer | null;
  currency: string;
  timeZone: string;
}

export interface ReportDocument {
  /** `Reporte financiero`, `Nota de venta`… */
  title: string;
  /** Subtitle under the title: the period shown as text, the order number… */
  subtitle?: string;
  studio: DocumentStudio;
  /** The period the figures cover, when it is a report. */
  period?: { from: string; to: string };
  /** When the file was made (shown in the studio's time zone). */
  generatedAt: Date;
  facts?: DocumentFact[];
  tables: DocumentTable[];
  charts?: DocumentChart[];
  /** Free text at the end (terms, notes). */
  notes?: string[];
}

/** A rendered file, ready to be sent. */
export interface RenderedFile {
  fileName: string;
  contentType: string;
  body: Buffer;
}

/** Types a table literal in place (an array of differently-keyed literals would not infer as rows). */
export const table = (t: DocumentTable): DocumentTable => t;
