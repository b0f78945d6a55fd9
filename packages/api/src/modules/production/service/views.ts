import {
  type Executor,
  materials,
  orders,
  type ProductionOrderRow,
  productionComponents,
  productionOrders,
  products,
  stockBalances,
  stockLocations,
  stockReservations,
  users,
} from "@fotostudio/db";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { AppError } from "../../../errors.js";
import { formatCents, formatQuantity, parseCents, parseQuantity } from "../../../shared/fields.js";
import { costOf, efficiencyPercent, usageCost, wastePercent } from "../metrics.js";
import type { ProductionOrder, ProductionSummary } from "../output.schema.js";

// How production orders read: the row with its order's number and assignee's name, its components
// with what is reserved for them now, and — once registered — waste %, efficiency and (costs:read)
// the money behind them.

export const thousandths = (v: string | null | undefined) => parseQuantity(String(v ?? "0")) ?? 0;
export const cents = (v: string | null | undefined) => parseCents(String(v ?? "0")) ?? 0;

const OPEN = (status: ProductionOrderRow["status"]) => status !== "done" && status !== "cancelled";

export const isLate = (row: Pick<ProductionOrderRow, "status" | "dueAt">, now: Date) =>
  row.dueAt !== null && row.dueAt < now && OPEN(row.status);

export const summaryColumns = { row: productionOrders, orderNumber: orders.number, assigneeName: users.name };
export type SummaryRow = { row: ProductionOrderRow; orderNumber: string | null; assigneeName: string | null };

export const summaryQuery = (db: Executor) =>
  db
    .select(summaryColumns)
    .from(productionOrders)
    .leftJoin(orders, eq(orders.id, productionOrders.orderId))
    .leftJoin(users, eq(users.id, productionOrders.assigneeId))
    .$dynamic();

