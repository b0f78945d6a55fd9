import type { OpenApiMeta } from "trpc-to-openapi";
import { z } from "zod";
import type { Meta } from "../trpc.js";

/** Documents the tenant header on every tenant operation (the Host subdomain works too). */
export const tenantHeaders = z.object({
  "x-tenant-id": z.string().optional().describe("The studio's slug, e.g. `demo` (or use its subdomain)"),
});

type RestMeta = NonNullable<OpenApiMeta["openapi"]>;

/**
 * The REST side of a procedure. Tenant procedures document the tenant header; platform ones
 * (`tenant: false`) involve no studio.
 */
export function rest(
  method: RestMeta["method"],
  path: RestMeta["path"],
  summary: string,
  opts: { tags: string[]; description?: string; public?: boolean; tenant?: boolean },
): RestMeta {
  return {
    method,
    path,
    summary,
    tags: opts.tags,
    ...(opts.description ? { description: opts.description } : {}),
    // Explicit: trpc-to-openapi defaults to true. Public operations (login, refresh) need no token.
    protect: !opts.public,
    ...(opts.tenant === false ? {} : { requestHeaders: tenantHeaders }),
  };
}

export type ProcedureMeta = OpenApiMeta<Meta>;
