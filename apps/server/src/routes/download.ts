import type { ApiDeps, AppRouter } from "@fotostudio/api";
import { toAppError } from "@fotostudio/api";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { sendError } from "../adapters/errors.js";
import { contextFromRequest } from "../context.js";
import type { Env } from "../env.js";

type Caller = ReturnType<AppRouter["createCaller"]>;
interface File {
  fileName: string;
  contentType: string;
  base64: string;
}

interface DownloadOptions {
  router: AppRouter;
  deps: ApiDeps;
  env: Env;
}

/** `attachment; filename="…"`, with RFC 6266's `filename*` when the name is not plain ASCII. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return ascii === fileName
    ? `attachment; filename="${ascii}"`
    : `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * Files made by procedures, served as bytes: report exports (`GET /api/reports/export/{pdf,excel,
 * csv}/?report=…`) and the printable order and contract. Plain Fastify routes (a file is not
 * JSON), calling the procedure through `createCaller` with the adapters' own context: the same
 * session, permission, studio and error rules; the procedure answers the bytes in base64 (its
 * tRPC shape) and this route sends them decoded.
 */
export async function registerDownloads(app: FastifyInstance, opts: DownloadOptions) {
  const caller = (request: FastifyRequest, reply: FastifyReply) =>
    opts.router.createCaller(contextFromRequest(request, reply, opts.deps, opts.env));
  const route = (url: string, make: (caller: Caller, request: FastifyRequest) => Promise<File>) => {
    const handler = async (request: FastifyRequest, reply: FastifyReply) => {
      try {
        const file = await make(caller(request, reply), request);
        const body = Buffer.from(file.base64, "base64");
        return reply
          .type(file.contentType)
          .header("content-length", body.length)
          .header("content-disposition", contentDisposition(file.fileName))
          .header("cache-control", "private, no-store")
          .header("x-content-type-options", "nosniff")
          .send(body);
      } catch (error) {
        return sendError(request, reply, toAppError(error));
      }
    };
    for (const path of [url, `${url}/`]) app.get(path, handler);
  };
  const query = (request: FastifyRequest) => (request.query ?? {}) as Record<string, string>;
  // A path id that is not a positive integer fails the procedure's own input check (400).
  const id = (request: FastifyRequest) => ({ id: Number((request.params as { id: string }).id) });
  route("/api/orders/:id/pdf", (c, request) => c.orders.pdf(id(request)));
  route("/api/contracts/:id/pdf", (c, request) => c.contracts.pdf(id(request)));
  for (const format of ["pdf", "excel", "csv"] as const) {
    route(`/api/reports/export/${format}`, (c, request) =>
      c.reports.exportFile({ ...(query(request) as object), format } as Parameters<Caller["reports"]["exportFile"]>[0]),
    );
  }
}
