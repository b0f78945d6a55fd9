import {
  type Executor,
  materials,
  orderLines,
  orders,
  type ProductionType,
  type ProductKind,
  productionComponents,
  productionOrders,
  stockAlerts,
} from "@fotostudio/db";
import { and, eq, inArray, notInArray } from "drizzle-orm";
import { AppError, type Issue } from "../../../errors.js";
import type { Updated } from "../../../shared/changes.js";
import { formatQuantity } from "../../../shared/fields.js";
import { assertTransition } from "../../../shared/transitions.js";
import { readSettings } from "../../config/settings.service.js";
import { consumeForProduction, releaseReservations } from "../../inventory/stock/index.js";
import type { Order } from "../../orders/output.schema.js";
import { transitionOrder } from "../../orders/service/transitions.js";
import { createProduct } from "../../products/products.service.js";
import { wasteAbove, wastePercent } from "../metrics.js";
import type { ProductionOrder, Registered } from "../output.schema.js";
import type { RegisterInput } from "../production.schema.js";
import { toMovement, toProduced } from "./trace.js";
import { productionMachine } from "./transition.js";
import { cents, componentsOf, loadProductionOrder, lockProduction } from "./views.js";
import { type Caller, seesCosts } from "./write.js";

/** What the finished piece is, by the kind of work that made it. */
const PRODUCT_KIND: Record<ProductionType, ProductKind> = {
  framing: "frame",
  minilab: "print",
  graduation: "graduation",
  laser_cut: "souvenir",
  digital_editing: "print",
  other: "other",
};

export interface RegisterResult {
  change: Updated<ProductionOrder>;
  registered: Registered;
  /** The order, when this registration finished its production (in_production → ready). */
  orderChange?: Updated<Order> | undefined;
}

/** Every consumed or wasted material must be one of the order's components (planned while draft). */
function checkComponents(input: RegisterInput, planned: Set<number>): void {
  const issues: Issue[] = [];
  for (const [list, entries] of [
    ["consumed", input.consumed],
    ["waste", input.waste],
  ] as const) {
    entries.forEach((e, i) => {
      if (!planned.has(e.materialId))
        issues.push({
          path: `${list}.${i}.materialId`,
          message: `Material ${e.materialId} is not a component of this production order`,
          code: "custom",
        });
    });
  }
  if (issues.length) throw new AppError("VALIDATION_ERROR", "Input validation failed", { issues });
}

/**
 * Records a production order's output in one transaction (SPEC 6): consume and waste movements
 * from the default location (INVENTORY's consumeForProduction, all or nothing: 422
 * INSUFFICIENT_STOCK), what each component used and wasted at its moving-average cost, leftover
 * reservations released, the order done, the finished product created, a high_waste alert per
 * material past the studio's threshold, and the order it was made for moved to ready when all its
 * production is done. Only from in_progress; a second registration is 409 and changes nothing.
 */
