import { type Executor, orders, productionOrders } from "@fotostudio/db";
import { inArray, notInArray, sql } from "drizzle-orm";
import { addDays, startOfDay } from "../../../shared/studio-days.js";
import { pendingStatuses } from "../dashboard.schema.js";

// What is open now, in one statement per table. Late is the orders module's rule (the list's
// late=true): promised_at passed and neither delivered nor cancelled — a late quote counts, as the
// list shows it. Due today: promised within the studio's today; due soon: not late yet and promised
// by the end of the day after tomorrow (today and the next 2 days, in the studio's calendar).

const CLOSED = ["delivered", "cancelled"] as const;

export async function orderPipeline(db: Executor, now: Date, today: string, zone: string) {
  const todayStart = startOfDay(today, zone);
  const tomorrow = startOfDay(addDays(today, 1), zone);
  const soonEnd = startOfDay(addDays(today, 3), zone);
  const promised = orders.promisedAt;
  const rows = await db
    .select({
      status: orders.status,
      n: sql<number>`count(*)`,
      late: sql<number>`coalesce(sum(${promised} < ${now}), 0)`,
      dueToday: sql<number>`coalesce(sum(${promised} >= ${todayStart} and ${promised} < ${tomorrow}), 0)`,
      dueSoon: sql<number>`coalesce(sum(${promised} >= ${now} and ${promised} < ${soonEnd}), 0)`,
    })
    .from(orders)
    .where(notInArray(orders.status, [...CLOSED]))
    .groupBy(orders.status);
  const by = new Map(rows.map((r) => [r.status, r]));
  const sum = (key: "late" | "dueToday" | "dueSoon") => rows.reduce((s, r) => s + Number(r[key]), 0);
  return {
    pending: pendingStatuses.map((status) => ({ status, count: Number(by.get(status)?.n ?? 0) })),
    quotes: Number(by.get("draft")?.n ?? 0),
    late: sum("late"),
    dueToday: sum("dueToday"),
    dueSoon: sum("dueSoon"),
  };
}

/** Production orders at work now: started (in progress) and waiting for material. */
export async function productionNow(db: Executor) {
  const rows = await db
    .select({ status: productionOrders.status, n: sql<number>`count(*)` })
    .from(productionOrders)
    .where(inArray(productionOrders.status, ["in_progress", "waiting_material"]))
    .groupBy(productionOrders.status);
  const of = (s: string) => Number(rows.find((r) => r.status === s)?.n ?? 0);
  return { inProgress: of("in_progress"), waitingMaterial: of("waiting_material") };
}
