import { type Executor, orders, productionOrders, users } from "@fotostudio/db";
import { and, asc, count, eq, isNull, lt, not, notInArray, or, type SQL } from "drizzle-orm";
import { listPage, type Page } from "../../../shared/list.js";
import type { ProductionSummary } from "../output.schema.js";
import { type ListProductionOrdersInput, productionSort } from "../production.schema.js";
import { summaryQuery, toSummary } from "./views.js";

const CLOSED = ["done", "cancelled"] as const;

/** Late, derived (never stored): the due instant passed and the order is neither done nor cancelled. */
export const lateAt = (now: Date) =>
  and(lt(productionOrders.dueAt, now), notInArray(productionOrders.status, [...CLOSED])) as SQL;

export async function listProductionOrders(
  db: Executor,
  input: ListProductionOrdersInput,
): Promise<Page<ProductionSummary>> {
  const now = new Date();
  const filters = [
    input.status && eq(productionOrders.status, input.status),
    input.priority && eq(productionOrders.priority, input.priority),
    input.type && eq(productionOrders.type, input.type),
    input.assigneeId !== undefined && eq(productionOrders.assigneeId, input.assigneeId),
    input.orderId !== undefined && eq(productionOrders.orderId, input.orderId),
    input.late === true && lateAt(now),
    input.late === false && (or(isNull(productionOrders.dueAt), not(lateAt(now))) as SQL),
  ];
  const page = await listPage(
    {
      rows: summaryQuery(db),
      count: db
        .select({ n: count() })
        .from(productionOrders)
        .leftJoin(orders, eq(orders.id, productionOrders.orderId))
        .leftJoin(users, eq(users.id, productionOrders.assigneeId))
        .$dynamic(),
    },
    input,
    { sort: productionSort, tiebreak: productionOrders.id, search: [productionOrders.number], filters },
  );
  return { ...page, results: page.results.map((row) => toSummary(row, now)) };
}

/**
 * Production orders past their due date and still open, most overdue first: what the alerts list
 * and the dashboard show beside the stock alerts (derived when read, never stored).
 */
export async function lateProductionOrders(db: Executor, now = new Date(), limit = 100): Promise<ProductionSummary[]> {
  const rows = await summaryQuery(db).where(lateAt(now)).orderBy(asc(productionOrders.dueAt)).limit(limit);
  return rows.map((row) => toSummary(row, now));
}