export async function registerOutput(db: Executor, caller: Caller, input: RegisterInput): Promise<RegisterResult> {
  const row = await lockProduction(db, input.productionOrderId);
  assertTransition(productionMachine, `Production order ${row.number}`, row.status, "done");
  const costs = seesCosts(caller);
  const parts = await componentsOf(db, row.id);
  checkComponents(input, new Set(parts.map((p) => p.component.materialId)));
  const before = await loadProductionOrder(db, row.id, costs);

  const movements = await consumeForProduction(db, {
    productionOrderId: row.id,
    userId: caller.userId,
    consumed: input.consumed.map((c) => ({ materialId: c.materialId, quantity: c.quantity })),
    waste: input.waste.map((w) => ({ materialId: w.materialId, quantity: w.quantity, reason: w.reason })),
  });
  await releaseReservations(db, row.id);

  const used = new Map(input.consumed.map((c) => [c.materialId, c.quantity]));
  const wasted = new Map(input.waste.map((w) => [w.materialId, w]));
  // The cost the movements were written at (the moving average then); a component that moved
  // nothing keeps the material's current average, so its line still reads.
  const movedAt = new Map(movements.map((m) => [m.materialId, m.unitCost]));
  const averages = new Map(
    (
      await db
        .select({ id: materials.id, avgCost: materials.avgCost })
        .from(materials)
        .where(
          inArray(
            materials.id,
            parts.map((p) => p.component.materialId),
          ),
        )
    ).map((m) => [m.id, m.avgCost]),
  );
  const { wasteThresholdPercent } = await readSettings(db, "alerts");
  for (const { component: c } of parts) {
    const usage = { consumed: used.get(c.materialId) ?? 0, waste: wasted.get(c.materialId)?.quantity ?? 0 };
    await db
      .update(productionComponents)
      .set({
        consumedQty: formatQuantity(usage.consumed),
        wasteQty: formatQuantity(usage.waste),
        wasteReason: wasted.get(c.materialId)?.reason ?? null,
        unitCost: movedAt.get(c.materialId) ?? averages.get(c.materialId) ?? null,
      })
      .where(eq(productionComponents.id, c.id));
    if (wasteAbove(usage, wasteThresholdPercent)) {
      await db.insert(stockAlerts).values({
        kind: "high_waste",
        materialId: c.materialId,
        productionOrderId: row.id,
        wastePercent: wastePercent(usage),
      });
    }
  }
  await db.update(productionOrders).set({ status: "done", doneAt: new Date() }).where(eq(productionOrders.id, row.id));

  const [line] = row.orderLineId
    ? await db
        .select({ description: orderLines.description, unitPrice: orderLines.unitPrice })
        .from(orderLines)
        .where(eq(orderLines.id, row.orderLineId))
    : [];
  const [order] = row.orderId
    ? await db.select({ status: orders.status }).from(orders).where(eq(orders.id, row.orderId))
    : [];
  const orderOpen = order !== undefined && order.status !== "cancelled" && order.status !== "delivered";
  // The piece sells at the line's unit price unless the workshop says otherwise.
  const priceCents = input.product?.price ?? (line ? cents(line.unitPrice) : undefined);
  const product = await createProduct(db, {
    description: input.product?.description ?? line?.description ?? `${row.number} (${row.type})`,
    kind: PRODUCT_KIND[row.type],
    productionOrderId: row.id,
    // Set aside for its order, unless the order was cancelled (or delivered) meanwhile: the piece
    // then waits in stock, available.
    ...(orderOpen && row.orderId !== null && { orderId: row.orderId }),
    ...(input.product?.locationId !== undefined && { locationId: input.product.locationId }),
    ...(priceCents !== undefined && { priceCents }),
    userId: caller.userId,
  });
  const orderChange = await finishOrder(db, caller, row.orderId);
  const after = await loadProductionOrder(db, row.id, costs);
  return {
    change: { before, after },
    orderChange,
    registered: {
      productionOrder: after,
      product: toProduced(product),
      movements: movements.map((m) => toMovement(m, costs)),
    },
  };
}

/**
 * The order it was made for goes in_production → ready (orders' own transition: one set of rules,
 * audited) once every production order of it is done or cancelled, at least one done. The order's
 * row is locked since lockProduction, so two last registrations of one order cannot both miss it.
 */
async function finishOrder(db: Executor, caller: Caller, orderId: number | null) {
  if (orderId === null) return undefined;
  const [order] = await db.select({ status: orders.status }).from(orders).where(eq(orders.id, orderId));
  if (order?.status !== "in_production") return undefined;
  const [open] = await db
    .select({ id: productionOrders.id })
    .from(productionOrders)
    .where(and(eq(productionOrders.orderId, orderId), notInArray(productionOrders.status, ["done", "cancelled"])))
    .limit(1);
  if (open) return undefined;
  return transitionOrder(db, caller, { id: orderId, to: "ready", reason: null });
}
