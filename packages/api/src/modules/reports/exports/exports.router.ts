import type { TRPCRouterRecord } from "@trpc/server";
import { asFileOutput, fileOutput } from "../../../shared/documents/file.js";
import { rest } from "../../../shared/rest.js";
import { authedProcedure } from "../../../trpc.js";
import { exportInput } from "./exports.schema.js";
import { exportReport } from "./exports.service.js";

export const exportsReports = {
  /**
   * Over tRPC the file comes base64-encoded; REST serves the bytes at
   * `GET /api/reports/export/{pdf,excel,csv}/` (apps/server/src/routes/download.ts calls this).
   */
  exportFile: authedProcedure
    .meta({
      permission: "reports:read",
      openapi: { ...rest("GET", "/reports/export/{format}", "Export a report"), enabled: false },
    })
    .input(exportInput)
    .output(fileOutput)
    .query(async ({ ctx, input }) => asFileOutput(await exportReport(ctx, input))),
} satisfies TRPCRouterRecord;
