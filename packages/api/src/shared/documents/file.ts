import { z } from "zod";
import type { AuthedContext } from "../../trpc.js";
import { studioBranding } from "./branding.js";
import type { DocumentStudio, RenderedFile, ReportDocument } from "./model.js";
import { type ExportFormat, renderDocument } from "./render.js";

/** A file over tRPC: its bytes in base64 (REST answers the bytes themselves). */
export const fileOutput = z
  .object({
    fileName: z.string().describe("The file's name: what, which days or number, which studio"),
    contentType: z.string(),
    size: z.number().int().describe("Bytes"),
    base64: z.string().describe("The file, base64-encoded"),
  })
  .meta({ id: "ExportedFile" });
export type FileOutput = z.infer<typeof fileOutput>;

export const asFileOutput = (file: RenderedFile): FileOutput => ({
  fileName: file.fileName,
  contentType: file.contentType,
  size: file.body.length,
  base64: file.body.toString("base64"),
});

/** What a document holds before the studio's branding and the time it is made are added. */
export type DocumentContent = Omit<ReportDocument, "studio" | "generatedAt">;

/** A document's content and its file name's stem, made knowing the studio (its zone, its currency). */
export type DocumentMaker = (studio: DocumentStudio) => Promise<{ stem: string; content: DocumentContent }>;

/**
 * A document of the caller's studio as a file: its branding (business settings and logo, read
 * from the caller's own database and storage — another studio's cannot be reached) and the time
 * it was made, named `<stem>_<studio slug>.<ext>`.
 */
export async function studioFile(
  ctx: Pick<AuthedContext, "db" | "deps" | "tenant">,
  format: ExportFormat,
  make: DocumentMaker,
  opts: Parameters<typeof renderDocument>[3] = {},
): Promise<RenderedFile> {
  const studio = await studioBranding(ctx.db, ctx.deps.storage, ctx.tenant);
  const { stem, content } = await make(studio);
  return renderDocument({ ...content, studio, generatedAt: new Date() }, format, `${stem}_${studio.slug}`, opts);
}
