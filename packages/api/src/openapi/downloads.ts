import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { reportKeys } from "../modules/reports/report-export.js";
import { exportFormats } from "../shared/documents/render.js";
import { idInput } from "../shared/fields.js";
import { seriesInput } from "../shared/periods.js";
import { tenantHeaders } from "./router.js";

// The export downloads are plain Fastify routes (the body is a file, not JSON):
// apps/server/src/routes/download.ts, calling `reports.exportFile`. Documented by hand here.

const file = (type: string) => ({ [type]: { schema: { type: "string" as const, format: "binary" } } });

const printable = (what: "Order" | "Contract", tag: string, summary: string, description: string) => ({
  get: {
    operationId: `${tag}-pdf`,
    tags: [tag],
    summary,
    description,
    security: [{ Authorization: [] }],
    requestParams: { header: tenantHeaders, path: idInput(what) },
    responses: { "200": { description: "The PDF", content: file("application/pdf") } },
  },
});

export const DOWNLOAD_PATHS: ZodOpenApiPathsObject = {
  "/orders/{id}/pdf": printable(
    "Order",
    "orders",
    "Print an order",
    "The order as a PDF for the client, with the studio's name, RUC, address and logo: a draft is a quote (`Proforma`), any later status a sale note (`Nota de venta`; a cancelled one says `anulada`). The client (name, DNI/RUC, phone, address), every line (a frame line with its art and outer sizes, mat, moulding and sheets by name), the discount, the tax, the total, the payments and the balance. Costs are never printed. `Content-Disposition` names the file `proforma_<number>_<studio>.pdf` or `nota-de-venta_<number>_<studio>.pdf`. Needs orders:read.",
  ),
  "/contracts/{id}/pdf": printable(
    "Contract",
    "contracts",
    "Print a contract",
    "The school contract as a PDF, with the studio's branding: the school (name, RUC, address, contact), type, status, validity, photo, make-up and order-deadline days, delivery, the school's commission, the packages with what each holds and its price, the value, what was paid and the balance, every payment, and the clauses. `Content-Disposition` names the file `contrato_<id>_<studio>.pdf`. Needs contracts:read.",
  ),
  "/reports/export/{format}": {
    get: {
      operationId: "reports-exportFile",
      tags: ["reports"],
      summary: "Export a report",
      description:
        "The report as a file, with the studio's name, RUC and logo, the period and when it was made (the studio's clock): `pdf` with tables (totals, header repeated on every page) and vector charts, `excel` (.xlsx: a summary sheet and one sheet per table, typed cells: money with the currency format, dates as dates, a frozen header), or `csv` (UTF-8 with BOM, `;` by default or `,` with `delimiter`). `Content-Disposition` names the file `<report>_<from>_<to>_<studio>.<ext>`. Needs reports:read. A report without an export yet answers 404.",
      security: [{ Authorization: [] }],
      requestParams: {
        header: tenantHeaders,
        path: z.object({ format: z.enum(exportFormats).describe("pdf, excel or csv") }),
        query: z.object({
          report: z.enum(reportKeys).describe("Which report"),
          ...seriesInput.shape,
          delimiter: z.enum([";", ","]).optional().describe("CSV only: `;` (default) or `,`"),
        }),
      },
      responses: {
        "200": {
          description: "The file",
          content: {
            ...file("application/pdf"),
            ...file("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            ...file("text/csv"),
          },
        },
      },
    },
  },
};
