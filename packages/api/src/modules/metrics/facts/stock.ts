import { type Executor, type MaterialCategory, materials } from "@fotostudio/db";
import { eq, sql } from "drizzle-orm";
import { availableOf, type StockTotals, stockTotals } from "../../inventory/service/totals.js";

// Stock now, with the inventory module's definitions: value = on hand × moving-average cost per
// material, half-up to the cent (as a material's stock value shows); low stock = available ≤
// minimum, inclusive (the material list's `lowStock`), over active materials. A snapshot: there is
// no stock "per month" without replaying the ledger, so these KPIs offer no trend or comparison.

export interface StockFacts {
  valueCents: number;
  lowStock: number;
}

/** Σ on hand × average cost, each material rounded half-up to the cent first. */
const stockValue = (t: StockTotals) =>
  sql<string>`coalesce(sum(round(coalesce(${t.onHand}, 0) * ${materials.avgCost} * 100)), 0)`;
const lowCount = (t: StockTotals) => sql<number>`coalesce(sum(${availableOf(t)} <= ${materials.minQty}), 0)`;

export async function stockFacts(db: Executor): Promise<StockFacts> {
  const t = stockTotals(db);
  const [row] = await db
    .select({ value: stockValue(t), low: lowCount(t) })
    .from(materials)
    .leftJoin(t, eq(t.materialId, materials.id))
    .where(eq(materials.active, true));
  return { valueCents: Number(row?.value ?? 0), lowStock: Number(row?.low ?? 0) };
}

export interface CategoryStockFacts extends StockFacts {
  category: MaterialCategory;
  /** Active materials. */
  items: number;
}

/** The same facts per category (only categories with an active material); they sum to `stockFacts`. */
export async function stockByCategory(db: Executor): Promise<CategoryStockFacts[]> {
  const t = stockTotals(db);
  const rows = await db
    .select({ category: materials.category, items: sql<number>`count(*)`, value: stockValue(t), low: lowCount(t) })
    .from(materials)
    .leftJoin(t, eq(t.materialId, materials.id))
    .where(eq(materials.active, true))
    .groupBy(materials.category);
  return rows.map((r) => ({
    category: r.category,
    items: Number(r.items),
    valueCents: Number(r.value),
    lowStock: Number(r.low),
  }));
}
