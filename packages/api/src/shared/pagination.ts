import { z } from "zod";

export const MAX_PAGE_SIZE = 100;

/** The list parameters every module shares (SPEC §4); modules extend it with their filters. */
export const pageInput = z.object({
  page: z.number().int().min(1).default(1).describe("Page number, from 1"),
  pageSize: z.number().int().min(1).max(MAX_PAGE_SIZE).default(20).describe(`Rows per page (max ${MAX_PAGE_SIZE})`),
  // .describe() inside .optional(): trpc-to-openapi drops descriptions placed on the optional wrapper.
  search: z.string().trim().max(100).describe("Free-text search").optional(),
});

/** `ordering` accepts `field` or `-field` (descending), Django style, from a module's allowlist. */
export function orderingInput<const F extends readonly [string, ...string[]]>(fields: F, fallback: string) {
  const values = fields.flatMap((f) => [f, `-${f}`]) as [string, ...string[]];
  return z
    .enum(values)
    .default(fallback)
    .describe(`Sort order: a field, or -field for descending. One of: ${values.join(", ")}`);
}

export function paginated<T extends z.ZodType>(item: T) {
  return z.object({
    count: z.number().int().describe("Rows matching the filters, over all pages"),
    page: z.number().int(),
    pageSize: z.number().int(),
    results: z.array(item),
  });
}

export interface Page<T> {
  count: number;
  page: number;
  pageSize: number;
  results: T[];
}

/** `%` and `_` typed by a user are literal characters, not wildcards. */
export function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export const idInput = z.object({ id: z.number().int().positive().describe("Record id") });
