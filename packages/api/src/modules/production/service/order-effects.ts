import { type Executor, productionOrders, products } from "@fotostudio/db";
import { and, eq, inArray, type SQL } from "drizzle-orm";
import type { Updated } from "../../../shared/changes.js";
import { releaseReservations } from "../../inventory/stock/index.js";
import type { Product } from "../../products/products.schema.js";
import { getProduct } from "../../products/service/rows.js";
import type { ProductionOrder } from "../output.schema.js";
import { loadProductionOrder } from "./views.js";

// What an order's own transitions do to the work made for it, in the order's transaction. The
// orders module calls these; they never call back into orders (production's transition.ts does,
// for the other direction), so the two modules do not import each other in a circle.

/**
 * The work not started yet for an order that is cancelled: each production order cancelled and
 * each product released, as it was and as it is (for their own audit rows).
 */
export interface CancelledWork {
  production: Updated<ProductionOrder>[];
  products: Updated<Product>[];
}

/**
 * The order is cancelled: its production orders that have not started (draft, waiting_material,
 * confirmed) are cancelled and their reservations released; work already in progress is left to
 * the workshop (registering it makes a product, the order stays cancelled). Finished products
 * made for or reserved for it become anyone's again (available, order link cleared).
 */
export async function cancelWorkFor(
  db: Executor,
  orderId: number,
  reason: string | null,
  costs: boolean,
): Promise<CancelledWork> {
  const pending = await db
    .select({ id: productionOrders.id })
    .from(productionOrders)
    .where(
      and(
        eq(productionOrders.orderId, orderId),
        inArray(productionOrders.status, ["draft", "waiting_material", "confirmed"]),
      ),
    )
    .orderBy(productionOrders.id)
    .for("update");
  const before: ProductionOrder[] = [];
  for (const { id } of pending) before.push(await loadProductionOrder(db, id, costs));
  for (const { id } of pending) await releaseReservations(db, id);
  if (pending.length > 0) {
    await db
      .update(productionOrders)
      .set({ status: "cancelled", cancelledAt: new Date(), cancelReason: reason ?? "Order cancelled" })
      .where(
        inArray(
          productionOrders.id,
          pending.map((p) => p.id),
        ),
      );
  }
  const mine = and(eq(products.orderId, orderId), inArray(products.status, ["available", "reserved"]));
  const freed = await db.select({ id: products.id }).from(products).where(mine).for("update");
  const released: Product[] = [];
  for (const { id } of freed) released.push(await getProduct(db, id));
  if (freed.length > 0) await db.update(products).set({ status: "available", orderId: null }).where(mine);
  const production: Updated<ProductionOrder>[] = [];
  for (const view of before) production.push({ before: view, after: await loadProductionOrder(db, view.id, costs) });
  const changed: Updated<Product>[] = [];
  for (const view of released) changed.push({ before: view, after: await getProduct(db, view.id) });
  return { production, products: changed };
}

/**
 * The order is delivered (by hand or by its last sale): the products sold under it go with it.
 * Each, as it was and as it is (for its own audit row).
 */
export async function deliverProductsOf(db: Executor, orderId: number): Promise<Updated<Product>[]> {
  const sold = and(eq(products.soldOrderId, orderId), eq(products.status, "sold"));
  return deliverPieces(db, sold);
}

/** Delivers the sold products `where` selects (rows locked), each as it was and as it is. */
export async function deliverPieces(db: Executor, where: SQL | undefined): Promise<Updated<Product>[]> {
  const pieces = await db.select({ id: products.id }).from(products).where(where).for("update");
  if (pieces.length === 0) return [];
  const before: Product[] = [];
  for (const { id } of pieces) before.push(await getProduct(db, id));
  await db
    .update(products)
    .set({ status: "delivered", deliveredAt: new Date() })
    .where(
      inArray(
        products.id,
        pieces.map((p) => p.id),
      ),
    );
  const changed: Updated<Product>[] = [];
  for (const view of before) changed.push({ before: view, after: await getProduct(db, view.id) });
  return changed;
}
