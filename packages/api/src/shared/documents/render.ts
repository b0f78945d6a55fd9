import { type CsvDelimiter, renderCsv } from "./csv.js";
import { renderExcel } from "./excel.js";
import type { RenderedFile, ReportDocument } from "./model.js";
import { renderPdf } from "./pdf.js";

export const exportFormats = ["pdf", "excel", "csv"] as const;
export type ExportFormat = (typeof exportFormats)[number];

const TYPES: Record<ExportFormat, { type: string; extension: string }> = {
  pdf: { type: "application/pdf", extension: "pdf" },
  excel: { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", extension: "xlsx" },
  csv: { type: "text/csv; charset=utf-8", extension: "csv" },
};

/** The document in a format, named `<stem>.<extension>`. */
export async function renderDocument(
  doc: ReportDocument,
  format: ExportFormat,
  stem: string,
  opts: { delimiter?: CsvDelimiter } = {},
): Promise<RenderedFile> {
  const { type, extension } = TYPES[format];
  const body =
    format === "pdf"
      ? await renderPdf(doc)
      : format === "excel"
        ? await renderExcel(doc)
        : renderCsv(doc, opts.delimiter);
  return { fileName: `${stem}.${extension}`, contentType: type, body };
}
