import { clients, orders } from "@fotostudio/db";
import { type SQL, sql } from "drizzle-orm";

/**
 * A client's order statistics, computed in the same query as the client (correlated subqueries on
 * the orders_client index), never stored: orders past the quote and not cancelled — how many, what
 * they total, when the newest was made.
 */
const counted = sql`${orders.clientId} = ${clients.id} and ${orders.status} not in ('draft', 'cancelled')`;

const ALIASES = { ordersCount: "orders_count", totalSpent: "total_spent", lastOrderAt: "last_order_at" } as const;
type Stat = keyof typeof ALIASES;

export const clientStats = {
  columns: {
    ordersCount: sql<number>`(select count(*) from ${orders} where ${counted})`.mapWith(Number).as(ALIASES.ordersCount),
    totalSpent: sql<string>`(select coalesce(sum(${orders.total}), 0) from ${orders} where ${counted})`.as(
      ALIASES.totalSpent,
    ),
    lastOrderAt: sql<Date | null>`(select max(${orders.createdAt}) from ${orders} where ${counted})`
      .mapWith(orders.createdAt)
      .as(ALIASES.lastOrderAt),
  },
  /** ORDER BY a stat: its alias in the select list, so the subquery is not written twice. */
  orderBy(stat: string): SQL {
    return sql.raw(`\`${ALIASES[stat as Stat]}\``);
  },
};
