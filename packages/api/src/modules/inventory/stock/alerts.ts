import { type Executor, isDuplicateKey, stockAlerts } from "@fotostudio/db";
import { eq, inArray, type SQL } from "drizzle-orm";
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
 * the transaction that changed it (the caller holds the material locks). At most one is open per
 * material (a unique index backs it); a low alert that runs out becomes out of stock on the same row.
 *
 * No locking read looks for an alert that may not exist (that would take a gap lock on the unique
 * index, and two transactions opening alerts of two materials would deadlock on each other's gap):
 * a plain read finds the open alert, its row is then locked by primary key for its latest state,
 * and an alert opened after this transaction's snapshot shows up as a duplicate key on insert.
 */
export async function syncAlerts(tx: Executor, state: StockState, materialIds: Iterable<number>): Promise<void> {
  const ids = [...new Set(materialIds)].sort((a, b) => a - b);
  if (ids.length === 0) return;
  const seen = await tx
    .select({ id: stockAlerts.id, materialId: stockAlerts.materialId })
    .from(stockAlerts)
    .where(inArray(stockAlerts.openMaterialId, ids));
  const now = new Date();
  for (const materialId of ids) {
    const stock = stockOf(state, materialId);
    const { available } = totals(stock);
    const minimum = thousandths(stock.material.minQty);
    const level = alertLevel(available, minimum);
    const facts = { available: formatQuantity(available), minimum: formatQuantity(minimum) };
    const hint = seen.find((a) => a.materialId === materialId);
    let current = hint ? await openAlert(tx, eq(stockAlerts.id, hint.id)) : undefined;
    if (!current && level) {
      try {
        await tx.insert(stockAlerts).values({ kind: level, materialId, ...facts, openedAt: now });
        continue;
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        current = await openAlert(tx, eq(stockAlerts.openMaterialId, materialId));
      }
    }
    if (!current) continue;
    if (!level) {
      await tx
        .update(stockAlerts)
        .set({ closedAt: now, ...facts })
        .where(eq(stockAlerts.id, current.id));
    } else if (current.kind !== level) {
      await tx
        .update(stockAlerts)
        .set({ kind: level, ...facts })
        .where(eq(stockAlerts.id, current.id));
    }
  }
}

/** The alert row, locked, if it is still open (a row that exists: a record lock, no gap). */
async function openAlert(tx: Executor, where: SQL) {
  const [row] = await tx.select().from(stockAlerts).where(where).for("update");
  return row && row.closedAt === null ? row : undefined;
}
