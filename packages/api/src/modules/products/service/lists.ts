import { type Executor, products, stockLocations } from "@fotostudio/db";
import { and, count, eq, or, type SQL } from "drizzle-orm";
import { AppError } from "../../../errors.js";
import { listPage, type Page } from "../../../shared/list.js";
import type { ListProductsInput, LocationProductsInput, Product } from "../products.schema.js";
import { productSort } from "../products.schema.js";
import { productQuery, toProduct } from "./rows.js";

/** One page of products with the module's filters plus `where` (a location, a shelf). */
async function page(db: Executor, input: ListProductsInput, where?: SQL): Promise<Page<Product>> {
  const result = await listPage(
    {
      rows: productQuery(db),
      count: db.select({ n: count() }).from(products).$dynamic(),
    },
    input,
    {
      sort: productSort,
      tiebreak: products.id,
      search: [products.code, products.description, products.shelf],
      filters: [
        input.status && eq(products.status, input.status),
        input.kind && eq(products.kind, input.kind),
        input.orderId !== undefined && or(eq(products.orderId, input.orderId), eq(products.soldOrderId, input.orderId)),
        where,
      ],
    },
  );
  return { ...result, results: result.results.map(toProduct) };
}

/** GET products/ and products/status/{status}/. */
export const listProducts = (db: Executor, input: ListProductsInput) => page(db, input);

/**
 * trpc-to-openapi hands path parameters over still percent-encoded (`Vitrina%20A-3`), and a shelf
 * is free text with spaces: decoded once here; text that is not a valid escape stays as typed.
 */
function unescaped(text: string): string {
  try {
    return decodeURIComponent(text).trim();
  } catch {
    return text;
  }
}

/**
 * GET products/location/{location}/: digits name an internal location by id, other text an
 * internal location by code (PRINCIPAL) and otherwise a shelf. An id or text that names no
 * internal location and no product's shelf is a 404 (a typo, not an empty shelf); a virtual
 * location's id or code is a 404 too (nothing is kept there).
 */
export async function listByLocation(db: Executor, input: LocationProductsInput): Promise<Page<Product>> {
  const { location: given, ...rest } = input;
  const location = unescaped(given);
  const byId = /^\d+$/.test(location);
  const [place] = await db
    .select({ id: stockLocations.id })
    .from(stockLocations)
    .where(
      and(
        eq(stockLocations.kind, "internal"),
        byId ? eq(stockLocations.id, Number(location)) : eq(stockLocations.code, location),
      ),
    )
    .limit(1);
  if (place) return page(db, rest, eq(products.locationId, place.id));
  if (byId) throw new AppError("NOT_FOUND", `Stock location ${location} not found`);
  const [shelved] = await db.select({ id: products.id }).from(products).where(eq(products.shelf, location)).limit(1);
  if (!shelved) throw new AppError("NOT_FOUND", `No internal location or shelf named ${location}`);
  return page(db, rest, eq(products.shelf, location));
}
