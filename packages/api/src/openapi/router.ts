import { z } from "zod";
import { appRouter } from "../root.js";
import type { Meta } from "../trpc.js";

/** Documents the tenant header on every tenant operation (the Host subdomain works too). */
export const tenantHeaders = z.object({
  "x-tenant-id": z
    .string()
    .optional()
    .describe("The studio's slug, e.g. `demo` (or use its subdomain)")
    .meta({ example: "demo" }),
});

type RestMeta = { method: string; path: string } & Record<string, unknown>;
export type DocumentedMeta = Meta & { openapi?: RestMeta };
type Procedure = { _def: { meta?: DocumentedMeta } };

const procedures = () => appRouter._def.procedures as unknown as Record<string, Procedure>;

/**
 * The router as the document generator sees it: each procedure's REST meta completed from the
 * procedure itself — its tag is its module's key, it needs a token unless it is `public`, and it
 * names a studio unless it is a platform procedure. Modules never repeat these.
 */
export function documentedRouter(): typeof appRouter {
  const documented = Object.fromEntries(
    Object.entries(procedures()).map(([path, procedure]) => {
      const meta = procedure._def.meta;
      if (!meta?.openapi) return [path, procedure];
      const openapi = {
        ...meta.openapi,
        tags: [path.slice(0, path.indexOf("."))],
        protect: meta.permission !== "public",
        ...(meta.tenant === false ? {} : { requestHeaders: tenantHeaders }),
      };
      return [path, { ...procedure, _def: { ...procedure._def, meta: { ...meta, openapi } } }];
    }),
  );
  return { ...appRouter, _def: { ...appRouter._def, procedures: documented } } as unknown as typeof appRouter;
}

/** Each REST operation's procedure meta, by `<method> <path>` as the document writes them (`post /clients`). */
export function metaByOperation(): Map<string, DocumentedMeta> {
  const found = new Map<string, DocumentedMeta>();
  for (const { _def } of Object.values(procedures())) {
    const { meta } = _def;
    const openapi = meta?.openapi;
    if (meta && openapi && openapi.enabled !== false)
      found.set(`${openapi.method.toLowerCase()} ${openapi.path}`, meta);
  }
  return found;
}
