import { type Executor, type StockReservationRow, stockReservations } from "@fotostudio/db";
import { and, asc, eq, inArray } from "drizzle-orm";
import { AppError } from "../../../errors.js";
import { formatQuantity } from "../../../shared/fields.js";
import { syncAlerts } from "./alerts.js";
import { defaultOf, locationOf } from "./locations.js";
import { balanceAt, lockStock, type StockState, saveBalances, stockOf, thousandths } from "./state.js";

export interface Component {
  materialId: number;
  /** Thousandths of the material's base unit. */
  quantity: number;
}

export interface Missing {
  materialId: number;
  required: number;
  available: number;
}

/** Sums quantities per material (a material listed twice is needed twice), zeros left out. */
export function perMaterial(components: Component[]): Map<number, number> {
  const sums = new Map<number, number>();
  for (const c of components) if (c.quantity > 0) sums.set(c.materialId, (sums.get(c.materialId) ?? 0) + c.quantity);
  return sums;
}

/**
 * The order's active reservations, with their materials locked. The caller holds the production
 * order's lock, taken before any plain read of its transaction (production's lockProduction), so
 * a plain read sees every reservation of the order; the rows are then locked by primary key after
 * the materials (materials, then balances, then reservations: the order every stock operation
 * takes), never as a range: no gap lock for another order's new reservations to deadlock on.
 */
export async function lockOrderStock(
  tx: Executor,
  productionOrderId: number,
  alsoMaterials: Iterable<number> = [],
): Promise<{ state: StockState; active: StockReservationRow[] }> {
  const seen = await tx
    .select({ id: stockReservations.id, materialId: stockReservations.materialId })
    .from(stockReservations)
    .where(and(eq(stockReservations.productionOrderId, productionOrderId), eq(stockReservations.status, "active")));
  const state = await lockStock(tx, [...alsoMaterials, ...seen.map((r) => r.materialId)]);
  if (seen.length === 0) return { state, active: [] };
  const rows = await tx
    .select()
    .from(stockReservations)
    .where(
      inArray(
        stockReservations.id,
        seen.map((r) => r.id),
      ),
    )
    .orderBy(asc(stockReservations.id))
    .for("update");
  return { state, active: rows.filter((r) => r.status === "active") };
}

/** Lowers the reserved stock the reservations held (in memory; the caller saves). */
export function unreserve(state: StockState, rows: StockReservationRow[]): void {
  for (const r of rows) {
    const balance = balanceAt(stockOf(state, r.materialId), r.locationId);
    balance.reserved = Math.max(0, balance.reserved - thousandths(r.quantity));
    balance.dirty = true;
  }
}

/**
 * Reserves a production order's components, all or nothing: if any material is short nothing is
 * reserved and `missing` says what is (the caller sets waiting_material). What the order already
 * holds counts: calling it again reserves only the difference. Quantities in thousandths.
 */
export async function reserveComponents(
  tx: Executor,
  input: { productionOrderId: number; components: Component[]; locationId?: number },
): Promise<{ reserved: Component[]; missing: Missing[] }> {
  const needs = perMaterial(input.components);
  const { state, active } = await lockOrderStock(tx, input.productionOrderId, needs.keys());
  const location = input.locationId ? locationOf(state.locations, input.locationId) : defaultOf(state.locations);
  if (location.kind !== "internal") {
    throw new AppError("VALIDATION_ERROR", "Input validation failed", {
      issues: [{ path: "locationId", message: "stock is reserved in an internal location", code: "custom" }],
    });
  }
  const held = (materialId: number) =>
    active
      .filter((r) => r.materialId === materialId && r.locationId === location.id)
      .reduce((sum, r) => sum + thousandths(r.quantity), 0);
  const missing: Missing[] = [];
  const rows: (typeof stockReservations.$inferInsert)[] = [];
  for (const [materialId, required] of [...needs].sort(([a], [b]) => a - b)) {
    const extra = required - held(materialId);
    if (extra <= 0) continue;
    const balance = balanceAt(stockOf(state, materialId), location.id);
    const available = balance.onHand - balance.reserved;
    if (available < extra) missing.push({ materialId, required, available: available + held(materialId) });
    else {
      balance.reserved += extra;
      balance.dirty = true;
      rows.push({
        materialId,
        locationId: location.id,
        productionOrderId: input.productionOrderId,
        quantity: formatQuantity(extra),
      });
    }
  }
  if (missing.length > 0) return { reserved: [], missing };
  if (rows.length > 0) await tx.insert(stockReservations).values(rows);
  await saveBalances(tx, state);
  await syncAlerts(tx, state, state.materials.keys());
  return {
    reserved: [...needs].map(([materialId]) => ({
      materialId,
      quantity: Math.max(needs.get(materialId) ?? 0, held(materialId)),
    })),
    missing,
  };
}

/** Every active reservation of the order → released; reserved stock lowered; alerts follow. */
export async function releaseReservations(tx: Executor, productionOrderId: number): Promise<void> {
  const { state, active } = await lockOrderStock(tx, productionOrderId);
  if (active.length === 0) return;
  unreserve(state, active);
  await tx
    .update(stockReservations)
    .set({ status: "released" })
    .where(
      inArray(
        stockReservations.id,
        active.map((r) => r.id),
      ),
    );
  await saveBalances(tx, state);
  await syncAlerts(tx, state, state.materials.keys());
}
