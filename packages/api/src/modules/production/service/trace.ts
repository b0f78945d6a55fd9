import {
  clients,
  type Executor,
  materials,
  orderLines,
  orders,
  type ProductRow,
  productionComponents,
  productionOrders,
  products,
  type StockMovementRow,
  stockMovements,
} from "@fotostudio/db";
import { eq, inArray } from "drizzle-orm";
import { AppError } from "../../../errors.js";
import { formatCents } from "../../../shared/fields.js";
import { movementsOfProductionOrder } from "../../inventory/stock/index.js";
import type { MovementOut, MovementTrace, ProductionSummary, Trace } from "../output.schema.js";
import { cents, summaryQuery, toSummary } from "./views.js";

// Traceability (SPEC 6): every consume and waste movement leads to its production order → order
// line → order → client, and a production order to everything it moved.

export const toMovement = (m: StockMovementRow, costs: boolean): MovementOut => ({
  id: m.id,
  type: m.type,
  materialId: m.materialId,
  quantity: m.quantity,
  fromLocationId: m.fromLocationId,
  toLocationId: m.toLocationId,
  ...(costs && { unitCost: formatCents(cents(m.unitCost)) }),
  reason: m.reason,
  userId: m.userId,
  productionOrderId: m.productionOrderId,
  createdAt: m.createdAt,
});

export const toProduced = (p: ProductRow) => ({
  id: p.id,
  code: p.code,
  description: p.description,
  kind: p.kind,
  status: p.status,
  orderId: p.orderId,
  productionOrderId: p.productionOrderId,
  locationId: p.locationId,
});

/** The order line, order and client a production order is for (each null when it has none). */
async function upstream(db: Executor, po: ProductionSummary) {
  const [line] = po.orderLineId
    ? await db
        .select({
          id: orderLines.id,
          position: orderLines.position,
          kind: orderLines.kind,
          description: orderLines.description,
          quantity: orderLines.quantity,
        })
        .from(orderLines)
        .where(eq(orderLines.id, po.orderLineId))
    : [];
  const [order] = po.orderId
    ? await db
        .select({ id: orders.id, number: orders.number, status: orders.status, clientId: orders.clientId })
        .from(orders)
        .where(eq(orders.id, po.orderId))
    : [];
  const [client] = order
    ? await db
        .select({ id: clients.id, name: clients.name, phone: clients.phone })
        .from(clients)
        .where(eq(clients.id, order.clientId))
    : [];
  return { orderLine: line ?? null, order: order ?? null, client: client ?? null };
}

async function summaryOf(db: Executor, id: number): Promise<ProductionSummary | null> {
  const [head] = await summaryQuery(db).where(eq(productionOrders.id, id));
  return head ? toSummary(head) : null;
}

/** GET production/orders/{id}/trace: the production order's movements, materials, line, order, client and product. */
export async function traceProductionOrder(db: Executor, id: number, costs: boolean): Promise<Trace> {
  const productionOrder = await summaryOf(db, id);
  if (!productionOrder) throw new AppError("NOT_FOUND", `Production order ${id} not found`);
  const [links, movements, parts, [product]] = await Promise.all([
    upstream(db, productionOrder),
    movementsOfProductionOrder(db, id),
    db
      .select({ materialId: productionComponents.materialId })
      .from(productionComponents)
      .where(eq(productionComponents.productionOrderId, id)),
    db.select().from(products).where(eq(products.productionOrderId, id)).limit(1),
  ]);
  const ids = [...new Set([...parts.map((p) => p.materialId), ...movements.map((m) => m.materialId)])];
  const named = ids.length
    ? await db
        .select({ id: materials.id, code: materials.code, name: materials.name, unit: materials.unit })
        .from(materials)
        .where(inArray(materials.id, ids))
    : [];
  return {
    productionOrder,
    ...links,
    product: product ? toProduced(product) : null,
    movements: [...movements].sort((a, b) => a.id - b.id).map((m) => toMovement(m, costs)),
    materials: named,
  };
}

/** GET production/trace/movement/{movementId}: any movement back to its production order, order and client. */
export async function traceMovement(db: Executor, movementId: number, costs: boolean): Promise<MovementTrace> {
  const [movement] = await db.select().from(stockMovements).where(eq(stockMovements.id, movementId));
  if (!movement) throw new AppError("NOT_FOUND", `Stock movement ${movementId} not found`);
  const productionOrder = movement.productionOrderId ? await summaryOf(db, movement.productionOrderId) : null;
  const links = productionOrder ? await upstream(db, productionOrder) : { orderLine: null, order: null, client: null };
  return { movement: toMovement(movement, costs), productionOrder, ...links };
}
