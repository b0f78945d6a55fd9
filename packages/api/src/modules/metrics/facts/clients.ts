import { type Executor, orders } from "@fotostudio/db";
import { and, inArray, lt, sql } from "drizzle-orm";
import { bucketExpr, type Grouping, groupByBucket, type Period } from "../../../shared/periods.js";
import { SOLD_STATUSES, soldIn } from "../../reports/financial/facts.js";

// Clients of a period (SPEC 6): active = at least one sale in it; new = their first sale ever falls
// in it; returning = active and not new. A sale is what the financial report counts (soldIn).

export interface ClientFacts {
  active: number;
  new: number;
}

/** Each client's first sale ever (before `before`), as a derived table: also the clients report's "new". */
export const firstSales = (db: Executor, before: Date) =>
  db
    .select({ clientId: orders.clientId, first: sql<Date>`min(${orders.confirmedAt})`.as("first_sale") })
    .from(orders)
    .where(and(inArray(orders.status, [...SOLD_STATUSES]), lt(orders.confirmedAt, before)))
    .groupBy(orders.clientId)
    .as("firsts");

export async function clientFacts(db: Executor, p: Period): Promise<ClientFacts> {
  const firsts = firstSales(db, p.end);
  const [row] = await db
    .select({
      active: sql<number>`count(distinct ${orders.clientId})`,
      new: sql<number>`count(distinct case when ${firsts.first} >= ${p.start} then ${orders.clientId} end)`,
    })
    .from(orders)
    .innerJoin(firsts, sql`${firsts.clientId} = ${orders.clientId}`)
    .where(soldIn(p));
  return { active: Number(row?.active ?? 0), new: Number(row?.new ?? 0) };
}

/**
 * Per bucket: clients with a sale in it, and clients whose first sale falls in it (a new client is
 * active in the bucket of their first sale, so returning = active − new there too).
 */
export async function clientSeries(db: Executor, p: Period, g: Grouping) {
  const active = await db
    .select({
      bucket: bucketExpr(orders.confirmedAt, p, g).as("bucket"),
      n: sql<number>`count(distinct ${orders.clientId})`,
    })
    .from(orders)
    .where(soldIn(p))
    .groupBy(groupByBucket);
  const firsts = firstSales(db, p.end);
  const first = sql`${firsts.first}`;
  const fresh = await db
    .select({ bucket: bucketExpr(first, p, g).as("bucket"), n: sql<number>`count(*)` })
    .from(firsts)
    .where(sql`${first} >= ${p.start} and ${first} < ${p.end}`)
    .groupBy(groupByBucket);
  const news = new Map(fresh.map((r) => [r.bucket, Number(r.n)]));
  return new Map<string, ClientFacts>(
    active.map((r) => [r.bucket, { active: Number(r.n), new: news.get(r.bucket) ?? 0 }]),
  );
}
