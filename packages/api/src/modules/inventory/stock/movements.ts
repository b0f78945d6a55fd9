import {
  type Executor,
  type LocationKind,
  type MovementType,
  materials,
  type StockLocationRow,
  type StockMovementRow,
  stockMovements,
} from "@fotostudio/db";
import { asc, eq, inArray } from "drizzle-orm";
import { AppError } from "../../../errors.js";
import { formatCents, formatQuantity } from "../../../shared/fields.js";
import { syncAlerts } from "./alerts.js";
import { locationOf } from "./locations.js";
import {
  balanceAt,
  cents,
  lockStock,
  type MaterialStock,
  type StockState,
  saveBalances,
  stockOf,
  totals,
} from "./state.js";

/** A movement to post: quantities in thousandths of the base unit, money in cents. */
export interface MovementDraft {
  materialId: number;
  type: MovementType;
  quantity: number;
  fromLocationId: number;
  toLocationId: number;
  /** Receipts: what one base unit cost (default: the moving average, else the catalog cost). Others ignore it. */
  unitCost?: number;
  reason?: string | null;
  userId?: number | null;
  productionOrderId?: number | null;
  countId?: number | null;
  reversesId?: number | null;
}

/**
 * Where each type of movement goes (from kind → to kind). The way back is only a correction's
 * (a reversing movement), except for adjustments, which go either way.
 */
const ROUTES: Record<MovementType, [LocationKind, LocationKind]> = {
  receipt: ["supplier", "internal"],
  return: ["customer", "internal"],
  transfer: ["internal", "internal"],
  adjust: ["adjustment", "internal"],
  consume: ["internal", "production"],
  waste: ["internal", "scrap"],
};

function checkRoute(d: MovementDraft, from: StockLocationRow, to: StockLocationRow): "in" | "out" {
  const [a, b] = ROUTES[d.type];
  if (from.id === to.id) bad("toLocationId", "must differ from fromLocationId");
  if (from.kind === a && to.kind === b) return "in";
  if (from.kind === b && to.kind === a && (d.type === "adjust" || d.reversesId != null)) return "out";
  return bad("fromLocationId", `a ${d.type} goes from a ${a} location to a ${b} location`);
}

function bad(path: string, message: string): never {
  throw new AppError("VALIDATION_ERROR", "Input validation failed", { issues: [{ path, message, code: "custom" }] });
}

export function insufficient(stock: MaterialStock, locationId: number, requested: number, available: number): never {
  const [req, avail] = [formatQuantity(requested), formatQuantity(available)];
  throw new AppError(
    "INSUFFICIENT_STOCK",
    `Material ${stock.material.code}: ${req} ${stock.material.unit} requested, ${avail} available`,
    { details: { materialId: stock.material.id, locationId, requested: req, available: avail } },
  );
}

/** avg = (onHand·avg + qty·unitCost) / (onHand + qty), in cents, half up; never below 0. */
export function movingAverage(onHand: number, avg: number, qty: number, unitCost: number): number {
  const den = BigInt(onHand + qty);
  if (den <= 0n) return avg;
  const num = BigInt(onHand) * BigInt(avg) + BigInt(qty) * BigInt(unitCost);
  if (num <= 0n) return 0;
  return Number((2n * num + den) / (2n * den));
}

type Prepared = typeof stockMovements.$inferInsert;

/**
 * Applies the drafts to the locked state in memory, in order: every check (route, quantity, no
 * available stock below zero at an internal source) runs before anything is written, so a refused
 * batch writes nothing. Answers the rows to insert.
 */
export function applyMovements(state: StockState, drafts: MovementDraft[], now = new Date()): Prepared[] {
  return drafts.map((d) => {
    if (!Number.isSafeInteger(d.quantity) || d.quantity <= 0) bad("quantity", "must be greater than 0");
    const from = locationOf(state.locations, d.fromLocationId);
    const to = locationOf(state.locations, d.toLocationId);
    const direction = checkRoute(d, from, to);
    if (to.kind === "internal" && !to.active) bad("toLocationId", `location ${to.code} is inactive`);
    const stock = stockOf(state, d.materialId);
    let unitCost = stock.avgCost;
    if (d.type === "receipt") {
      const { onHand } = totals(stock);
      let average = stock.avgCost;
      if (direction === "in") {
        unitCost = d.unitCost ?? (stock.avgCost > 0 ? stock.avgCost : cents(stock.material.costPrice));
        average = movingAverage(onHand, stock.avgCost, d.quantity, unitCost);
      } else {
        // A receipt taken back takes its own cost out of the average with it.
        unitCost = d.unitCost ?? stock.avgCost;
        if (onHand - d.quantity > 0) average = movingAverage(onHand, stock.avgCost, -d.quantity, unitCost);
      }
      if (average !== stock.avgCost) {
        stock.avgCost = average;
        stock.avgDirty = true;
      }
    }
    if (from.kind === "internal") {
      const source = balanceAt(stock, from.id);
      const available = source.onHand - source.reserved;
      if (available < d.quantity) insufficient(stock, from.id, d.quantity, available);
      source.onHand -= d.quantity;
      source.dirty = true;
    }
    if (to.kind === "internal") {
      const target = balanceAt(stock, to.id);
      target.onHand += d.quantity;
      target.dirty = true;
    }
    return {
      materialId: d.materialId,
      type: d.type,
      quantity: formatQuantity(d.quantity),
      fromLocationId: from.id,
      toLocationId: to.id,
      unitCost: formatCents(unitCost),
      reason: d.reason ?? null,
      userId: d.userId ?? null,
      productionOrderId: d.productionOrderId ?? null,
      countId: d.countId ?? null,
      reversesId: d.reversesId ?? null,
      createdAt: now,
    };
  });
}

/** Writes what `applyMovements` prepared: the movements, the balances, moving averages and alerts. */
export async function saveStock(tx: Executor, state: StockState, rows: Prepared[]): Promise<StockMovementRow[]> {
  let saved: StockMovementRow[] = [];
  if (rows.length > 0) {
    const ids = (await tx.insert(stockMovements).values(rows).$returningId()).map((r) => r.id);
    saved = await tx
      .select()
      .from(stockMovements)
      .where(inArray(stockMovements.id, ids))
      .orderBy(asc(stockMovements.id));
  }
  await saveBalances(tx, state);
  for (const stock of state.materials.values()) {
    if (stock.avgDirty) {
      await tx
        .update(materials)
        .set({ avgCost: formatCents(stock.avgCost) })
        .where(eq(materials.id, stock.material.id));
    }
  }
  await syncAlerts(tx, state, state.materials.keys());
  return saved;
}

/**
 * Posts movements, all or nothing: locks the materials and their balances, checks every one, then
 * writes movements, balances, moving averages and alerts in the caller's transaction. `tx` must be
 * a transaction (the locks last until it ends).
 */
export async function postMovements(tx: Executor, drafts: MovementDraft[]): Promise<StockMovementRow[]> {
  const state = await lockStock(
    tx,
    drafts.map((d) => d.materialId),
  );
  return saveStock(tx, state, applyMovements(state, drafts));
}

export async function postMovement(tx: Executor, draft: MovementDraft): Promise<StockMovementRow> {
  const [row] = await postMovements(tx, [draft]);
  if (!row) throw new Error("no movement was written");
  return row;
}
