import type { OpenApiMeta } from "trpc-to-openapi";

type RestMeta = NonNullable<OpenApiMeta["openapi"]>;

/** The REST side of a platform procedure: no studio involved, so no tenant header. */
export function platformRest(
  method: RestMeta["method"],
  path: RestMeta["path"],
  summary: string,
  opts: { tags: string[]; description?: string; public?: boolean },
): RestMeta {
  return {
    method,
    path,
    summary,
    tags: opts.tags,
    ...(opts.description ? { description: opts.description } : {}),
    protect: !opts.public,
  };
}
