import type { OpenApiMeta } from "trpc-to-openapi";
import { z } from "zod";
import type { Meta } from "../trpc.js";

/** Documents the tenant header on every tenant operation (the Host subdomain works too). */
export const tenantHeaders = z.object({
  "x-tenant-id": z.string().optional().describe("The studio's slug, e.g. `demo` (or use its subdomain)"),
});

type RestMeta = NonNullable<OpenApiMeta["openapi"]>;

/**
 * The REST side of a tenant procedure. `protect` is explicit: trpc-to-openapi defaults it to true,
 * and authentication arrives with the identity issue.
 */
export function rest(
  method: RestMeta["method"],
  path: RestMeta["path"],
  summary: string,
  opts: { tags: string[]; description?: string },
): RestMeta {
  return {
    method,
    path,
    summary,
    tags: opts.tags,
    ...(opts.description ? { description: opts.description } : {}),
    protect: false,
    requestHeaders: tenantHeaders,
  };
}

export type ProcedureMeta = OpenApiMeta<Meta>;
