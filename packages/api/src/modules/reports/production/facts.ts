import { type Executor, productionOrders } from "@fotostudio/db";
import { sql } from "drizzle-orm";
import { type Period, within } from "../../../shared/periods.js";

/** Production orders created in the period, counted by their status now and their type. */
export async function ordersCreatedIn(db: Executor, p: Period) {
  const rows = await db
    .select({ status: productionOrders.status, type: productionOrders.type, count: sql<number>`count(*)` })
    .from(productionOrders)
    .where(within(productionOrders.createdAt, p))
    .groupBy(productionOrders.status, productionOrders.type);
  return rows.map((r) => ({ ...r, count: Number(r.count) }));
}
