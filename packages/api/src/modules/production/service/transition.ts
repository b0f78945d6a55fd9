import { type Executor, orders, type ProductionStatus, productionComponents, productionOrders } from "@fotostudio/db";
import { eq } from "drizzle-orm";
import { AppError } from "../../../errors.js";
import type { Updated } from "../../../shared/changes.js";
import { formatQuantity } from "../../../shared/fields.js";
import { assertTransition, machine } from "../../../shared/transitions.js";
import { releaseReservations, reserveComponents } from "../../inventory/stock/index.js";
import type { Order } from "../../orders/output.schema.js";
import { transitionOrder } from "../../orders/service/transitions.js";
import type { ProductionOrder } from "../output.schema.js";
import type { TransitionProductionInput } from "../production.schema.js";
import { loadProductionOrder, lockProduction, thousandths } from "./views.js";
import { type Caller, seesCosts } from "./write.js";

/**
 * SPEC 6: draft → confirmed (every component reserved; waiting_material when short) →
 * in_progress → done (only by registering the output); draft, waiting_material or confirmed →
 * cancelled (releasing the reservations). waiting_material → confirmed is the retry.
 */
export const productionMachine = machine<ProductionStatus>({
  draft: ["confirmed", "cancelled"],
  waiting_material: ["confirmed", "cancelled"],
  confirmed: ["in_progress", "cancelled"],
  in_progress: ["done"],
  done: [],
  cancelled: [],
});

/** States the transition endpoint never moves to: they are outcomes, not requests. */
const NOT_REQUESTED: Partial<Record<ProductionStatus, string>> = {
  done: "done is reached by registering the output (POST /api/production/register/)",
  waiting_material: "waiting_material is where confirming leaves an order short of stock: confirm it",
  draft: "nothing goes back to draft",
};

export interface Transitioned {
  change: Updated<ProductionOrder>;
  /** The order it is made for, when this move moved it too (audited as its own change). */
  orderChange?: Updated<Order> | undefined;
}

/** Reserves every component, all or nothing (INVENTORY's reserveComponents): what is missing, if anything. */
async function reserve(db: Executor, id: number) {
  const parts = await db
    .select({ materialId: productionComponents.materialId, plannedQty: productionComponents.plannedQty })
    .from(productionComponents)
    .where(eq(productionComponents.productionOrderId, id));
  if (parts.length === 0) return [];
  const { missing } = await reserveComponents(db, {
    productionOrderId: id,
    components: parts.map((p) => ({ materialId: p.materialId, quantity: thousandths(p.plannedQty) })),
  });
  return missing.map((m) => ({
    materialId: m.materialId,
    required: formatQuantity(m.required),
    available: formatQuantity(Math.max(0, m.available)),
  }));
}

/**
 * Moves the order (row locked). Confirming reserves; short of stock it waits with what is missing
 * (confirming again retries, all or nothing); starting moves a confirmed order it is made for to
 * in_production; cancelling releases whatever was reserved. Any other move: 409, nothing changes.
 */
export async function transitionProduction(
  db: Executor,
  caller: Caller,
  input: TransitionProductionInput,
): Promise<Transitioned> {
  const row = await lockProduction(db, input.id);
  const what = `Production order ${row.number}`;
  const refused = NOT_REQUESTED[input.to];
  if (refused) throw new AppError("ILLEGAL_TRANSITION", `${what} cannot be moved to ${input.to}: ${refused}`);
  assertTransition(productionMachine, what, row.status, input.to);
  const costs = seesCosts(caller);
  const before = await loadProductionOrder(db, row.id, costs);
  const now = new Date();
  let orderChange: Updated<Order> | undefined;
  let missing: Awaited<ReturnType<typeof reserve>> = [];
  const set: Partial<typeof productionOrders.$inferInsert> = {};

  if (input.to === "confirmed") {
    missing = await reserve(db, row.id);
    Object.assign(set, missing.length ? { status: "waiting_material" } : { status: "confirmed", confirmedAt: now });
  } else if (input.to === "in_progress") {
    Object.assign(set, { status: "in_progress", startedAt: now });
    orderChange = await startOrder(db, caller, row.orderId);
  } else if (input.to === "cancelled") {
    await releaseReservations(db, row.id);
    Object.assign(set, { status: "cancelled", cancelledAt: now, cancelReason: input.reason ?? null });
  }
  if (set.status !== row.status || set.confirmedAt) {
    await db.update(productionOrders).set(set).where(eq(productionOrders.id, row.id));
  }
  const after = await loadProductionOrder(db, row.id, costs);
  return { change: { before, after: missing.length ? { ...after, missing } : after }, orderChange };
}

/** The workshop starting on a confirmed order puts the order in production (orders' own transition and rules). */
async function startOrder(db: Executor, caller: Caller, orderId: number | null) {
  if (orderId === null) return undefined;
  const [order] = await db.select({ status: orders.status }).from(orders).where(eq(orders.id, orderId));
  if (order?.status !== "confirmed") return undefined;
  return transitionOrder(db, caller, { id: orderId, to: "in_production", reason: null });
}