export function toSummary({ row, orderNumber, assigneeName }: SummaryRow, now = new Date()): ProductionSummary {
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    type: row.type,
    priority: row.priority,
    orderId: row.orderId,
    orderNumber,
    orderLineId: row.orderLineId,
    assigneeId: row.assigneeId,
    assigneeName,
    dueAt: row.dueAt,
    late: isLate(row, now),
    notes: row.notes,
    confirmedAt: row.confirmedAt,
    startedAt: row.startedAt,
    doneAt: row.doneAt,
    cancelledAt: row.cancelledAt,
    cancelReason: row.cancelReason,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** The production order's row (locked for a change), or 404. */
export async function getProductionRow(db: Executor, id: number, opts: { lock?: boolean } = {}) {
  const query = db.select().from(productionOrders).where(eq(productionOrders.id, id));
  const [row] = await (opts.lock ? query.for("update") : query);
  if (!row) throw new AppError("NOT_FOUND", `Production order ${id} not found`);
  return row;
}

/**
 * Locks the production order and then the order it is made for, before any plain read: every
 * change of a production order takes its locks in this order (no deadlock between two of them),
 * and the transaction's snapshot is taken after them, so it sees every sibling production order
 * committed by whoever held the order's lock before (register's "all its production is done").
 */
export async function lockProduction(db: Executor, id: number) {
  const row = await getProductionRow(db, id, { lock: true });
  if (row.orderId !== null) {
    await db.select({ id: orders.id }).from(orders).where(eq(orders.id, row.orderId)).for("update");
  }
  return row;
}

/** Active reservations of the order, per material (thousandths). */
export async function reservedOf(db: Executor, productionOrderId: number): Promise<Map<number, number>> {
  const rows = await db
    .select({ materialId: stockReservations.materialId, qty: sql<string>`sum(${stockReservations.quantity})` })
    .from(stockReservations)
    .where(and(eq(stockReservations.productionOrderId, productionOrderId), eq(stockReservations.status, "active")))
    .groupBy(stockReservations.materialId);
  return new Map(rows.map((r) => [r.materialId, thousandths(r.qty)]));
}

/** What a waiting order is short of now, at the default location (where confirm reserves). */
async function missingNow(db: Executor, needs: { materialId: number; planned: number }[]) {
  if (needs.length === 0) return [];
  const rows = await db
    .select({ materialId: stockBalances.materialId, onHand: stockBalances.onHand, reserved: stockBalances.reserved })
    .from(stockBalances)
    .innerJoin(stockLocations, eq(stockLocations.id, stockBalances.locationId))
    .where(
      and(
        eq(stockLocations.isDefault, true),
        inArray(
          stockBalances.materialId,
          needs.map((n) => n.materialId),
        ),
      ),
    );
  const available = new Map(rows.map((r) => [r.materialId, thousandths(r.onHand) - thousandths(r.reserved)]));
  return needs
    .map((n) => ({ ...n, available: available.get(n.materialId) ?? 0 }))
    .filter((n) => n.available < n.planned)
    .map((n) => ({
      materialId: n.materialId,
      required: formatQuantity(n.planned),
      available: formatQuantity(Math.max(0, n.available)),
    }));
}

export async function componentsOf(db: Executor, productionOrderId: number) {
  return db
    .select({ component: productionComponents, code: materials.code, name: materials.name, unit: materials.unit })
    .from(productionComponents)
    .innerJoin(materials, eq(materials.id, productionComponents.materialId))
    .where(eq(productionComponents.productionOrderId, productionOrderId))
    .orderBy(asc(productionComponents.id));
}

const withCost = <T extends object>(costs: boolean, fields: T): T | Record<string, never> => (costs ? fields : {});

/** The production order as the API shows it; costs only when `costs` (costs:read). */
export async function loadProductionOrder(db: Executor, id: number, costs: boolean): Promise<ProductionOrder> {
  const [head] = await summaryQuery(db).where(eq(productionOrders.id, id));
  if (!head) throw new AppError("NOT_FOUND", `Production order ${id} not found`);
  const [parts, reserved, [product]] = await Promise.all([
    componentsOf(db, id),
    reservedOf(db, id),
    db.select({ id: products.id }).from(products).where(eq(products.productionOrderId, id)).limit(1),
  ]);
  const registered = head.row.status === "done";
  const usages = parts.map(({ component: c }) => ({
    consumed: thousandths(c.consumedQty),
    waste: thousandths(c.wasteQty),
    unitCostCents: cents(c.unitCost),
  }));
  const total = usageCost(usages);
  const components = parts.map(({ component: c, code, name, unit }, i) => {
    const usage = usages[i] as (typeof usages)[number];
    return {
      materialId: c.materialId,
      materialCode: code,
      materialName: name,
      unit,
      plannedQty: c.plannedQty,
      reservedQty: formatQuantity(reserved.get(c.materialId) ?? 0),
      consumedQty: c.consumedQty,
      wasteQty: c.wasteQty,
      wasteReason: c.wasteReason,
      wastePercent: registered ? wastePercent(usage) : null,
      ...withCost(costs, {
        unitCost: c.unitCost ?? undefined,
        consumedCost: registered ? formatCents(costOf(usage.consumed, usage.unitCostCents)) : undefined,
        wasteCost: registered ? formatCents(costOf(usage.waste, usage.unitCostCents)) : undefined,
      }),
    };
  });
  const waiting = head.row.status === "waiting_material";
  const missing = waiting
    ? await missingNow(
        db,
        parts.map(({ component: c }) => ({ materialId: c.materialId, planned: thousandths(c.plannedQty) })),
      )
    : undefined;
  return {
    ...toSummary(head),
    components,
    ...(missing && { missing }),
    efficiency: registered ? efficiencyPercent(total) : null,
    ...withCost(
      costs,
      registered ? { consumedCost: formatCents(total.consumedCents), wasteCost: formatCents(total.wasteCents) } : {},
    ),
    productId: product?.id ?? null,
  };
}
