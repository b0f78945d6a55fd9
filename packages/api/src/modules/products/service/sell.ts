import { type Executor, type OrderRow, type ProductRow, type ProductStatus, products } from "@fotostudio/db";
import { and, eq, or } from "drizzle-orm";
import { AppError } from "../../../errors.js";
import type { Updated } from "../../../shared/changes.js";
import { parseCents } from "../../../shared/fields.js";
import { assertTransition, machine } from "../../../shared/transitions.js";
import { type Caller, type OrderMove, transitionOrder } from "../../orders/orders.service.js";
import { getOrderRow, paidOf } from "../../orders/service/views.js";
import { deliverPieces } from "../../production/service/order-effects.js";
import type { Product, SellProductInput, TransitionProductInput } from "../products.schema.js";
import { openOrder } from "./products.js";
import { getProduct, getProductRow } from "./rows.js";

/** SPEC 6: available ↔ reserved → sold → delivered; available → damaged. */
export const productMachine = machine<ProductStatus>({
  available: ["reserved", "sold", "damaged"],
  reserved: ["available", "sold"],
  sold: ["delivered"],
  delivered: [],
  damaged: [],
});

const SOLD = new Set<ProductStatus>(["sold", "delivered"]);
/** Orders a sale can be made under: a quote is not a sale yet, a closed order takes no more. */
const SELLING = new Set<OrderRow["status"]>(["confirmed", "in_production", "ready"]);

/**
 * A sale, and the order it delivered when it was the order's last product (see
 * `deliverIfComplete`), with the products delivered along (this one among them).
 */
export interface Sale extends Updated<Product> {
  /** True when the product was already sold under this order: nothing was written. */
  replayed: boolean;
  delivered: OrderMove | null;
}

/**
 * Sells a product, under an order or at the counter. Locks the order's row first (404 when
 * missing), then the product's (every sale of an order queues on the order, so exactly one sees its last product
 * sold), and then decides: already sold under this same order → the sold product again, nothing
 * written (idempotent; a counter sale has no order to recognise a retry by, so it is not);
 * sold or delivered otherwise → 409 CONFLICT; reserved for another order (or sold without the
 * order it is reserved for) → 409 CONFLICT; damaged → 409 ILLEGAL_TRANSITION.
 */
export async function sellProduct(db: Executor, caller: Caller, input: SellProductInput): Promise<Sale> {
  // Locking reads first: the snapshot of the plain reads after them (REPEATABLE READ) is taken
  // once both locks are held, so it shows what a sale that went first committed.
  const order = input.orderId !== undefined ? await getOrderRow(db, input.orderId, { lock: true }) : null;
  const row = await getProductRow(db, input.id, { lock: true });
  const before = await getProduct(db, row.id);
  if (SOLD.has(row.status)) {
    if (order && row.soldOrderId === order.id) return { before, after: before, replayed: true, delivered: null };
    throw new AppError(
      "CONFLICT",
      `Product ${row.code} was already sold ${row.soldOrderId !== null ? `under order ${row.soldOrderId}` : "at the counter"}`,
    );
  }
  if (row.status === "reserved" && row.orderId !== (order?.id ?? null))
    throw new AppError(
      "CONFLICT",
      `Product ${row.code} is reserved for order ${row.orderId}: it sells only under that order (orderId)`,
    );
  assertTransition(productMachine, `Product ${row.code}`, row.status, "sold");
  if (order && !SELLING.has(order.status))
    throw new AppError("BUSINESS_RULE", `Order ${order.number} is ${order.status}: nothing can be sold under it`);
  await db
    .update(products)
    .set({ status: "sold", soldOrderId: order?.id ?? null, soldAt: new Date(), soldBy: caller.userId })
    .where(eq(products.id, row.id));
  const delivered = order ? await deliverIfComplete(db, caller, order) : null;
  return { before, after: await getProduct(db, row.id), replayed: false, delivered };
}

/**
 * A sale counts toward its order's delivery: when the order is `ready`, every product made for,
 * reserved for or sold under it is sold, and its balance is paid, the order moves to `delivered`
 * through the orders module's own transition (its rules and stamps) and those products with it.
 * With a balance due the order stays ready (the client pays, then the order is delivered by hand).
 * The caller holds the order's lock; only a ready order is read further, and a ready order has no
 * production registering a product for it, so the locking read below waits on nobody.
 */
async function deliverIfComplete(db: Executor, caller: Caller, order: OrderRow): Promise<OrderMove | null> {
  if (order.status !== "ready") return null;
  const mine = or(eq(products.orderId, order.id), eq(products.soldOrderId, order.id));
  const pieces = await db.select({ status: products.status }).from(products).where(mine).for("update");
  if (pieces.some((p) => !SOLD.has(p.status))) return null;
  if ((parseCents(order.total) as number) - (await paidOf(db, order.id)) > 0) return null;
  const change = await transitionOrder(db, caller, { id: order.id, to: "delivered", reason: null });
  // The transition delivered what was sold under the order; pieces made for it and sold
  // otherwise go too.
  const also = await deliverPieces(db, and(mine, eq(products.status, "sold")));
  return { ...change, cascade: { ...change.cascade, products: [...change.cascade.products, ...also] } };
}

/**
 * The other moves of the machine: reserve for an order (available → reserved), release
 * (reserved → available: the piece is anyone's again, its order link cleared), hand over a sold
 * piece (sold → delivered), write one off (available → damaged). Anything else: 409
 * ILLEGAL_TRANSITION and nothing changes.
 */
export async function transitionProduct(db: Executor, input: TransitionProductInput): Promise<Updated<Product>> {
  const row: ProductRow = await getProductRow(db, input.id, { lock: true });
  assertTransition(productMachine, `Product ${row.code}`, row.status, input.to);
  const before = await getProduct(db, row.id);
  const set: Partial<typeof products.$inferInsert> = { status: input.to };
  if (input.to === "reserved") {
    const orderId = input.orderId ?? row.orderId;
    if (orderId === null)
      throw new AppError("VALIDATION_ERROR", "Input validation failed", {
        issues: [{ path: "orderId", message: "required to reserve a product", code: "custom" }],
      });
    await openOrder(db, orderId);
    set.orderId = orderId;
  }
  if (input.to === "available") set.orderId = null;
  if (input.to === "delivered") set.deliveredAt = new Date();
  await db.update(products).set(set).where(eq(products.id, row.id));
  return { before, after: await getProduct(db, row.id) };
}
