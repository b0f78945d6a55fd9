import { type Executor, type StockMovementRow, stockMovements, stockReservations } from "@fotostudio/db";
import { asc, eq, inArray } from "drizzle-orm";
import { defaultOf, virtualOf } from "./locations.js";
import { applyMovements, type MovementDraft, saveStock } from "./movements.js";
import { type Component, lockOrderStock, unreserve } from "./reservations.js";

export interface WasteLine extends Component {
  /** Why it was lost (the merma's reason). */
  reason: string;
}

/**
 * Records what a production order used, all or nothing: its active reservations end (consumed for
 * the materials it used, released for the others), then `consume` movements (default location →
 * production) and `waste` movements (default → scrap) at the moving-average cost. The order's own
 * reservations count as available to it; other orders' do not (INSUFFICIENT_STOCK).
 */
export async function consumeForProduction(
  tx: Executor,
  input: { productionOrderId: number; userId?: number | null; consumed: Component[]; waste: WasteLine[] },
): Promise<StockMovementRow[]> {
  const used = [...input.consumed, ...input.waste].filter((c) => c.quantity > 0);
  const { state, active } = await lockOrderStock(
    tx,
    input.productionOrderId,
    used.map((c) => c.materialId),
  );
  unreserve(state, active);
  const home = defaultOf(state.locations).id;
  const base = { fromLocationId: home, userId: input.userId ?? null, productionOrderId: input.productionOrderId };
  const drafts: MovementDraft[] = [
    ...input.consumed
      .filter((c) => c.quantity > 0)
      .map((c) => ({
        ...base,
        ...c,
        type: "consume" as const,
        toLocationId: virtualOf(state.locations, "production").id,
      })),
    ...input.waste
      .filter((c) => c.quantity > 0)
      .map((c) => ({ ...base, ...c, type: "waste" as const, toLocationId: virtualOf(state.locations, "scrap").id })),
  ];
  const rows = applyMovements(state, drafts);
  const usedIds = new Set(used.map((c) => c.materialId));
  const consumedIds = active.filter((r) => usedIds.has(r.materialId)).map((r) => r.id);
  const releasedIds = active.filter((r) => !usedIds.has(r.materialId)).map((r) => r.id);
  if (consumedIds.length) {
    await tx.update(stockReservations).set({ status: "consumed" }).where(inArray(stockReservations.id, consumedIds));
  }
  if (releasedIds.length) {
    await tx.update(stockReservations).set({ status: "released" }).where(inArray(stockReservations.id, releasedIds));
  }
  return saveStock(tx, state, rows);
}

/** The consume and waste movements of a production order, oldest first (its trace). */
export function movementsOfProductionOrder(db: Executor, productionOrderId: number): Promise<StockMovementRow[]> {
  return db
    .select()
    .from(stockMovements)
    .where(eq(stockMovements.productionOrderId, productionOrderId))
    .orderBy(asc(stockMovements.id));
}
