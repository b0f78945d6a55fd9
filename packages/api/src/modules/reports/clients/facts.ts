import { clients, type Executor, orders } from "@fotostudio/db";
import { asc, eq, sql } from "drizzle-orm";
import type { Period } from "../../../shared/periods.js";
import { firstSales } from "../../metrics/facts/clients.js";
import { cents, soldIn } from "../financial/facts.js";

// The clients report's own figures, over the same sales as the metrics' clients KPIs (soldIn).

export const TOP_CLIENTS = 10;

/**
 * Of the clients who bought in `previous`, how many bought again in `p`: one pass over both
 * periods' sales (adjacent: `previous` ends where `p` starts), a flag pair per client.
 */
export async function retentionFacts(db: Executor, p: Period, previous: Period) {
  const flags = db
    .select({
      clientId: orders.clientId,
      before: sql<number>`max(${orders.confirmedAt} < ${previous.end})`.as("bought_before"),
      again: sql<number>`max(${orders.confirmedAt} >= ${p.start})`.as("bought_again"),
    })
    .from(orders)
    .where(soldIn({ start: previous.start, end: p.end }))
    .groupBy(orders.clientId)
    .as("flags");
  const [row] = await db
    .select({
      base: sql<number>`coalesce(sum(${flags.before}), 0)`,
      retained: sql<number>`coalesce(sum(${flags.before} and ${flags.again}), 0)`,
    })
    .from(flags);
  return { base: Number(row?.base ?? 0), retained: Number(row?.retained ?? 0) };
}

/** The clients with the most revenue in the period, with their orders and whether they are new. */
export async function topClients(db: Executor, p: Period, limit = TOP_CLIENTS) {
  const firsts = firstSales(db, p.end);
  const revenue = sql<string>`coalesce(sum(${orders.total}), 0)`;
  const rows = await db
    .select({
      clientId: orders.clientId,
      name: clients.name,
      kind: clients.kind,
      revenue,
      count: sql<number>`count(*)`,
      isNew: sql<number>`max(${firsts.first} >= ${p.start})`,
    })
    .from(orders)
    .innerJoin(firsts, eq(firsts.clientId, orders.clientId))
    .leftJoin(clients, eq(clients.id, orders.clientId))
    .where(soldIn(p))
    .groupBy(orders.clientId, clients.name, clients.kind)
    .orderBy(sql`sum(${orders.total}) desc`, sql`count(*) desc`, asc(orders.clientId))
    .limit(limit);
  return rows.map((r) => ({
    clientId: r.clientId,
    name: r.name,
    kind: r.kind,
    cents: cents(r.revenue),
    count: Number(r.count),
    isNew: Number(r.isNew) === 1,
  }));
}
