import { type Executor, orderLines, orderPayments, orders, services } from "@fotostudio/db";
import { and, eq, inArray, lt, sql } from "drizzle-orm";
import { parseCents } from "../../../shared/fields.js";
import { signedAmount } from "../../../shared/payments.js";
import { bucketExpr, fillSeries, type Grouping, groupByBucket, type Period, within } from "../../../shared/periods.js";

// The sales figures every report, KPI and dashboard reads, one statement each. A sale is an order
// past the quote and not cancelled (confirmed, in_production, ready, delivered), counted on the
// studio's day it was confirmed: the day the quote became a sale note.

export const SOLD_STATUSES = ["confirmed", "in_production", "ready", "delivered"] as const;
/** Sold and not yet delivered: what the client may still owe. */
export const OPEN_STATUSES = ["confirmed", "in_production", "ready"] as const;

/** Orders sold in the period (orders_confirmed_idx: confirmed_at, status). */
export const soldIn = (p: Pick<Period, "start" | "end">) =>
  and(within(orders.confirmedAt, p), inArray(orders.status, [...SOLD_STATUSES]));

/** A SQL decimal sum (a string, null over no rows) as integer cents. */
export const cents = (value: unknown): number => parseCents(String(value ?? "0")) ?? 0;

/** Σ decimal column, never null. */
const total = (column: Parameters<typeof sql>[1]) => sql<string>`coalesce(sum(${column}), 0)`;

/** Revenue, the number of sales and the average ticket (cents, half-up) of the period. */
export async function salesTotals(db: Executor, p: Period) {
  const [row] = await db
    .select({ revenue: total(orders.total), count: sql<number>`count(*)` })
    .from(orders)
    .where(soldIn(p));
  const revenueCents = cents(row?.revenue);
  const ordersCount = Number(row?.count ?? 0);
  return { revenueCents, ordersCount, averageTicketCents: averageOf(revenueCents, ordersCount) };
}

/** A mean of cents, rounded half-up (0 over nothing). */
export const averageOf = (sum: number, n: number) => (n === 0 ? 0 : Math.round(sum / n));

/** Revenue and sales per bucket of the studio's calendar, every bucket present. */
export async function revenueSeries(db: Executor, p: Period, groupBy: Grouping) {
  const rows = await db
    .select({
      bucket: bucketExpr(orders.confirmedAt, p, groupBy).as("bucket"),
      revenue: total(orders.total),
      count: sql<number>`count(*)`,
    })
    .from(orders)
    .where(soldIn(p))
    .groupBy(groupByBucket);
  const byBucket = new Map(rows.map((r) => [r.bucket, { cents: cents(r.revenue), orders: Number(r.count) }]));
  return fillSeries(p, groupBy, byBucket, { cents: 0, orders: 0 }).map(({ period, value }) => ({ period, ...value }));
}

/** Revenue per service (the order's service; none: `serviceId` null), largest first. */
export async function revenueByService(db: Executor, p: Period) {
  const rows = await db
    .select({
      serviceId: orders.serviceId,
      service: services.name,
      revenue: total(orders.total),
      count: sql<number>`count(*)`,
    })
    .from(orders)
    .leftJoin(services, eq(services.id, orders.serviceId))
    .where(soldIn(p))
    .groupBy(orders.serviceId, services.name);
  return rows
    .map((r) => ({ serviceId: r.serviceId, service: r.service, cents: cents(r.revenue), count: Number(r.count) }))
    .sort((a, b) => b.cents - a.cents || (a.service ?? "").localeCompare(b.service ?? ""));
}

/** Money received in the period (payment rows by their instant): per method, deposits, refunds. */
export async function paymentsIn(db: Executor, p: Period) {
  const rows = await db
    .select({
      method: orderPayments.method,
      net: total(signedAmount(orderPayments.kind, orderPayments.amount)),
      deposits: total(sql`case when ${orderPayments.kind} = 'deposit' then ${orderPayments.amount} else 0 end`),
      refunds: total(sql`case when ${orderPayments.kind} = 'refund' then ${orderPayments.amount} else 0 end`),
    })
    .from(orderPayments)
    .where(within(orderPayments.createdAt, p))
    .groupBy(orderPayments.method);
  const byMethod = rows.map((r) => ({ method: r.method, cents: cents(r.net) })).sort((a, b) => b.cents - a.cents);
  return {
    byMethod,
    netCents: byMethod.reduce((sum, r) => sum + r.cents, 0),
    depositsCents: rows.reduce((sum, r) => sum + cents(r.deposits), 0),
    refundsCents: rows.reduce((sum, r) => sum + cents(r.refunds), 0),
  };
}

export const AGING_BUCKETS = ["0-30", "31-60", "61-90", "90+"] as const;

/**
 * What open sales still owe as of an instant (total − payments made before it), aged by the days
 * since each was confirmed: 0–30, 31–60, 61–90 and over 90. Fully paid orders owe nothing.
 */
export async function receivables(db: Executor, asOf: Date) {
  const paid = db
    .select({
      orderId: orderPayments.orderId,
      paid: sql<string>`sum(${signedAmount(orderPayments.kind, orderPayments.amount)})`.as("paid"),
    })
    .from(orderPayments)
    .where(lt(orderPayments.createdAt, asOf))
    .groupBy(orderPayments.orderId)
    .as("paid");
  const age = sql`timestampdiff(day, ${orders.confirmedAt}, ${asOf})`;
  const balance = sql`${orders.total} - coalesce(${paid.paid}, 0)`;
  const rows = await db
    .select({
      bucket:
        sql<string>`case when ${age} <= 30 then '0-30' when ${age} <= 60 then '31-60' when ${age} <= 90 then '61-90' else '90+' end`.as(
          "bucket",
        ),
      owed: total(balance),
      count: sql<number>`count(*)`,
    })
    .from(orders)
    .leftJoin(paid, eq(paid.orderId, orders.id))
    .where(
      and(
        inArray(orders.status, [...OPEN_STATUSES]),
        lt(orders.confirmedAt, asOf),
        sql`${orders.total} - coalesce(${paid.paid}, 0) > 0`,
      ),
    )
    .groupBy(groupByBucket);
  const found = new Map(rows.map((r) => [r.bucket, { cents: cents(r.owed), count: Number(r.count) }]));
  const aging = AGING_BUCKETS.map((bucket) => ({ bucket, ...(found.get(bucket) ?? { cents: 0, count: 0 }) }));
  return { totalCents: aging.reduce((sum, a) => sum + a.cents, 0), aging };
}

/** What the period's sales cost the studio (Σ line costs): for margins, shown with costs:read only. */
export async function salesCostCents(db: Executor, p: Period): Promise<number> {
  const [row] = await db
    .select({ cost: total(orderLines.cost) })
    .from(orderLines)
    .innerJoin(orders, eq(orders.id, orderLines.orderId))
    .where(soldIn(p));
  return cents(row?.cost);
}
