import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { reportKeys } from "../modules/reports/report-export.js";
import { exportFormats } from "../shared/documents/render.js";
import { seriesInput } from "../shared/periods.js";
import { tenantHeaders } from "./router.js";

// The export downloads are plain Fastify routes (the body is a file, not JSON):
// apps/server/src/routes/download.ts, calling `reports.exportFile`. Documented by hand here.

const file = (type: string) => ({ [type]: { schema: { type: "string" as const, format: "binary" } } });

export const DOWNLOAD_PATHS: ZodOpenApiPathsObject = {
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
