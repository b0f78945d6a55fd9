import { type Executor, type MaterialRow, materials, type StockLocationRow, stockBalances } from "@fotostudio/db";
import { asc, inArray, sql } from "drizzle-orm";
import { AppError } from "../../../errors.js";
import { formatQuantity, parseCents, parseQuantity } from "../../../shared/fields.js";
import { locationsById } from "./locations.js";

/** A balance in integers (thousandths); `dirty` when this operation changed it. */
export interface Balance {
  onHand: number;
  reserved: number;
  dirty: boolean;
}

/** One material's stock under its lock: the row, its moving average (cents) and every balance. */
export interface MaterialStock {
  material: MaterialRow;
  avgCost: number;
  avgDirty: boolean;
  balances: Map<number, Balance>;
}

/** What a stock operation works on: everything it may change, locked, in integers. */
export interface StockState {
  locations: Map<number, StockLocationRow>;
  materials: Map<number, MaterialStock>;
}

export const thousandths = (value: string) => parseQuantity(value) as number;
export const cents = (value: string) => parseCents(value) as number;

/**
 * Locks the materials (id order) and then every balance row of them ((material, location) order):
 * every writer of stock goes through here, so the same order everywhere means no deadlock between
 * two stock operations, and the material lock serializes the totals alerts and the moving average
 * read. Locking reads also read the latest committed rows, whatever snapshot the caller's
 * transaction already holds. An unknown material (or another studio's) is 404.
 */
export async function lockStock(tx: Executor, materialIds: Iterable<number>, into?: StockState): Promise<StockState> {
  const state: StockState = into ?? { locations: await locationsById(tx), materials: new Map() };
  const ids = [...new Set(materialIds)].filter((id) => !state.materials.has(id)).sort((a, b) => a - b);
  if (ids.length === 0) return state;
  const rows = await tx
    .select()
    .from(materials)
    .where(inArray(materials.id, ids))
    .orderBy(asc(materials.id))
    .for("update");
  const missing = ids.find((id) => !rows.some((row) => row.id === id));
  if (missing !== undefined) throw new AppError("NOT_FOUND", `Material ${missing} not found`);
  const balances = await tx
    .select()
    .from(stockBalances)
    .where(inArray(stockBalances.materialId, ids))
    .orderBy(asc(stockBalances.materialId), asc(stockBalances.locationId))
    .for("update");
  for (const material of rows) {
    state.materials.set(material.id, {
      material,
      avgCost: cents(material.avgCost),
      avgDirty: false,
      balances: new Map(),
    });
  }
  for (const b of balances) {
    state.materials.get(b.materialId)?.balances.set(b.locationId, {
      onHand: thousandths(b.onHand),
      reserved: thousandths(b.reserved),
      dirty: false,
    });
  }
  return state;
}

export function stockOf(state: StockState, materialId: number): MaterialStock {
  const stock = state.materials.get(materialId);
  if (!stock) throw new Error(`material ${materialId} was not locked`);
  return stock;
}

/** The balance at a location, created (at zero) the first time stock goes there. */
export function balanceAt(stock: MaterialStock, locationId: number): Balance {
  let balance = stock.balances.get(locationId);
  if (!balance) {
    balance = { onHand: 0, reserved: 0, dirty: false };
    stock.balances.set(locationId, balance);
  }
  return balance;
}

/** On hand and available over every internal location. */
export function totals(stock: MaterialStock): { onHand: number; available: number } {
  let onHand = 0;
  let reserved = 0;
  for (const b of stock.balances.values()) {
    onHand += b.onHand;
    reserved += b.reserved;
  }
  return { onHand, available: onHand - reserved };
}

/** Writes every changed balance in one statement (insert or update, in key order). */
export async function saveBalances(tx: Executor, state: StockState): Promise<void> {
  const rows: (typeof stockBalances.$inferInsert)[] = [];
  for (const [materialId, stock] of [...state.materials].sort(([a], [b]) => a - b)) {
    for (const [locationId, b] of [...stock.balances].sort(([x], [y]) => x - y)) {
      if (b.dirty) {
        rows.push({ materialId, locationId, onHand: formatQuantity(b.onHand), reserved: formatQuantity(b.reserved) });
      }
    }
  }
  if (rows.length === 0) return;
  await tx
    .insert(stockBalances)
    .values(rows)
    .onDuplicateKeyUpdate({
      set: {
        onHand: sql`values(on_hand)`,
        reserved: sql`values(reserved)`,
        updatedAt: sql`CURRENT_TIMESTAMP(3)`,
      },
    });
}
