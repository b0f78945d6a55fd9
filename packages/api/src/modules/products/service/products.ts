import {
  type Executor,
  type OrderRow,
  type ProductKind,
  type ProductRow,
  productionOrders,
  products,
} from "@fotostudio/db";
import { eq } from "drizzle-orm";
import { AppError } from "../../../errors.js";
import type { Change, Updated } from "../../../shared/changes.js";
import { formatCents, parseCents } from "../../../shared/fields.js";
import { nextNumber } from "../../../shared/numbering.js";
import { getOrderRow } from "../../orders/service/views.js";
import type { CreateProductInput, Product, ProductChanges } from "../products.schema.js";
import { assertCodeFree, defaultLocation, getProduct, getProductRow, keepingLocation } from "./rows.js";

export interface NewProduct {
  description: string;
  kind?: ProductKind;
  code?: string;
  productionOrderId?: number;
  orderId?: number;
  locationId?: number;
  shelf?: string;
  priceCents?: number;
  userId?: number;
}

/** An order a piece can be made or set aside for: 404 when missing, 422 once it is closed. */
export async function openOrder(db: Executor, orderId: number): Promise<OrderRow> {
  const order = await getOrderRow(db, orderId);
  if (order.status === "cancelled" || order.status === "delivered")
    throw new AppError("BUSINESS_RULE", `Order ${order.number} is ${order.status}: no product can be set aside for it`);
  return order;
}

/**
 * A generated code: the next `PT-<year>-<seq>`, skipping any a studio already typed by hand (the
 * counter row stays locked, so this loop cannot race another creator).
 */
async function generatedCode(db: Executor): Promise<string> {
  for (;;) {
    const { number } = await nextNumber(db, "product");
    const [taken] = await db.select({ id: products.id }).from(products).where(eq(products.code, number)).limit(1);
    if (!taken) return number;
  }
}

/**
 * A finished product, in the caller's transaction: by hand (POST) or by production's register.
 * It starts `reserved` when it belongs to an order, else `available`; kept at `locationId`, or on
 * `shelf`, or (neither given) at the default location. The code is generated when absent.
 */
export async function createProduct(db: Executor, input: NewProduct): Promise<ProductRow> {
  if (input.locationId !== undefined) await keepingLocation(db, input.locationId);
  if (input.orderId !== undefined) await openOrder(db, input.orderId);
  if (input.productionOrderId !== undefined) {
    const [made] = await db
      .select({ id: productionOrders.id })
      .from(productionOrders)
      .where(eq(productionOrders.id, input.productionOrderId))
      .limit(1);
    if (!made) throw new AppError("NOT_FOUND", `Production order ${input.productionOrderId} not found`);
    const [already] = await db
      .select({ code: products.code })
      .from(products)
      .where(eq(products.productionOrderId, input.productionOrderId))
      .limit(1);
    if (already)
      throw new AppError(
        "CONFLICT",
        `Production order ${input.productionOrderId} already made product ${already.code}`,
      );
  }
  const shelf = input.shelf?.trim() || null;
  const locationId = input.locationId ?? (shelf ? null : await defaultLocation(db));
  if (input.code !== undefined) await assertCodeFree(db, input.code);
  // Numbered last: the counter row stays locked from here to the commit.
  const code = input.code ?? (await generatedCode(db));
  const [result] = await db
    .insert(products)
    .values({
      code,
      description: input.description,
      kind: input.kind ?? "other",
      productionOrderId: input.productionOrderId ?? null,
      orderId: input.orderId ?? null,
      locationId,
      shelf,
      price: formatCents(input.priceCents ?? 0),
      status: input.orderId !== undefined ? "reserved" : "available",
    })
    .$returningId();
  if (!result) throw new Error("insert returned no id");
  return getProductRow(db, result.id);
}

/** POST products/: a piece entered by hand. */
export async function addProduct(db: Executor, input: CreateProductInput): Promise<Updated<Product>> {
  const row = await createProduct(db, {
    description: input.description,
    kind: input.kind,
    ...(input.code !== undefined && { code: input.code }),
    ...(input.orderId !== undefined && { orderId: input.orderId }),
    ...(input.locationId != null && { locationId: input.locationId }),
    ...(input.shelf && { shelf: input.shelf }),
    priceCents: input.price,
  });
  return { before: null, after: await getProduct(db, row.id) };
}

const SOLD = new Set<ProductRow["status"]>(["sold", "delivered"]);

/**
 * PUT (`whole`: omitted optional fields become empty, a code omitted keeps the code) and PATCH.
 * Where it is kept may always change; the price is fixed once sold (it is what the sale was for).
 */
export async function updateProduct(
  db: Executor,
  id: number,
  changes: ProductChanges,
  opts: { whole: boolean },
): Promise<Updated<Product>> {
  const row = await getProductRow(db, id, { lock: true });
  const before = await getProduct(db, id);
  const set: Partial<typeof products.$inferInsert> = {};
  if (changes.code !== undefined && changes.code !== row.code) {
    await assertCodeFree(db, changes.code, id);
    set.code = changes.code;
  }
  if (changes.description !== undefined) set.description = changes.description;
  if (changes.kind !== undefined) set.kind = changes.kind;
  if (changes.price !== undefined && changes.price !== parseCents(row.price)) {
    if (SOLD.has(row.status))
      throw new AppError("CONFLICT", `Product ${row.code} is ${row.status}: its price is that of the sale`);
    set.price = formatCents(changes.price);
  }
  if (changes.locationId != null && changes.locationId !== row.locationId) {
    await keepingLocation(db, changes.locationId);
    set.locationId = changes.locationId;
  } else if (changes.locationId === null || (opts.whole && changes.locationId === undefined)) set.locationId = null;
  if (opts.whole || changes.shelf !== undefined) set.shelf = changes.shelf ?? null;
  const locationId = set.locationId !== undefined ? set.locationId : row.locationId;
  const shelf = set.shelf !== undefined ? set.shelf : row.shelf;
  // Somewhere to find it: with neither a location nor a shelf, it is kept at the default location.
  if (locationId === null && !shelf) set.locationId = await defaultLocation(db);
  if (Object.keys(set).length > 0) await db.update(products).set(set).where(eq(products.id, id));
  return { before, after: await getProduct(db, id) };
}

/**
 * Deletes a product entered by mistake: never one a production order made (it is that order's
 * output and trace) nor one ever sold (the sale's record): 409 CONFLICT. Damaged pieces stay too
 * when they were made; one entered by hand and never sold may go.
 */
export async function deleteProduct(db: Executor, id: number): Promise<Change<Product>> {
  const row = await getProductRow(db, id, { lock: true });
  const before = await getProduct(db, id);
  if (row.productionOrderId !== null)
    throw new AppError(
      "CONFLICT",
      `Product ${row.code} was made by production order ${row.productionOrderId}: it is kept`,
    );
  if (row.soldAt !== null || SOLD.has(row.status))
    throw new AppError("CONFLICT", `Product ${row.code} was sold: the sale keeps it`);
  await db.delete(products).where(eq(products.id, id));
  return { before, after: null };
}
