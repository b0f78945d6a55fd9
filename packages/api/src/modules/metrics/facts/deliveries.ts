import { type Executor, orders } from "@fotostudio/db";
import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { bucketExpr, type Grouping, groupByBucket, type Period, within } from "../../../shared/periods.js";
import { OPEN_STATUSES } from "../../reports/financial/facts.js";

// The order pipeline: what is pending now (a snapshot, whatever the period) and how the period's
// deliveries went. Late (atrasado) is the orders module's rule: promised_at passed and neither
// delivered nor cancelled — of the pending statuses only (a draft is a quote, nobody waits for it).

export type OpenStatus = (typeof OPEN_STATUSES)[number];

export interface PipelineFacts {
  byStatus: Record<OpenStatus, number>;
  pending: number;
  late: number;
}

export async function pipelineFacts(db: Executor, now: Date): Promise<PipelineFacts> {
  const rows = await db
    .select({
      status: orders.status,
      n: sql<number>`count(*)`,
      late: sql<number>`coalesce(sum(${orders.promisedAt} < ${now}), 0)`,
    })
    .from(orders)
    .where(inArray(orders.status, [...OPEN_STATUSES]))
    .groupBy(orders.status);
  const byStatus = Object.fromEntries(OPEN_STATUSES.map((s) => [s, 0])) as Record<OpenStatus, number>;
  let late = 0;
  for (const r of rows) {
    byStatus[r.status as OpenStatus] = Number(r.n);
    late += Number(r.late);
  }
  return { byStatus, pending: Object.values(byStatus).reduce((a, b) => a + b, 0), late };
}

export interface DeliveryFacts {
  delivered: number;
  /** Delivered orders that had a promised date. */
  promised: number;
  /** …of which delivered by it (delivered_at ≤ promised_at). */
  onTime: number;
  /** mean(delivered_at − confirmed_at) in days, null when nothing was delivered. */
  averageDays: number | null;
}

const deliveryColumns = {
  delivered: sql<number>`count(*)`,
  promised: sql<number>`count(${orders.promisedAt})`,
  onTime: sql<number>`coalesce(sum(${orders.deliveredAt} <= ${orders.promisedAt}), 0)`,
  seconds: sql<string | null>`avg(timestampdiff(second, ${orders.confirmedAt}, ${orders.deliveredAt}))`,
};

const deliveredIn = (p: Period) =>
  and(eq(orders.status, "delivered"), isNotNull(orders.confirmedAt), within(orders.deliveredAt, p));

type DeliveryRow = { [K in keyof typeof deliveryColumns]: unknown };

const toDelivery = (r: DeliveryRow | undefined): DeliveryFacts => ({
  delivered: Number(r?.delivered ?? 0),
  promised: Number(r?.promised ?? 0),
  onTime: Number(r?.onTime ?? 0),
  averageDays: r?.seconds == null ? null : Math.round((Number(r.seconds) / 86_400) * 100) / 100,
});

/** The orders delivered in the period (orders_delivered_idx), by delivered_at. */
export async function deliveryFacts(db: Executor, p: Period): Promise<DeliveryFacts> {
  const [row] = await db.select(deliveryColumns).from(orders).where(deliveredIn(p));
  return toDelivery(row);
}

export async function deliverySeries(db: Executor, p: Period, g: Grouping) {
  const rows = await db
    .select({ bucket: bucketExpr(orders.deliveredAt, p, g).as("bucket"), ...deliveryColumns })
    .from(orders)
    .where(deliveredIn(p))
    .groupBy(groupByBucket);
  return new Map(rows.map((r) => [r.bucket, toDelivery(r)]));
}
