import { type Executor, orderLines, orders } from "@fotostudio/db";
import { and, eq, type SQL, sql } from "drizzle-orm";
import { bucketExpr, type Grouping, groupByBucket, type Period } from "../../../shared/periods.js";
import { cents, soldIn } from "../../reports/financial/facts.js";

// Sales as the financial report defines them (`soldIn`: confirmed, in production, ready or
// delivered, on the studio's day of confirmed_at; never draft or cancelled), with the one filter a
// saved metric may add: the order's service. One statement per figure, GROUP BY for series.

/** What a sales KPI may be narrowed to. */
export interface SalesFilter {
  serviceId?: number;
}

export interface SalesFacts {
  revenueCents: number;
  ordersCount: number;
}

export interface MarginFacts extends SalesFacts {
  /** Σ order_lines.cost of the sales: what they cost the studio. */
  costCents: number;
}

const sold = (p: Pick<Period, "start" | "end">, f: SalesFilter): SQL =>
  and(soldIn(p), f.serviceId === undefined ? undefined : eq(orders.serviceId, f.serviceId)) as SQL;

const revenue = sql<string>`coalesce(sum(${orders.total}), 0)`;

export async function salesFacts(db: Executor, p: Period, f: SalesFilter): Promise<SalesFacts> {
  const [row] = await db.select({ revenue, n: sql<number>`count(*)` }).from(orders).where(sold(p, f));
  return { revenueCents: cents(row?.revenue), ordersCount: Number(row?.n ?? 0) };
}

export async function salesSeries(db: Executor, p: Period, g: Grouping, f: SalesFilter) {
  const rows = await db
    .select({ bucket: bucketExpr(orders.confirmedAt, p, g).as("bucket"), revenue, n: sql<number>`count(*)` })
    .from(orders)
    .where(sold(p, f))
    .groupBy(groupByBucket);
  return new Map<string, SalesFacts>(
    rows.map((r) => [r.bucket, { revenueCents: cents(r.revenue), ordersCount: Number(r.n) }]),
  );
}

/** Revenue with the line costs of the same orders: one statement (the cost in a subquery). */
export async function marginFacts(db: Executor, p: Period, f: SalesFilter): Promise<MarginFacts> {
  const cost = db
    .select({ cost: sql<string>`coalesce(sum(${orderLines.cost}), 0)` })
    .from(orderLines)
    .innerJoin(orders, eq(orders.id, orderLines.orderId))
    .where(sold(p, f));
  const [row] = await db
    .select({ revenue, n: sql<number>`count(*)`, cost: sql<string>`(${cost})` })
    .from(orders)
    .where(sold(p, f));
  return { revenueCents: cents(row?.revenue), ordersCount: Number(row?.n ?? 0), costCents: cents(row?.cost) };
}

/** Revenue and line costs per bucket: two grouped statements, merged by bucket. */
export async function marginSeries(db: Executor, p: Period, g: Grouping, f: SalesFilter) {
  const sales = await salesSeries(db, p, g, f);
  const rows = await db
    .select({
      bucket: bucketExpr(orders.confirmedAt, p, g).as("bucket"),
      cost: sql<string>`coalesce(sum(${orderLines.cost}), 0)`,
    })
    .from(orderLines)
    .innerJoin(orders, eq(orders.id, orderLines.orderId))
    .where(sold(p, f))
    .groupBy(groupByBucket);
  const costs = new Map(rows.map((r) => [r.bucket, cents(r.cost)]));
  const out = new Map<string, MarginFacts>();
  for (const bucket of new Set([...sales.keys(), ...costs.keys()])) {
    const s = sales.get(bucket) ?? { revenueCents: 0, ordersCount: 0 };
    out.set(bucket, { ...s, costCents: costs.get(bucket) ?? 0 });
  }
  return out;
}

/** Revenue of the period and of the one before it (growth), in one pass over both. */
export async function growthFacts(db: Executor, p: Period, previous: Period, f: SalesFilter) {
  const [row] = await db
    .select({
      current: sql<string>`coalesce(sum(case when ${orders.confirmedAt} >= ${p.start} then ${orders.total} end), 0)`,
      previous: sql<string>`coalesce(sum(case when ${orders.confirmedAt} < ${p.start} then ${orders.total} end), 0)`,
    })
    .from(orders)
    .where(sold({ start: previous.start, end: p.end }, f));
  return { currentCents: cents(row?.current), previousCents: cents(row?.previous) };
}
