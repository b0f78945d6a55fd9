import type { OpenApiMeta } from "trpc-to-openapi";
import type { Meta } from "../trpc.js";

type RestMeta = NonNullable<OpenApiMeta["openapi"]>;

/**
 * The REST side of a procedure: its legacy path and what the docs say of it. The rest of the
 * operation comes from the procedure itself when the document is built (openapi.ts): the tag from
 * its module's key, `security` and the 401 from its permission (`public` needs no token), the
 * studio header unless it is a platform procedure.
 */
export function rest(
  method: RestMeta["method"],
  path: RestMeta["path"],
  summary: string,
  description?: string,
): RestMeta {
  return { method, path, summary, ...(description ? { description } : {}) };
}

export type ProcedureMeta = OpenApiMeta<Meta>;
