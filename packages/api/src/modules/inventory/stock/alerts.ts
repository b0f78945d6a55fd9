import { type Executor, stockAlerts } from "@fotostudio/db";
import { eq, inArray } from "drizzle-orm";
import { formatQuantity } from "../../../shared/fields.js";
import { type StockState, stockOf, thousandths, totals } from "./state.js";

export type StockAlertLevel = "low_stock" | "out_of_stock" | null;

/** The alert a material's available stock calls for: out of stock at 0, low at or below the minimum. */
export function alertLevel(available: number, minimum: number): StockAlertLevel {
  if (available <= 0) return "out_of_stock";
  if (available <= minimum) return "low_stock";
  return null;
}

/**
 * Opens, changes or closes each material's stock alert to match its available stock now, inside
 * the transaction that changed it (the caller holds the studio's stock lock and the materials').
 * At most one is open per material (a unique index backs it); a low alert that runs out becomes
 * out of stock on the same row.
 */
export async function syncAlerts(tx: Executor, state: StockState, materialIds: Iterable<number>): Promise<void> {
  const ids = [...new Set(materialIds)].sort((a, b) => a - b);
  if (ids.length === 0) return;
  const open = await tx.select().from(stockAlerts).where(inArray(stockAlerts.openMaterialId, ids)).for("update");
  const now = new Date();
  for (const materialId of ids) {
    const stock = stockOf(state, materialId);
    const { available } = totals(stock);
    const minimum = thousandths(stock.material.minQty);
    const level = alertLevel(available, minimum);
    const current = open.find((a) => a.materialId === materialId);
    const facts = { available: formatQuantity(available), minimum: formatQuantity(minimum) };
    if (!current && level) {
      await tx.insert(stockAlerts).values({ kind: level, materialId, ...facts, openedAt: now });
    } else if (current && !level) {
      await tx
        .update(stockAlerts)
        .set({ closedAt: now, ...facts })
        .where(eq(stockAlerts.id, current.id));
    } else if (current && level && current.kind !== level) {
      await tx
        .update(stockAlerts)
        .set({ kind: level, ...facts })
        .where(eq(stockAlerts.id, current.id));
    }
  }
}
