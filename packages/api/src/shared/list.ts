import type { Executor } from "@fotostudio/db";
import { and, asc, desc, like, or, type SQL, sql } from "drizzle-orm";
import type { AnyMySqlColumn, MySqlSelect } from "drizzle-orm/mysql-core";
import { z } from "zod";
import { prepared } from "./prepared.js";
import { withCompiledRows } from "./row-mapper.js";

export const MAX_PAGE_SIZE = 100;

/** The list parameters every module shares (SPEC §4); modules extend it with their filters. */
export const pageInput = z.object({
  page: z.number().int().min(1).default(1).describe("Page number, from 1"),
  pageSize: z.number().int().min(1).max(MAX_PAGE_SIZE).default(20).describe(`Rows per page (max ${MAX_PAGE_SIZE})`),
  // .describe() inside .optional(): trpc-to-openapi drops descriptions placed on the optional wrapper.
  search: z.string().trim().max(100).describe("Free-text search").optional(),
});

export type Ordering<K extends string> = K | `-${K}`;

/**
 * A list's sort columns (or SQL: a computed value's alias), declared once: the map the query sorts by and the `ordering` input
 * (`field` or `-field`, Django style) derived from its keys, so the SDK offers exactly these values.
 */
export function sortable<const K extends string>(
  columns: Record<K, AnyMySqlColumn | SQL>,
  fallback: NoInfer<Ordering<K>>,
) {
  const values = Object.keys(columns).flatMap((k) => [k, `-${k}`]) as [Ordering<K>, ...Ordering<K>[]];
  const ordering = z.enum(values);
  return {
    columns,
    ordering: ordering
      // zod's enum type is a mapped type TypeScript cannot reduce for a generic K; `fallback` is
      // checked against Ordering<K> by the signature.
      .default(fallback as never)
      .describe(`Sort order: a field, or -field for descending. One of: ${values.join(", ")}`),
  };
}

export function paginated<T extends z.ZodType>(item: T) {
  return z.object({
    count: z.number().int().describe("Rows matching the filters, over all pages"),
    page: z.number().int().describe("This page's number"),
    pageSize: z.number().int().describe("Rows per page"),
    results: z.array(item).describe("The rows of this page"),
  });
}

export interface Page<T> {
  count: number;
  page: number;
  pageSize: number;
  results: T[];
}

export interface ListInput<K extends string> {
  page: number;
  pageSize: number;
  search?: string | undefined;
  ordering: Ordering<K>;
}

export interface ListSpec<K extends string> {
  /** The sort map from `sortable()`. */
  /** Columns, or SQL such as a computed value's alias (client stats). */
  sort: { columns: Record<K, AnyMySqlColumn | SQL> };
  /** Breaks ties (the id), so pages never repeat or skip a row. */
  tiebreak: AnyMySqlColumn;
  /** Columns `search` matches (LIKE %term%, any of them). */
  search?: AnyMySqlColumn[];
  /** The module's filters; `undefined`/`false` entries are skipped (`input.kind && eq(...)`). */
  filters?: (SQL | undefined | false | "" | null)[];
  /**
   * A hot list (the first screen of a module): its unfiltered pages are built once per studio
   * database and ordering (shared/prepared.ts) under `key`; filtered pages are built per call.
   * Pass its query as a function, so that it is built only when a statement is.
   */
  prepare?: { db: Executor; key: string };
}

/** A list's select (with its joins) and its count select, both `.$dynamic()`, over the same tables. */
export interface ListQuery<Q extends MySqlSelect, C extends MySqlSelect> {
  rows: Q;
  count: C;
}

/**
 * One page of a list: the module's filters and search → where, ordering, offset, and the count
 * over all pages. A short page is the last one: its count is known without a second statement,
 * so the count runs only after a full page (or an empty page past the end). A hot list passes its
 * query as a function: its unfiltered pages are statements kept per studio, and building the
 * selects for every call only to throw them away cost more than the rest of listPage.
 */
export async function listPage<Q extends MySqlSelect, C extends MySqlSelect, K extends string>(
  query: ListQuery<Q, C> | (() => ListQuery<Q, C>),
  input: ListInput<K>,
  spec: ListSpec<K>,
): Promise<Page<Awaited<Q>[number]>> {
  const built = typeof query === "function" ? query : () => query;
  const conditions = (spec.filters ?? []).filter((f): f is SQL => Boolean(f));
  if (input.search && spec.search?.length) {
    const pattern = likePattern(input.search);
    const match = or(...spec.search.map((column) => like(column, pattern)));
    if (match) conditions.push(match);
  }
  const where = conditions.length ? and(...conditions) : undefined;
  const descending = input.ordering.startsWith("-");
  const key = (descending ? input.ordering.slice(1) : input.ordering) as K;
  const direction = descending ? desc : asc;
  const order = [direction(spec.sort.columns[key]), direction(spec.tiebreak)];
  const limit = input.pageSize;
  const offset = (input.page - 1) * input.pageSize;

  let rows: unknown[];
  let counted: () => Promise<unknown>;
  if (spec.prepare && !where) {
    const { db, key: list } = spec.prepare;
    const page = prepared(db, `${list}:page:${input.ordering}`, () =>
      withCompiledRows(
        built()
          .rows.orderBy(...order)
          .limit(sql.placeholder("limit") as unknown as number)
          .offset(sql.placeholder("offset") as unknown as number)
          .prepare(),
      ),
    );
    rows = (await page.execute({ limit, offset })) as unknown[];
    counted = () => prepared(db, `${list}:count`, () => withCompiledRows(built().count.prepare())).execute();
  } else {
    const { rows: select, count } = built();
    rows = await select
      .where(where)
      .orderBy(...order)
      .limit(limit)
      .offset(offset);
    counted = async () => count.where(where);
  }
  const known = rows.length < limit && (rows.length > 0 || offset === 0);
  const total = known ? offset + rows.length : (((await counted()) as { n?: number }[])[0]?.n ?? 0);
  return { count: total, page: input.page, pageSize: input.pageSize, results: rows as Awaited<Q>[number][] };
}

/** `%` and `_` typed by a user are literal characters, not wildcards. */
export function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
