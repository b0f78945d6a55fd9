import {
  type Executor,
  type MaterialCategory,
  type MaterialUnit,
  materials,
  type ProductionType,
  productionComponents,
  productionOrders,
} from "@fotostudio/db";
import { and, asc, type Column, eq, sql } from "drizzle-orm";
import { bucketExpr, type Grouping, groupByBucket, type Period, within } from "../../../shared/periods.js";

// Production orders finished (done) in the period, by done_at: how many, their mean lead time
// (done − confirmed, in days) and what their components cost as used and as wasted, each
// component at its own registered unit cost, half-up per component as production/metrics.ts'
// `costOf` does — the KPIs then apply metrics.ts' efficiency to these sums.

export interface ProductionFacts {
  done: number;
  /** mean(done_at − confirmed_at) in days (two decimals), null when none was done. */
  leadDays: number | null;
  consumedCents: number;
  wasteCents: number;
}

const doneIn = (p: Period) => and(eq(productionOrders.status, "done"), within(productionOrders.doneAt, p));

const componentCost = (qty: Column) =>
  sql<string>`coalesce(sum(round(${qty} * coalesce(${productionComponents.unitCost}, 0) * 100)), 0)`;

const toFacts = (
  orders: { done: unknown; seconds: unknown } | undefined,
  costs: { consumed: unknown; waste: unknown } | undefined,
): ProductionFacts => ({
  done: Number(orders?.done ?? 0),
  leadDays: orders?.seconds == null ? null : Math.round((Number(orders.seconds) / 86_400) * 100) / 100,
  consumedCents: Number(costs?.consumed ?? 0),
  wasteCents: Number(costs?.waste ?? 0),
});

const orderColumns = {
  done: sql<number>`count(*)`,
  seconds: sql<string | null>`avg(timestampdiff(second, ${productionOrders.confirmedAt}, ${productionOrders.doneAt}))`,
};
const costColumns = {
  consumed: componentCost(productionComponents.consumedQty),
  waste: componentCost(productionComponents.wasteQty),
};

export async function productionFacts(db: Executor, p: Period): Promise<ProductionFacts> {
  const [orders] = await db.select(orderColumns).from(productionOrders).where(doneIn(p));
  const [costs] = await db
    .select(costColumns)
    .from(productionComponents)
    .innerJoin(productionOrders, eq(productionOrders.id, productionComponents.productionOrderId))
    .where(doneIn(p));
  return toFacts(orders, costs);
}

export async function productionSeries(db: Executor, p: Period, g: Grouping) {
  const orders = await db
    .select({ bucket: bucketExpr(productionOrders.doneAt, p, g).as("bucket"), ...orderColumns })
    .from(productionOrders)
    .where(doneIn(p))
    .groupBy(groupByBucket);
  const costs = await db
    .select({ bucket: bucketExpr(productionOrders.doneAt, p, g).as("bucket"), ...costColumns })
    .from(productionComponents)
    .innerJoin(productionOrders, eq(productionOrders.id, productionComponents.productionOrderId))
    .where(doneIn(p))
    .groupBy(groupByBucket);
  const byBucket = new Map(costs.map((c) => [c.bucket, c]));
  return new Map(orders.map((o) => [o.bucket, toFacts(o, byBucket.get(o.bucket))]));
}

/** What one material's components used and wasted over the period's done orders (its own unit). */
export interface MaterialUsageFacts {
  materialId: number;
  code: string;
  name: string;
  category: MaterialCategory;
  unit: MaterialUnit;
  /** Done production orders that had the material as a component. */
  orders: number;
  /** Σ in the material's base unit, as SQL sums them (decimal strings). */
  consumedQty: string;
  wasteQty: string;
  consumedCents: number;
  wasteCents: number;
}

/** Per material over the period's done orders: quantities stay within one material (one unit). */
export async function productionByMaterial(db: Executor, p: Period): Promise<MaterialUsageFacts[]> {
  const head = {
    materialId: materials.id,
    code: materials.code,
    name: materials.name,
    category: materials.category,
    unit: materials.unit,
  };
  const rows = await db
    .select({
      ...head,
      orders: sql<number>`count(*)`,
      consumedQty: sql<string>`coalesce(sum(${productionComponents.consumedQty}), 0)`,
      wasteQty: sql<string>`coalesce(sum(${productionComponents.wasteQty}), 0)`,
      ...costColumns,
    })
    .from(productionComponents)
    .innerJoin(productionOrders, eq(productionOrders.id, productionComponents.productionOrderId))
    .innerJoin(materials, eq(materials.id, productionComponents.materialId))
    .where(doneIn(p))
    .groupBy(...Object.values(head))
    .orderBy(asc(materials.code));
  return rows.map((r) => ({
    materialId: r.materialId,
    code: r.code,
    name: r.name,
    category: r.category,
    unit: r.unit,
    orders: Number(r.orders),
    consumedQty: String(r.consumedQty),
    wasteQty: String(r.wasteQty),
    consumedCents: Number(r.consumed),
    wasteCents: Number(r.waste),
  }));
}

/** The period's facts per production type (types with an order done in the period). */
export async function productionByType(db: Executor, p: Period): Promise<Map<ProductionType, ProductionFacts>> {
  const orders = await db
    .select({ type: productionOrders.type, ...orderColumns })
    .from(productionOrders)
    .where(doneIn(p))
    .groupBy(productionOrders.type);
  const costs = await db
    .select({ type: productionOrders.type, ...costColumns })
    .from(productionComponents)
    .innerJoin(productionOrders, eq(productionOrders.id, productionComponents.productionOrderId))
    .where(doneIn(p))
    .groupBy(productionOrders.type);
  const byType = new Map(costs.map((c) => [c.type, c]));
  return new Map(orders.map((o) => [o.type, toFacts(o, byType.get(o.type))]));
}
