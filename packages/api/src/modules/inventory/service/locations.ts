import { type Executor, type StockLocationRow, stockLocations } from "@fotostudio/db";
import { asc, eq } from "drizzle-orm";
import { AppError } from "../../../errors.js";
import type { Updated } from "../../../shared/changes.js";
import type { CreateLocationInput, PatchLocationInput } from "../schema/locations.js";

/** Internal locations first (the default on top), then the virtual ones. */
export function listLocations(db: Executor): Promise<StockLocationRow[]> {
  return db
    .select()
    .from(stockLocations)
    .orderBy(asc(stockLocations.kind), asc(stockLocations.code), asc(stockLocations.id));
}

async function getLocation(db: Executor, id: number): Promise<StockLocationRow> {
  const [row] = await db.select().from(stockLocations).where(eq(stockLocations.id, id)).limit(1).for("update");
  if (!row) throw new AppError("NOT_FOUND", `Location ${id} not found`);
  return row;
}

/** The default moves: the old default loses the mark first (one default: a unique index). */
async function takeDefault(db: Executor): Promise<void> {
  await db.update(stockLocations).set({ isDefault: false }).where(eq(stockLocations.isDefault, true));
}

export async function createLocation(db: Executor, input: CreateLocationInput): Promise<Updated<StockLocationRow>> {
  if (input.isDefault && !input.active) throw new AppError("BUSINESS_RULE", "The default location must be active");
  if (input.isDefault) await takeDefault(db);
  const [row] = await db
    .insert(stockLocations)
    .values({ ...input, kind: "internal" })
    .$returningId();
  if (!row) throw new Error("insert returned no id");
  return { before: null, after: await getLocation(db, row.id) };
}

/**
 * Changes an internal location; the virtual ones (supplier, customer, production, scrap,
 * adjustment) are fixed. The default can move to another location but never be unset, nor
 * deactivated: receipts and production always have somewhere to go.
 */
export async function updateLocation(
  db: Executor,
  id: number,
  changes: Omit<PatchLocationInput, "id">,
): Promise<Updated<StockLocationRow>> {
  const before = await getLocation(db, id);
  if (before.kind !== "internal")
    throw new AppError("BUSINESS_RULE", `Location ${before.code} is virtual: it cannot be changed`);
  const isDefault = changes.isDefault ?? before.isDefault;
  const active = changes.active ?? before.active;
  if (before.isDefault && !isDefault)
    throw new AppError("BUSINESS_RULE", "One location is always the default: make another one the default instead");
  if (isDefault && !active) throw new AppError("BUSINESS_RULE", "The default location must be active");
  if (isDefault && !before.isDefault) await takeDefault(db);
  await db.update(stockLocations).set(changes).where(eq(stockLocations.id, id));
  return { before, after: await getLocation(db, id) };
}
