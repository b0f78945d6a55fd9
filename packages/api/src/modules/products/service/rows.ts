import { type Executor, type ProductRow, products, type StockLocationRow, stockLocations } from "@fotostudio/db";
import { and, eq } from "drizzle-orm";
import { AppError } from "../../../errors.js";
import { formatCents, parseCents } from "../../../shared/fields.js";
import type { Product } from "../products.schema.js";

// How products read: the row with its location's code and name (a left join: a product on a
// shelf only has none), and the API's shape with the price as a decimal string.

export const productColumns = {
  product: products,
  locationCode: stockLocations.code,
  locationName: stockLocations.name,
};

/** The products select with its location; `.where()` and ordering come after. */
export const productQuery = (db: Executor) =>
  db
    .select(productColumns)
    .from(products)
    .leftJoin(stockLocations, eq(stockLocations.id, products.locationId))
    .$dynamic();

export type ProductSelected = { product: ProductRow; locationCode: string | null; locationName: string | null };

export function toProduct({ product: p, locationCode, locationName }: ProductSelected): Product {
  return {
    id: p.id,
    code: p.code,
    description: p.description,
    kind: p.kind,
    status: p.status,
    price: formatCents(parseCents(p.price) as number),
    productionOrderId: p.productionOrderId,
    orderId: p.orderId,
    location:
      p.locationId !== null && locationCode !== null
        ? { id: p.locationId, code: locationCode, name: locationName ?? locationCode }
        : null,
    shelf: p.shelf,
    soldOrderId: p.soldOrderId,
    soldAt: p.soldAt,
    soldBy: p.soldBy,
    deliveredAt: p.deliveredAt,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}

/** The product row, or 404; `lock` holds its row lock for the rest of the transaction. */
export async function getProductRow(db: Executor, id: number, opts: { lock?: boolean } = {}): Promise<ProductRow> {
  const query = db.select().from(products).where(eq(products.id, id)).limit(1);
  const [row] = await (opts.lock ? query.for("update") : query);
  if (!row) throw new AppError("NOT_FOUND", `Product ${id} not found`);
  return row;
}

/** The product as the API shows it, or 404. */
export async function getProduct(db: Executor, id: number): Promise<Product> {
  const [row] = await productQuery(db).where(eq(products.id, id)).limit(1);
  if (!row) throw new AppError("NOT_FOUND", `Product ${id} not found`);
  return toProduct(row);
}

/** The studio's default internal location (seeded by migration 0007: there is always one). */
export async function defaultLocation(db: Executor): Promise<number> {
  const [row] = await db
    .select({ id: stockLocations.id })
    .from(stockLocations)
    .where(and(eq(stockLocations.isDefault, true), eq(stockLocations.kind, "internal")))
    .limit(1);
  if (!row) throw new Error("the studio has no default stock location (migration 0007 seeds it)");
  return row.id;
}

/**
 * A location a product may be kept at: 404 when the studio has none with this id, 422 when it
 * is virtual (supplier, customer…: nothing is kept there) or no longer active.
 */
export async function keepingLocation(db: Executor, id: number): Promise<StockLocationRow> {
  const [row] = await db.select().from(stockLocations).where(eq(stockLocations.id, id)).limit(1);
  if (!row) throw new AppError("NOT_FOUND", `Stock location ${id} not found`);
  if (row.kind !== "internal")
    throw new AppError(
      "BUSINESS_RULE",
      `Stock location ${row.code} is a virtual ${row.kind} location: nothing is kept there`,
    );
  if (!row.active) throw new AppError("BUSINESS_RULE", `Stock location ${row.code} is not active`);
  return row;
}

/** 409 CONFLICT when another product already has the code (the unique index would say it less clearly). */
export async function assertCodeFree(db: Executor, code: string, exceptId?: number): Promise<void> {
  const [row] = await db.select({ id: products.id }).from(products).where(eq(products.code, code)).limit(1);
  if (row && row.id !== exceptId)
    throw new AppError("CONFLICT", `Product code ${code} is already taken (product ${row.id})`);
}
