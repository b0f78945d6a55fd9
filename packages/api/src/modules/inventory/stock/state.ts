import {
  type Executor,
  type MaterialRow,
  materials,
  type StockLocationRow,
  stockBalances,
  stockLocations,
} from "@fotostudio/db";
import { and, asc, eq, inArray, or } from "drizzle-orm";
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
 * Takes the studio's stock lock, then locks the materials (id order) and each of their balance
 * rows ((material, location) order): every writer of stock goes through here, so the same order
 * everywhere means no deadlock between two stock operations, and the material lock serializes the totals alerts and the moving average
 * read. Locking reads also read the latest committed rows, whatever snapshot the caller's
 * transaction already holds. An unknown material (or another studio's) is 404.
 *
 * Every material gets a balance row at every internal location (at zero, the first time it is
 * touched), so its rows are locked one by one by primary key, never as a range: a range or a
 * missing key would take gap locks, and two transactions inserting into each other's gaps deadlock
 * (seen with 120 racing receipts and consumptions over six materials).
 */
export async function lockStock(tx: Executor, materialIds: Iterable<number>, into?: StockState): Promise<StockState> {
  const state: StockState = into ?? { locations: await locationsById(tx), materials: new Map() };
  if (!into) await lockStudioStock(tx, state.locations);
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
  const internal = [...state.locations.values()]
    .filter((l) => l.kind === "internal")
    .map((l) => l.id)
    .sort((a, b) => a - b);
  await ensureBalances(tx, ids, internal);
  const balances = await tx
    .select()
    .from(stockBalances)
    .where(or(...ids.map((id) => and(eq(stockBalances.materialId, id), inArray(stockBalances.locationId, internal)))))
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

/**
 * Creates the missing balance rows (zero) of the materials at the internal locations. The caller
 * holds the materials' locks, so nobody else creates them meanwhile; the plain read may predate a
 * row committed before the lock was taken, which IGNORE then skips.
 */
async function ensureBalances(tx: Executor, ids: number[], internal: number[]): Promise<void> {
  const existing = await tx
    .select({ materialId: stockBalances.materialId, locationId: stockBalances.locationId })
    .from(stockBalances)
    .where(inArray(stockBalances.materialId, ids));
  const have = new Set(existing.map((b) => `${b.materialId}:${b.locationId}`));
  const rows = ids.flatMap((materialId) =>
    internal
      .filter((locationId) => !have.has(`${materialId}:${locationId}`))
      .map((locationId) => ({ materialId, locationId })),
  );
  if (rows.length > 0) await tx.insert(stockBalances).ignore().values(rows);
}

/**
 * The studio's stock lock: the row of its adjustment location (seeded, never changed), taken
 * first by every stock operation, so that stock operations run one after another per studio. Row
 * locks per material alone were not enough: the one-open-alert-per-material unique index (on a
 * generated column) takes gap locks when an alert opens or closes, and two operations on two
 * materials deadlocked on each other's gaps under load. A studio's stock changes are few and short;
 * the wait is milliseconds. Taking it again in the same transaction is free.
 */
export async function lockStudioStock(tx: Executor, locations: Map<number, StockLocationRow>): Promise<void> {
  const adjustment = [...locations.values()].find((l) => l.kind === "adjustment");
  if (!adjustment) throw new Error("the studio has no adjustment location (migration 0007 seeds one)");
  await tx
    .select({ id: stockLocations.id })
    .from(stockLocations)
    .where(eq(stockLocations.id, adjustment.id))
    .for("update");
}

export function stockOf(state: StockState, materialId: number): MaterialStock {
  const stock = state.materials.get(materialId);
  if (!stock) throw new Error(`material ${materialId} was not locked`);
  return stock;
}

/** The balance at an internal location (lockStock loaded one for each). */
export function balanceAt(stock: MaterialStock, locationId: number): Balance {
  const balance = stock.balances.get(locationId);
  if (!balance) throw new Error(`material ${stock.material.id} has no balance at location ${locationId}`);
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

/** Writes every changed balance, row by row by primary key (each row exists and is locked). */
export async function saveBalances(tx: Executor, state: StockState): Promise<void> {
  for (const [materialId, stock] of [...state.materials].sort(([a], [b]) => a - b)) {
    for (const [locationId, b] of [...stock.balances].sort(([x], [y]) => x - y)) {
      if (!b.dirty) continue;
      const values = { onHand: formatQuantity(b.onHand), reserved: formatQuantity(b.reserved) };
      await tx
        .update(stockBalances)
        .set(values)
        .where(and(eq(stockBalances.materialId, materialId), eq(stockBalances.locationId, locationId)));
      b.dirty = false;
    }
  }
}
