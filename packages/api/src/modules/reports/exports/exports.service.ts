import { AppError } from "../../../errors.js";
import { studioFile } from "../../../shared/documents/file.js";
import type { RenderedFile } from "../../../shared/documents/model.js";
import type { AuthedContext } from "../../../trpc.js";
import type { ExportInput } from "./exports.schema.js";
import { REPORT_EXPORTS } from "./registry.js";

/**
 * A report as a file: the report's own numbers (its export builds them with the same service as
 * its JSON endpoint), with the studio's branding, in the format asked. The file name says which
 * report, which days and which studio: `reporte-financiero_2026-11-01_2026-11-30_demo.pdf`. Only
 * the caller's studio database is read, so another studio's export cannot be made.
 */
export async function exportReport(ctx: AuthedContext, input: ExportInput): Promise<RenderedFile> {
  const report = REPORT_EXPORTS[input.report];
  if (!report) throw new AppError("NOT_FOUND", `The ${input.report} report has no export yet`);
  return studioFile(
    ctx,
    input.format,
    async () => {
      const sections = await report.build(ctx, input);
      const days = sections.period ? `_${sections.period.from}_${sections.period.to}` : "";
      return { stem: `${report.fileStem}${days}`, content: sections };
    },
    { delimiter: input.delimiter },
  );
}
