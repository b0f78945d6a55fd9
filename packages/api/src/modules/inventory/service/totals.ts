import { type Executor, stockBalances } from "@fotostudio/db";
import { sql } from "drizzle-orm";

/**
 * On hand and reserved per material over every internal location (only internal locations have
 * balances), as a derived table to LEFT JOIN on the material: one aggregate per query, no query
 * per row.
 */
export function stockTotals(db: Executor) {
  return db
    .select({
      materialId: stockBalances.materialId,
      onHand: sql<string>`sum(${stockBalances.onHand})`.as("total_on_hand"),
      reserved: sql<string>`sum(${stockBalances.reserved})`.as("total_reserved"),
    })
    .from(stockBalances)
    .groupBy(stockBalances.materialId)
    .as("stock_totals");
}
export type StockTotals = ReturnType<typeof stockTotals>;

/** The columns a material list selects from the totals (0 for a material never stocked). */
export function totalColumns(t: StockTotals) {
  return {
    onHand: sql<string>`coalesce(${t.onHand}, 0)`,
    reserved: sql<string>`coalesce(${t.reserved}, 0)`,
  };
}

/** available = on hand − reserved, in SQL (filters and ordering). */
export const availableOf = (t: StockTotals) => sql`(coalesce(${t.onHand}, 0) - coalesce(${t.reserved}, 0))`;

/** A signed decimal string from the database ("-2.500", "7.5", "0") → integer thousandths. */
export function signedThousandths(value: string | number | null): number {
  const text = String(value ?? "0").trim();
  const negative = text.startsWith("-");
  const [whole = "0", fraction = ""] = (negative ? text.slice(1) : text).split(".");
  const n = Number(whole) * 1000 + Number(fraction.padEnd(3, "0").slice(0, 3));
  return negative ? -n : n;
}
