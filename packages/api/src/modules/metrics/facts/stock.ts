import { type Executor, materials } from "@fotostudio/db";
import { eq, sql } from "drizzle-orm";
import { availableOf, stockTotals } from "../../inventory/service/totals.js";

// Stock now, with the inventory module's definitions: value = on hand × moving-average cost per
// material, half-up to the cent (as a material's stock value shows); low stock = available ≤
// minimum, inclusive (the material list's `lowStock`), over active materials. A snapshot: there is
// no stock "per month" without replaying the ledger, so these KPIs offer no trend or comparison.

export interface StockFacts {
  valueCents: number;
  lowStock: number;
}

export async function stockFacts(db: Executor): Promise<StockFacts> {
  const t = stockTotals(db);
  const [row] = await db
    .select({
      value: sql<string>`coalesce(sum(round(coalesce(${t.onHand}, 0) * ${materials.avgCost} * 100)), 0)`,
      low: sql<number>`coalesce(sum(${availableOf(t)} <= ${materials.minQty}), 0)`,
    })
    .from(materials)
    .leftJoin(t, eq(t.materialId, materials.id))
    .where(eq(materials.active, true));
  return { valueCents: Number(row?.value ?? 0), lowStock: Number(row?.low ?? 0) };
}
