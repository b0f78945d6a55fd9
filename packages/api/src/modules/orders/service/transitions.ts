import { type Executor, type OrderStatus, orderLines, orders } from "@fotostudio/db";
import { and, eq } from "drizzle-orm";
import { AppError } from "../../../errors.js";
import type { Updated } from "../../../shared/changes.js";
import { formatCents, parseCents } from "../../../shared/fields.js";
import { todayIn } from "../../../shared/studio-days.js";
import { assertTransition, machine } from "../../../shared/transitions.js";
import { readSettings } from "../../config/settings.service.js";
import type { ProductionOrder } from "../../production/output.schema.js";
import { cancelWorkFor, deliverProductsOf } from "../../production/service/order-effects.js";
import type { Product } from "../../products/products.schema.js";
import type { TransitionInput } from "../orders.schema.js";
import type { Order } from "../output.schema.js";
import { contractFor } from "./lines.js";
import type { Caller } from "./pricing.js";
import { seesCosts } from "./quote.js";
import { getOrderRow, loadOrder, paidOf } from "./views.js";

/**
 * An order's move and what it carried with it: the production its cancellation cancelled, the
 * products its cancellation released or its delivery delivered (each for its own audit row).
 */
export type OrderMove = Updated<Order> & {
  cascade: { production: Updated<ProductionOrder>[]; products: Updated<Product>[] };
};

/** SPEC 6: the order's life. `confirmed → ready` is for orders nothing in the workshop has to make. */
export const orderMachine = machine<OrderStatus>({
  draft: ["confirmed", "cancelled"],
  confirmed: ["in_production", "ready", "cancelled"],
  in_production: ["ready", "cancelled"],
  ready: ["delivered"],
  delivered: [],
  cancelled: [],
});

/**
 * Moves the order (row locked) and stamps when: confirming makes the quote a sale (the contract
 * must still be active), delivery needs the balance paid, cancelling work in production needs
 * orders:cancel and a reason. Cancelling cancels its unstarted production orders and frees its
 * products; delivering delivers the products sold under it (production/service/order-effects.ts).
 */
export async function transitionOrder(db: Executor, caller: Caller, input: TransitionInput): Promise<OrderMove> {
  const row = await getOrderRow(db, input.id, { lock: true });
  const { to } = input;
  assertTransition(orderMachine, `Order ${row.number}`, row.status, to);
  const costs = seesCosts(caller);
  const before = await loadOrder(db, row.id, costs);
  const now = new Date();
  const set: Partial<typeof orders.$inferInsert> = { status: to };

  if (to === "cancelled") {
    if (row.status === "in_production") {
      if (!caller.permissions.has("orders:cancel")) {
        throw new AppError("FORBIDDEN", "Cancelling an order in production needs orders:cancel (owner or manager)");
      }
      if (!input.reason) {
        throw new AppError("VALIDATION_ERROR", "Input validation failed", {
          issues: [{ path: "reason", message: "required to cancel an order in production", code: "custom" }],
        });
      }
    }
    Object.assign(set, { cancelledAt: now, cancelReason: input.reason ?? null });
  }
  if (to === "confirmed") {
    if (row.contractId !== null) {
      const system = await readSettings(db, "system");
      await contractFor(db, row, todayIn(system.timeZone));
    }
    set.confirmedAt = now;
  }
  if (row.status === "confirmed" && to === "ready") {
    const [frame] = await db
      .select({ id: orderLines.id })
      .from(orderLines)
      .where(and(eq(orderLines.orderId, row.id), eq(orderLines.kind, "frame")))
      .limit(1);
    if (frame) {
      throw new AppError("BUSINESS_RULE", `Order ${row.number} has frames to make: it goes through in_production`);
    }
  }
  if (to === "delivered") {
    const balance = (parseCents(row.total) as number) - (await paidOf(db, row.id));
    if (balance > 0) {
      throw new AppError("BALANCE_DUE", `Order ${row.number} has ${formatCents(balance)} to pay before delivery`);
    }
    set.deliveredAt = now;
  }
  await db.update(orders).set(set).where(eq(orders.id, row.id));
  // The work made for the order follows it: unstarted production is cancelled (reservations
  // released) and its pieces freed; a delivery hands over the products sold under it.
  const cancelled = to === "cancelled" ? await cancelWorkFor(db, row.id, input.reason ?? null, costs) : undefined;
  const delivered = to === "delivered" ? await deliverProductsOf(db, row.id) : [];
  return {
    before,
    after: await loadOrder(db, row.id, costs),
    cascade: { production: cancelled?.production ?? [], products: [...(cancelled?.products ?? []), ...delivered] },
  };
}
