import { type Executor, materials } from "@fotostudio/db";
import { and, eq, gt, lte, or, sql } from "drizzle-orm";
import { formatQuantity } from "../../../shared/fields.js";
import { availableOf, signedThousandths, stockTotals, totalColumns } from "./totals.js";

/** max − (available + on order), rounded up to the pack multiple; 0 when nothing is needed. */
export function suggestedReorder(max: number, available: number, onOrder: number, pack: number): number {
  const need = max - (available + onOrder);
  if (need <= 0) return 0;
  const step = pack > 0 ? pack : 1;
  return Math.ceil(need / step) * step;
}

/**
 * What to order: every active material at or below its minimum (available ≤ minimum), most
 * critical first. Materials with neither a minimum nor a maximum are not stocked and are left out.
 */
export async function reorderSuggestions(db: Executor) {
  const t = stockTotals(db);
  const available = availableOf(t);
  const rows = await db
    .select({ material: materials, ...totalColumns(t) })
    .from(materials)
    .leftJoin(t, eq(t.materialId, materials.id))
    .where(
      and(
        eq(materials.active, true),
        or(gt(materials.minQty, "0"), gt(materials.maxQty, "0")),
        lte(available, materials.minQty),
      ),
    )
    .orderBy(sql`${available} - ${materials.minQty}`, materials.id);
  return rows.map(({ material: m, onHand, reserved }) => {
    const avail = signedThousandths(onHand) - signedThousandths(reserved);
    const [min, max, onOrder, pack] = [m.minQty, m.maxQty, m.onOrderQty, m.packMultiple].map(signedThousandths) as [
      number,
      number,
      number,
      number,
    ];
    return {
      materialId: m.id,
      code: m.code,
      name: m.name,
      unit: m.unit,
      available: formatQuantity(avail),
      onOrder: formatQuantity(onOrder),
      minimum: formatQuantity(min),
      maximum: formatQuantity(max),
      packMultiple: formatQuantity(pack),
      suggested: formatQuantity(suggestedReorder(max, avail, onOrder, pack)),
      purchaseUnit: m.purchaseUnit,
    };
  });
}
