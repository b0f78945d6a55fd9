import { z } from "zod";
import { exportFormats } from "../../../shared/documents/render.js";
import { withSeries } from "../../../shared/periods.js";
import { reportKeys } from "../report-export.js";

export const exportInput = withSeries({
  report: z.enum(reportKeys).describe("Which report: financial, inventory, production, clients or contracts"),
  format: z.enum(exportFormats).describe("pdf (with charts), excel (.xlsx, typed cells) or csv"),
  delimiter: z
    .enum([";", ","])
    .default(";")
    .describe("CSV only: `;` (the default; Excel in Spanish splits on it) or `,`"),
});
export type ExportInput = z.infer<typeof exportInput>;
