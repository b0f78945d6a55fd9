import { type Executor, productionComponents, productionOrders } from "@fotostudio/db";
import { and, type Column, eq, sql } from "drizzle-orm";
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
